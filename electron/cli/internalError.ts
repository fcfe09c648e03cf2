/**
 * An unexpected failure of a CLI command (a bug, never bad input: bad input gets a classified
 * message). The clerk reads what failed, where the details were written and that no file was
 * changed; the stack trace and the error's own (English) text go only into the log file.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INTERNAL_ERROR_EXIT = 3;

const COMMAND_LABELS: Record<string, string> = {
  show: '显示预算表（show）',
  check: '审核（check）',
  export: '导出 Excel（export）',
  import: '导入 Excel（import）',
};

/** The log file's text: when, which command with which arguments, and the full error. */
export function internalErrorLog(argv: readonly string[], error: unknown, at: Date): string {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return `部门预算编制器 命令行 内部错误\n时间：${at.toISOString()}\n命令：${JSON.stringify(argv)}\n\n${detail}\n`;
}

/**
 * Write the details to a new log file in `logDir` and print the clerk's message. Commands write
 * their output file only after everything succeeded (atomically), so a failure leaves files as they were.
 */
export function reportInternalError(argv: readonly string[], error: unknown, err: (s: string) => void, logDir: string = tmpdir(), now: Date = new Date()): number {
  const command = argv[0] ?? '';
  const what = Object.hasOwn(COMMAND_LABELS, command) ? COMMAND_LABELS[command] : '命令';
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const path = join(logDir, `budget-tables-error-${stamp}-${process.pid}.log`);
  let where: string;
  try {
    writeFileSync(path, internalErrorLog(argv, error, now), { encoding: 'utf8', flag: 'wx' });
    where = `详细信息已写入日志文件 ${path}，请把它提供给技术支持`;
  } catch {
    where = '详细信息未能写入日志文件';
  }
  err(`内部错误：${what}未能完成，程序出现了意外的问题。${where}。没有修改任何文件。\n`);
  return INTERNAL_ERROR_EXIT;
}
