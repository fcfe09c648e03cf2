/**
 * AG Grid column definitions from the catalogue's header tree: the official multi-level header as
 * column groups, label columns (names, codes; indented by row level) and amount columns (values from
 * the incremental evaluation, formatted in the display unit, read-only unless the cell is an input).
 */
import type { CellClassParams, ColDef, ColGroupDef, EditableCallbackParams, ITooltipParams, SuppressKeyboardEventParams, ValueGetterParams, ValueFormatterParams } from 'ag-grid-community';
import { fillYear, type HeaderNode, type TableDef } from '../../shared/catalogue';
import { SEVERITY_LABELS } from '../../shared/rules/finding';
import type { ProjectedRow } from '../../shared/tables/project';
import { AmountEditor } from './amountEditor';
import { formatAmount } from './amountText';
import type { GridContext } from './gridContext';

type Def = ColDef<ProjectedRow> | ColGroupDef<ProjectedRow>;

/** Pixels per printed character width of the catalogue. */
const PX_PER_CHAR = 8;

const keyOf = (p: { data?: ProjectedRow; colDef: ColDef<ProjectedRow> }): string | undefined => p.data?.cells[p.colDef.colId!]?.key;

/** Rows whose name can be edited in place: units (表2–表5), projects and sub-items (表5). */
export function renamable(tableId: string, row: ProjectedRow, colId: string, firstLabel: string): boolean {
  if (colId !== firstLabel) return false;
  if (row.id.startsWith('u:') && row.id.split(':').length === 2) return ['T2', 'T3', 'T4', 'T5'].includes(tableId);
  return tableId === 'T5' && (row.kind === 'project' || row.kind === 'subItem');
}

export function buildColumnDefs(def: TableDef, year: number, ctx: GridContext): { defs: Def[]; leafIds: string[] } {
  const leafIds: string[] = [];
  const firstLabel = def.labelColumns[0] ?? '';
  const suppressKeyboardEvent = (p: SuppressKeyboardEventParams<ProjectedRow>) => ctx.controller.suppressGridKey(p.event, p.editing);
  const inRange = (p: CellClassParams<ProjectedRow>) => ctx.controller.inRange(p.node.rowIndex, p.colDef.colId!);

  const leaf = (node: HeaderNode): ColDef<ProjectedRow> => {
    const colId = node.column!;
    leafIds.push(colId);
    const headerName = fillYear(node.text, year);
    const isLabel = def.labelColumns.includes(colId);
    const width = Math.round((def.widths?.[colId] ?? (isLabel ? 20 : 14)) * PX_PER_CHAR) + 12;
    if (isLabel) {
      return {
        colId,
        headerName,
        width,
        pinned: colId === firstLabel && leafIds.length === 1 && def.header.length > 6 ? 'left' : undefined,
        valueGetter: (p: ValueGetterParams<ProjectedRow>) => p.data?.cells[colId]?.text ?? '',
        editable: (p: EditableCallbackParams<ProjectedRow>) => !!p.data && renamable(def.id, p.data, colId, firstLabel),
        cellEditor: 'agTextCellEditor',
        cellClass: (p: CellClassParams<ProjectedRow>) => {
          const cell = p.data?.cells[colId];
          const indent = cell?.indent ?? (colId === firstLabel ? (p.data?.level ?? 0) : 0);
          return `cell-label indent-${Math.min(indent, 5)}`;
        },
        cellClassRules: { 'cell-in-range': inRange },
        suppressKeyboardEvent,
        wrapHeaderText: true,
        autoHeaderHeight: true,
        headerClass: 'hdr-leaf',
      };
    }
    return {
      colId,
      headerName,
      width,
      valueGetter: (p: ValueGetterParams<ProjectedRow>) => ctx.store.cellValue(keyOf(p)),
      valueFormatter: (p: ValueFormatterParams<ProjectedRow, number | null>) => (typeof p.value === 'number' ? formatAmount(p.value, ctx.store.unit, ctx.store.decimals) : ''),
      editable: (p: EditableCallbackParams<ProjectedRow>) => ctx.store.isInput(keyOf(p)),
      cellEditor: AmountEditor,
      cellClass: 'cell-amount',
      cellClassRules: {
        'cell-input': (p) => ctx.store.isInput(keyOf(p)),
        'cell-computed': (p) => {
          const k = keyOf(p);
          return k !== undefined && !ctx.store.isInput(k) && !ctx.store.breakdownOf(k);
        },
        'cell-breakdown': (p) => !!ctx.store.breakdownOf(keyOf(p)),
        'cell-error': (p) => {
          const k = keyOf(p);
          return k !== undefined && ctx.store.findings.markAt(k, ctx.store.accepted) === 'error';
        },
        'cell-warning': (p) => {
          const k = keyOf(p);
          return k !== undefined && ctx.store.findings.markAt(k, ctx.store.accepted) === 'warning';
        },
        'cell-in-range': inRange,
      },
      tooltip: (p: ITooltipParams<ProjectedRow>) => {
        const k = p.data?.cells[colId]?.key;
        if (!k) return undefined;
        const found = ctx.store.findings.atCell(k);
        if (found.length === 0) {
          if (ctx.store.isInput(k)) return undefined;
          if (ctx.store.isPrintedTotal(k)) return '原表列示的合计数（修改其明细后改按明细计算；“按明细重算合计”把所有合计改按明细计算）';
          return ctx.store.breakdownOf(k) ? '各预算单位之和：双击或按 Enter 按单位填写' : '计算单元格（由明细自动汇总，不能直接修改）';
        }
        return found.map((f) => `【${f.severity === 'warning' && Object.hasOwn(ctx.store.accepted, f.id) ? '已接受' : SEVERITY_LABELS[f.severity]}】${f.message}`).join('\n');
      },
      suppressKeyboardEvent,
      wrapHeaderText: true,
      autoHeaderHeight: true,
      headerClass: 'hdr-leaf hdr-amount',
    };
  };

  const walk = (nodes: readonly HeaderNode[]): Def[] =>
    nodes.map((n): Def => {
      if (n.children) return { headerName: fillYear(n.text, year), children: walk(n.children), marryChildren: true, headerClass: 'hdr-group' };
      return leaf(n);
    });
  return { defs: walk(def.header), leafIds };
}
