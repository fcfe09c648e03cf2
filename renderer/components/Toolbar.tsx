/** The toolbar: file commands, Excel, undo/redo, find, and the display unit (元 | 万元). */
import type { AppActions } from '../app/appActions';
import type { EditorStore } from '../app/editorStore';
import { useStoreValue } from '../app/useChannel';

/** What the toolbar shows of the store: an amount edit after the first changes none of it. */
function toolbarState(store: EditorStore): string {
  const last = store.history.past[store.history.past.length - 1]?.label ?? '';
  const next = store.history.future[0]?.label ?? '';
  return JSON.stringify([store.canUndo, store.canRedo, last, next, store.unit, store.file?.name ?? null, store.file?.path ?? null, store.dirty]);
}

export function Toolbar({ store, actions }: { store: EditorStore; actions: AppActions }) {
  useStoreValue(store, ['doc', 'view'], () => toolbarState(store));
  const lastLabel = store.history.past[store.history.past.length - 1]?.label;
  const nextLabel = store.history.future[0]?.label;
  return (
    <div className="toolbar" role="toolbar" aria-label="工具栏">
      <div className="tool-group">
        <button onClick={() => void actions.newDocument()}>新建</button>
        <button onClick={() => void actions.open()}>打开</button>
        <button onClick={() => void actions.openRecent()} title="最近打开的文件">
          最近
        </button>
        <button onClick={() => void actions.save()}>保存</button>
        <button onClick={() => void actions.saveAs()}>另存为</button>
      </div>
      <div className="tool-group">
        <button onClick={() => void actions.importExcel()}>导入Excel</button>
        <button onClick={() => void actions.importPreviousYear()}>从上年导入</button>
        <button onClick={() => void actions.exportExcel()} title="导出Excel（Ctrl+E）">
          导出Excel
        </button>
        <button onClick={() => void actions.importCodeList()} title="导入财政部门下发的支出功能分类、经济分类或政府采购品目代码表（Excel 或 CSV）">
          导入代码表
        </button>
      </div>
      <div className="tool-group">
        <button onClick={() => store.undo()} disabled={!store.canUndo} title={lastLabel ? `撤销：${lastLabel}（Ctrl+Z）` : '撤销（Ctrl+Z）'}>
          撤销
        </button>
        <button onClick={() => store.redo()} disabled={!store.canRedo} title={nextLabel ? `重做：${nextLabel}（Ctrl+Y）` : '重做（Ctrl+Y）'}>
          重做
        </button>
      </div>
      <div className="tool-group">
        <button onClick={() => store.openFind()} title="查找名称或编码（Ctrl+F）">
          查找
        </button>
        <button onClick={() => actions.showHelp()} title="快捷键列表（F1）">
          帮助
        </button>
      </div>
      <div className="tool-group unit-toggle" role="radiogroup" aria-label="金额单位">
        <span>单位</span>
        <button role="radio" aria-checked={store.unit === 'yuan'} className={store.unit === 'yuan' ? 'on' : ''} onClick={() => store.setUnit('yuan')}>
          元
        </button>
        <button role="radio" aria-checked={store.unit === 'wan'} className={store.unit === 'wan' ? 'on' : ''} onClick={() => store.setUnit('wan')}>
          万元
        </button>
      </div>
      <div className="doc-name" title={store.file?.path ?? store.file?.name ?? ''}>
        {store.file?.name ?? '未保存的新文档'}
        {store.dirty ? ' ●' : ''}
      </div>
    </div>
  );
}
