/** 表15-N 项目支出绩效目标表 of one project: fields, choices, amounts (two inputs, the rest computed), texts, indicators. */
import { setDepartmentFields, setProjectFields, PROJECT_TEXT_LABELS, type ProjectTextField } from '../../shared/edit';
import { UNIT_LABELS } from '../../shared/money/format';
import { FUND_USES, FUND_USE_LABELS, PROJECT_TYPES, PROJECT_TYPE_LABELS } from '../../shared/model/document';
import { projectProjectForms } from '../../shared/tables/forms';
import type { EditorStore } from '../app/editorStore';
import { useChannels } from '../app/useChannel';
import { AmountCell, AmountInput, DateField, TextField } from './fields';
import { IndicatorGrid } from './IndicatorGrid';
import { useFormReveal } from './useFormReveal';

const TEXT_FIELDS: ProjectTextField[] = ['overview', 'usage', 'midTermGoal', 'annualGoal'];

export function ProjectPerformanceForm({ store, projectId }: { store: EditorStore; projectId: string }) {
  useChannels(store, 'doc', 'findings', 'view');
  const ref = useFormReveal(store);
  const form = projectProjectForms(store.doc, store.built.structure).find((f) => f.projectId === projectId);
  const project = store.doc.projects.byId[projectId];
  if (!form || !project) return <p className="form-page">该项目已删除。</p>;
  const set = (fields: Parameters<typeof setProjectFields>[2]) => store.apply(setProjectFields(store.doc, projectId, fields));
  const unitLabel = UNIT_LABELS[store.unit];
  return (
    <div className="form-page" ref={ref} data-form={`T15:${projectId}`}>
      <h1 className="form-title">
        {form.label} {form.title}
      </h1>
      <p className="form-year">{form.yearLine}</p>
      <table className="form-table form-head">
        <tbody>
          <tr>
            <th>项目名称</th>
            <td colSpan={3}>
              <TextField label="项目名称" value={form.projectName} onCommit={(v) => set({ table15Name: v })} />
            </td>
          </tr>
          <tr>
            <th>实施单位</th>
            <td>{form.implementingUnit}</td>
            <th>主管部门</th>
            <td>
              <TextField label="主管部门" value={form.competentUnit} onCommit={(v) => store.apply(setDepartmentFields(store.doc, { competentDepartment: v }))} />
            </td>
          </tr>
          <tr>
            <th>项目类型</th>
            <td colSpan={3} className="choices" role="radiogroup" aria-label="项目类型">
              {PROJECT_TYPES.map((t) => (
                <label key={t}>
                  <input type="radio" name={`type-${projectId}`} checked={project.type === t} onChange={() => set({ type: t })} /> {PROJECT_TYPE_LABELS[t]}
                </label>
              ))}
            </td>
          </tr>
          <tr>
            <th>资金用途</th>
            <td colSpan={3} className="choices">
              {FUND_USES.map((u) => (
                <label key={u}>
                  <input
                    type="checkbox"
                    checked={project.fundUses.includes(u)}
                    onChange={(e) => set({ fundUses: e.target.checked ? [...project.fundUses, u] : project.fundUses.filter((x) => x !== u) })}
                  />{' '}
                  {FUND_USE_LABELS[u]}
                </label>
              ))}
            </td>
          </tr>
          <tr>
            <th>项目开始日期</th>
            <td>
              <DateField store={store} label="项目开始日期" value={project.startDate ?? null} onCommit={(d) => set({ startDate: d })} />
            </td>
            <th>项目结束日期</th>
            <td>
              <DateField store={store} label="项目结束日期" value={project.endDate ?? null} onCommit={(d) => set({ endDate: d })} />
            </td>
          </tr>
        </tbody>
      </table>
      <h2 className="form-section">项目金额（单位：{unitLabel}）</h2>
      <table className="form-table">
        <tbody>
          <tr>
            <th>项目总金额</th>
            <td>
              <AmountInput store={store} cellKey={form.totalAmountKey} label="项目总金额" />
            </td>
            <th>本年度金额</th>
            <td>
              <AmountCell store={store} cellKey={form.currentYearKey} label="本年度金额" />
            </td>
          </tr>
          <tr>
            <th>其中：财政拨款</th>
            <td>
              <AmountCell store={store} cellKey={form.fiscalKey} label="财政拨款" />
            </td>
            <th>其他资金</th>
            <td>
              <AmountCell store={store} cellKey={form.otherKey} label="其他资金" />
            </td>
          </tr>
          <tr>
            <th>固定资产采购金额</th>
            <td>
              <AmountInput store={store} cellKey={form.assetPurchaseKey} label="固定资产采购金额" />
            </td>
            <th>采购品目</th>
            <td>
              <TextField label="采购品目" value={form.assetPurchaseItems} onCommit={(v) => set({ assetPurchaseItems: v })} />
            </td>
          </tr>
        </tbody>
      </table>
      {TEXT_FIELDS.map((f) => (
        <div key={f}>
          <h2 className="form-section">{PROJECT_TEXT_LABELS[f]}</h2>
          <TextField label={PROJECT_TEXT_LABELS[f]} multiline rows={3} value={project.texts[f]} onCommit={(v) => set({ texts: { [f]: v } })} />
        </div>
      ))}
      <h2 className="form-section">绩效目标</h2>
      <IndicatorGrid store={store} owner={{ projectId }} indicators={form.indicators} withSource labels={['目标内容', '二级指标', '绩效指标', '指标目标值']} />
    </div>
  );
}
