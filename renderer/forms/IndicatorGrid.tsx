/** The editable indicator grid of 表14 / 表15: rows of 一级/二级/三级指标 and 指标值, add / remove / move. */
import { addIndicator, moveIndicator, removeIndicator, setIndicatorField, type IndicatorField, type IndicatorOwner } from '../../shared/edit';
import type { Indicator } from '../../shared/model/document';
import type { EditorStore } from '../app/editorStore';
import { TextField } from './fields';

export function IndicatorGrid({ store, owner, indicators, withSource, labels }: { store: EditorStore; owner: IndicatorOwner; indicators: Indicator[]; withSource?: boolean; labels: [string, string, string, string] }) {
  const set = (id: string, field: IndicatorField) => (v: string) => store.apply(setIndicatorField(store.doc, owner, id, field, v));
  const ownerKey = owner === 'overall' ? 'overall' : owner.projectId;
  return (
    <div className="indicator-grid">
      <table className="form-table">
        <thead>
          <tr>
            <th>{labels[0]}</th>
            <th>{labels[1]}</th>
            <th>{labels[2]}</th>
            <th>{labels[3]}</th>
            {withSource && <th>目标值来源</th>}
            <th className="ops">操作</th>
          </tr>
        </thead>
        <tbody>
          {indicators.length === 0 && (
            <tr>
              <td colSpan={withSource ? 6 : 5} className="empty">
                还没有绩效指标。
              </td>
            </tr>
          )}
          {indicators.map((ind, i) => (
            <tr key={`${ownerKey}:${ind.id}`}>
              <td>
                <TextField label={`${labels[0]} 第${i + 1}行`} value={ind.level1} onCommit={set(ind.id, 'level1')} />
              </td>
              <td>
                <TextField label={`${labels[1]} 第${i + 1}行`} value={ind.level2} onCommit={set(ind.id, 'level2')} />
              </td>
              <td>
                <TextField label={`${labels[2]} 第${i + 1}行`} value={ind.name} onCommit={set(ind.id, 'name')} multiline rows={1} />
              </td>
              <td>
                <TextField label={`${labels[3]} 第${i + 1}行`} value={ind.value} onCommit={set(ind.id, 'value')} />
              </td>
              {withSource && (
                <td>
                  <TextField label={`目标值来源 第${i + 1}行`} value={ind.source ?? ''} onCommit={set(ind.id, 'source')} />
                </td>
              )}
              <td className="ops">
                <button title="在下面插入一行" onClick={() => store.apply(addIndicator(store.doc, owner, {}, i))}>
                  插入
                </button>
                <button title="上移" disabled={i === 0} onClick={() => store.apply(moveIndicator(store.doc, owner, ind.id, -1))}>
                  ↑
                </button>
                <button title="下移" disabled={i === indicators.length - 1} onClick={() => store.apply(moveIndicator(store.doc, owner, ind.id, 1))}>
                  ↓
                </button>
                <button title="删除此行" onClick={() => store.apply(removeIndicator(store.doc, owner, ind.id))}>
                  删除
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button className="btn btn-small" onClick={() => store.apply(addIndicator(store.doc, owner))}>
        添加指标
      </button>
    </div>
  );
}
