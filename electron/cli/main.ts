/**
 * Command-line interface (Node): `npm run --silent cli -- <command>`.
 * Thin: argument parsing and printing; everything else is shared/ code.
 */
import { runCheck } from './check';
import { reportInternalError } from './internalError';
import { runExport } from './export';
import { runImport } from './import';
import { runShow } from './show';

const HELP = `部门预算编制器 命令行

用法：npm run --silent cli -- <命令> [参数]

命令：
  show FILE [--table 表N] [--unit 万元|元] [--decimals N]
                                               以文本显示预算表（不指定 --table 时显示全部表）
  check FILE... [--json]                       读取并审核预算文件（.budget 或 .xlsx），列出审核结果
                                               退出码：0 无强制性错误；1 有强制性错误；2 有文件无法读取
  export FILE.budget -o OUT.xlsx [--blank] [--adjust-rounding] [--force] [--unit 万元|元] [--decimals N] [--json]
                                               导出官方格式的 Excel 工作簿（表1…表14、表15-1…表15-N）
                                               金额默认按文档读入时的单位和小数位数，--unit、--decimals 另行指定
                                               --blank 空白模板（只有结构，不含金额）；--adjust-rounding 尾差调整；
                                               有强制性审核错误时不导出（退出码 1），--force 仍然导出
  import FILE.xlsx -o OUT.budget [--roll-forward] [--into OPEN.budget] [--year N] [--json]
                                               导入 Excel 工作簿为预算文件，并列出导入报告
                                               --roll-forward 由上年工作簿生成本年预算（金额为空，上年数保留）；
                                               --into 把上年工作簿的金额作为上年数导入已有的预算文件
  help                                         显示本帮助

FILE 为 .budget 预算文件（show、check 也接受 .xlsx 工作簿）。示例：
  npm run --silent cli -- show resources/samples/shenzhen-xinfang-2020.budget --table 表4
`;

export interface MainOptions {
  /** Folder of the log file an internal error writes (default: the system's temp folder). */
  logDir?: string;
}

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s), options: MainOptions = {}): Promise<number> {
  try {
    return await runCommand(argv, out, err);
  } catch (e) {
    return reportInternalError(argv, e, err, options.logDir);
  }
}

async function runCommand(argv: string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'show':
      return runShow(args, out, err);
    case 'check':
      return runCheck(args, out, err);
    case 'export':
      return runExport(args, out, err);
    case 'import':
      return runImport(args, out, err);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      out(HELP);
      return 0;
    default:
      err(`未知命令“${command}”。\n\n${HELP}`);
      return 2;
  }
}

const isEntry = process.argv[1] && /cli[\\/]main\.[cm]?[jt]s$/.test(process.argv[1]);
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.exitCode = reportInternalError(process.argv.slice(2), e, (s) => process.stderr.write(s));
    },
  );
}
