import { amountDecimals, getCatalogue } from '../../shared/catalogue';
import { evaluate, shownValueOf } from '../../shared/compute/evaluate';
import { graphOf } from '../../shared/compute/inputCells';
import type { DepartmentBudget, DisplayUnit } from '../../shared/model/document';
import type { Fen } from '../../shared/money/fen';
import { formatFen } from '../../shared/money/format';
import { projectOverallForm, projectProjectForms } from '../../shared/tables/forms';
import { nameLookupForYear } from '../../shared/tables/names';
import { projectTable } from '../../shared/tables/project';
import { renderTableText, type ValueSource } from '../../shared/tables/renderText';
import type { TableId } from '../../shared/model/cellKey';
import { loadDocument } from './loadDocument';
import { parseDecimalsArg, parseUnitArg } from './precisionArgs';
import { parseTableArg } from './tableArg';

export async function runShow(args: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let file: string | undefined;
  let tableArg: string | undefined;
  let unitArg: string | undefined;
  let decimalsArg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--table') tableArg = args[++i];
    else if (a === '--unit') unitArg = args[++i];
    else if (a === '--decimals') decimalsArg = args[++i];
    else if (a.startsWith('--')) {
      err(`show：未知参数 ${a}\n`);
      return 2;
    } else if (!file) file = a;
    else {
      err('show：只能指定一个文件\n');
      return 2;
    }
  }
  if (!file) {
    err('show：请指定预算文件，例如 show resources/samples/shenzhen-xinfang-2020.budget --table 表4\n');
    return 2;
  }
  const target = tableArg === undefined ? null : parseTableArg(tableArg);
  if (tableArg !== undefined && !target) {
    err(`show：无法识别的表号“${tableArg}”（应为 表1 … 表15 或 表15-N）\n`);
    return 2;
  }
  const unit = unitArg === undefined ? undefined : parseUnitArg('show', unitArg);
  const decimals = decimalsArg === undefined ? undefined : parseDecimalsArg('show', decimalsArg);
  for (const parsed of [unit, decimals]) {
    if (parsed && !parsed.ok) {
      err(`${parsed.message}\n`);
      return 2;
    }
  }
  const loaded = await loadDocument(file);
  if (!loaded.ok) {
    err(`${loaded.error.message}\n`);
    return 2;
  }
  out(`${showDocument(loaded.doc, target, unit?.ok ? unit.value : undefined, decimals?.ok ? decimals.value : undefined)}\n`);
  return 0;
}

export function showDocument(doc: DepartmentBudget, target: { table: TableId; index?: number } | null, unitOverride?: DisplayUnit, decimalsOverride?: number): string {
  const catalogue = getCatalogue(doc.catalogueId);
  const { graph, structure } = graphOf(doc);
  const ev = evaluate(graph, doc);
  const unit = unitOverride ?? doc.department.displayUnit;
  const decimals = decimalsOverride ?? amountDecimals(catalogue, doc.department, unit);
  const values: ValueSource = {
    value(key) {
      const id = graph.idOf(key);
      if (id === undefined) return undefined;
      const shown = shownValueOf(ev, id);
      return { fen: (shown ?? 0) as Fen, empty: shown === null };
    },
  };
  const money = (key: string) => {
    const v = values.value(key);
    return v && !v.empty ? formatFen(v.fen, { unit, decimals }) : '';
  };
  const names = nameLookupForYear(doc.department.fiscalYear);
  const parts: string[] = [];
  for (const def of catalogue.tables) {
    if (target && def.id !== target.table) continue;
    if (def.layout === 'overallPerformanceForm') {
      const f = projectOverallForm(doc, structure);
      const lines = [`${f.label}  ${f.title}`, f.yearLine, `部门（单位）名称：${f.departmentName}    主管部门：${f.competentDepartment}`, `年度主要任务（金额单位：${unit === 'wan' ? '万元' : '元'}；总额 / 财政拨款 / 其他资金）`];
      for (const t of [f.total, ...f.tasks]) lines.push(`  ${t.name}：${money(t.totalKey)} / ${money(t.fiscalKey)} / ${money(t.otherKey)}${t.content ? `\n      ${t.content}` : ''}`);
      lines.push('年度总体目标：', ...f.overallGoal.split('\n').map((l) => `  ${l}`), '年度绩效指标：');
      for (const i of f.indicators) lines.push(`  ${i.level1} / ${i.level2} / ${i.name}：${i.value}`);
      parts.push(lines.join('\n'));
    } else if (def.layout === 'projectPerformanceForm') {
      projectProjectForms(doc, structure).forEach((f, i) => {
        if (target?.index !== undefined && target.index !== i + 1) return;
        const lines = [
          `${f.label}  ${f.title}`,
          f.yearLine,
          `实施单位：${f.implementingUnit}    主管单位：${f.competentUnit}`,
          `项目名称：${f.projectName}`,
          `项目类型：${f.typeLine}`,
          `资金用途：${f.fundUseLine}`,
          `计划开始日期：${f.startDate}    计划完成日期：${f.endDate}`,
          `项目总金额：${money(f.totalAmountKey)}    本年度项目金额：${money(f.currentYearKey)}`,
          `财政拨款资金：${money(f.fiscalKey)}    其他资金：${money(f.otherKey)}`,
          `资产采购计划：固定资产采购金额 ${money(f.assetPurchaseKey)}    采购品目 ${f.assetPurchaseItems}`,
          `项目概况：${f.overview}`,
          `项目用途：${f.usage}`,
          `项目总(中期)目标：${f.midTermGoal}`,
          `年度绩效目标：${f.annualGoal}`,
        ];
        for (const ind of f.indicators) lines.push(`  ${ind.level1} / ${ind.level2} / ${ind.name}：${ind.value}${ind.source ? `（${ind.source}）` : ''}`);
        parts.push(lines.join('\n'));
      });
    } else {
      const table = projectTable(doc, catalogue, def.id, names, structure);
      parts.push(renderTableText(table, values, { departmentName: doc.department.name, unit, decimals }));
    }
  }
  return parts.join('\n\n');
}
