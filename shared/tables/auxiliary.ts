/**
 * 辅助表 (T0): amounts the department enters that no official table lists line by line — the
 * functional classification of 财政专户管理资金 and 非财政拨款资金. They reach 表1's expenditure side
 * (by 功能分类) through the cell graph; 表7–表9 show only the fiscal funds. Not a sheet of the
 * official workbook (the hidden metadata carries the lines), so it lives outside the catalogue.
 */
import type { HeaderNode, TableDef } from '../catalogue';

const leaf = (text: string, column: string): HeaderNode => ({ text, column });

export const AUXILIARY_TABLE: TableDef = {
  id: 'T0',
  number: 0,
  title: '其他资金支出功能分类（财政专户管理资金、非财政拨款资金）',
  sheetName: '辅助表',
  layout: 'functionalLines',
  header: [leaf('预算单位', 'unit'), leaf('科目编码', 'code'), leaf('科目名称', 'name'), leaf('资金性质', 'fundName'), leaf('支出总计', 'total'), leaf('基本支出', 'basic'), leaf('项目支出', 'project')],
  labelColumns: ['unit', 'code', 'name', 'fundName'],
  widths: { unit: 22, code: 12, name: 36, fundName: 18 },
  orientation: 'landscape',
};
