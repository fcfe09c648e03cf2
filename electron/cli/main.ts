/**
 * Command-line interface (Node): `npm run --silent cli -- <command>`.
 * Thin: argument parsing and printing; everything else is shared/ code.
 */
import { runCheck } from './check';
import { runShow } from './show';

const HELP = `部门预算编制器 命令行

用法：npm run --silent cli -- <命令> [参数]

命令：
  show FILE [--table 表N] [--unit 万元|元]   以文本显示预算表（不指定 --table 时显示全部表）
  check FILE... [--json]                       读取并审核预算文件，列出审核结果
                                               退出码：0 无强制性错误；1 有强制性错误；2 有文件无法读取
  help                                         显示本帮助

FILE 为 .budget 预算文件。示例：
  npm run --silent cli -- show resources/samples/shenzhen-xinfang-2020.budget --table 表4
`;

export async function main(argv: string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'show':
      return runShow(args, out, err);
    case 'check':
      return runCheck(args, out, err);
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
      process.stderr.write(`内部错误：${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 3;
    },
  );
}
