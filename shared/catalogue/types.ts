/**
 * The table catalogue: declarative descriptions of the official tables that the grid, the CLI,
 * the Excel exporter/importer and the rules all read. Another region's or year's layout is a new
 * catalogue entry (data), not new code.
 *
 * Header texts may contain `{year}` (the fiscal year) and `{previousYear}`.
 */
import type { TableId } from '../model/cellKey';

export interface HeaderNode {
  text: string;
  /** Leaf: the column key (an amount column's key is the cell key's column part). */
  column?: string;
  children?: HeaderNode[];
}

export type ColumnKind = 'label' | 'amount';

export interface ColumnDef {
  key: string;
  kind: ColumnKind;
  /** Header texts from top to leaf (merged cells repeat). */
  headerPath: string[];
  /** Excel column width in characters. */
  width: number;
}

/** How rows are generated from the document (interpreted by shared/tables/project.ts). */
export type RowLayout =
  | 'overview' // 表1: income items ↔ expenditure by 功能分类, two-sided
  | 'fiscalOverview' // 表6: 表1 for 财政拨款
  | 'unitRows' // 表2/表3: department row, then one row per unit
  | 'economicLines' // 表4: department, unit, 经济分类 类, 款
  | 'projectLines' // 表5: department, unit, project, sub-items
  | 'functionalLines' // 表7/8/9: department, unit, 功能分类 项 lines of one fund
  | 'transferLines' // 表10
  | 'procurementLines' // 表11: department, unit, 品目 group, items
  | 'threePublicYears' // 表12: per unit, previous and current year
  | 'performanceProjects' // 表13
  | 'overallPerformanceForm' // 表14 form
  | 'projectPerformanceForm'; // 表15-N forms

export interface TableDef {
  id: TableId;
  /** Printed number: 表1 … 表15. */
  number: number;
  title: string;
  /** Excel sheet name; 表15 gets `-N` appended per project. */
  sheetName: string;
  layout: RowLayout;
  /** Header tree (grid tables) — absent for forms. */
  header: HeaderNode[];
  /** Which leaf columns are labels (text) rather than amounts. */
  labelColumns: string[];
  /** Excel column widths by column key (characters); others get a default. */
  widths?: Record<string, number>;
  /** Functional fund shown (表7/8/9). */
  fund?: 'generalPublicBudget' | 'governmentFund' | 'stateCapitalBudget';
  /** Default note printed under the table when it has no amounts (a document note overrides it). */
  emptyNote?: string;
  /** Fixed note printed under the table whether empty or not (unless the document has its own). */
  note?: string;
  orientation: 'landscape' | 'portrait';
}

export interface Catalogue {
  id: string;
  /** Human-readable name of the layout, e.g. 深圳市 2020 年部门预算公开表格. */
  name: string;
  /** Printed decimals of amounts in 万元 and in 元. */
  decimals: { wan: number; yuan: number };
  tables: TableDef[];
}
