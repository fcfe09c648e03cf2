/** 表14 部门（单位）整体支出绩效目标表: tasks with their (computed) amounts, the overall goal, the indicators. */
import { setDepartmentFields, setPerformanceTexts, setProjectFields } from '../../shared/edit';
import { UNIT_LABELS } from '../../shared/money/format';
import { projectOverallForm } from '../../shared/tables/forms';
import type { EditorStore } from '../app/editorStore';
import { useChannels } from '../app/useChannel';
import { AmountCell, TextField } from './fields';
import { IndicatorGrid } from './IndicatorGrid';
import { useFormReveal } from './useFormReveal';

export function OverallPerformanceForm({ store }: { store: EditorStore }) {
  useChannels(store, 'doc', 'findings', 'view');
  const ref = useFormReveal(store);
  const form = projectOverallForm(store.doc, store.built.structure);
  const unitLabel = UNIT_LABELS[store.unit];
  return (
    <div className="form-page" ref={ref} data-form="T14">
      <h1 className="form-title">{form.title}</h1>
      <p className="form-year">{form.yearLine}</p>
      <table className="form-table form-head">
        <tbody>
          <tr>
            <th>部门（单位）名称</th>
            <td>
              <TextField label="部门（单位）名称" value={form.departmentName} onCommit={(v) => store.apply(setDepartmentFields(store.doc, { name: v }))} />
            </td>
            <th>主管部门</th>
            <td>
              <TextField label="主管部门" value={form.competentDepartment} onCommit={(v) => store.apply(setDepartmentFields(store.doc, { competentDepartment: v }))} />
            </td>
          </tr>
        </tbody>
      </table>
      <h2 className="form-section">年度主要任务（单位：{unitLabel}）</h2>
      <table className="form-table">
        <thead>
          <tr>
            <th rowSpan={2}>任务名称</th>
            <th rowSpan={2}>主要内容</th>
            <th colSpan={3}>预算金额</th>
          </tr>
          <tr>
            <th>总额</th>
            <th>财政拨款</th>
            <th>其他资金</th>
          </tr>
        </thead>
        <tbody>
          {form.tasks.map((t) => (
            <tr key={t.rowKey}>
              <td className="task-name">{t.name}</td>
              <td>
                <TextField
                  label={`${t.name} 主要内容`}
                  multiline
                  value={t.content}
                  onCommit={(v) => store.apply(t.rowKey === 'basic' ? setPerformanceTexts(store.doc, { basicTaskContent: v }) : setProjectFields(store.doc, t.rowKey.slice(2), { texts: { task: v } }))}
                />
              </td>
              <td>
                <AmountCell store={store} cellKey={t.totalKey} label={`${t.name} 总额`} />
              </td>
              <td>
                <AmountCell store={store} cellKey={t.fiscalKey} label={`${t.name} 财政拨款`} />
              </td>
              <td>
                <AmountCell store={store} cellKey={t.otherKey} label={`${t.name} 其他资金`} />
              </td>
            </tr>
          ))}
          <tr className="row-total">
            <td colSpan={2}>金额合计</td>
            <td>
              <AmountCell store={store} cellKey={form.total.totalKey} label="合计 总额" />
            </td>
            <td>
              <AmountCell store={store} cellKey={form.total.fiscalKey} label="合计 财政拨款" />
            </td>
            <td>
              <AmountCell store={store} cellKey={form.total.otherKey} label="合计 其他资金" />
            </td>
          </tr>
        </tbody>
      </table>
      <h2 className="form-section">年度总体目标</h2>
      <TextField label="年度总体目标" multiline rows={5} value={form.overallGoal} onCommit={(v) => store.apply(setPerformanceTexts(store.doc, { overallGoal: v }))} />
      <h2 className="form-section">年度绩效指标</h2>
      <IndicatorGrid store={store} owner="overall" indicators={form.indicators} labels={['一级指标', '二级指标', '三级指标', '指标值']} />
    </div>
  );
}
