#!/usr/bin/env node
/** budgetbook command line: thin shells over the pipeline stages. */
import { readerNeedAny } from './needs-reader.js';

const HELP = `budgetbook —— 部门预算的精确数据、校验与公开

用法：budgetbook <命令> [参数]

  cells <文件>            输出单元格 CSV（开放数据格式，金额单位：元）
  json <文件>             输出完整文档 JSON（元数据、九张表、说明文字中的数字）
  check <文件> [--json] [--prior <上年文件>] [--budget <同年预算，检查决算时>]
                          校验：表内表间勾稽、科目、说明与表格、与上年比较、完整性、文字质量；
                          有错误时退出码为 1
  publish <文件> --out <文件夹> [--edition public|review] [--force] [--license ID] [--prior <上年文件>] [--formats html,pdf,...]
                          发布：网页、PDF、Excel、单元格 CSV、JSON 与 datapackage.json
  consolidate <单位文件...> --name <部门名称> --out <输出.json>
                          由各单位预算汇总部门预算
  catalog import <文件>   载入财政部门发布的科目表（CSV 或 XLSX）
  catalog list            列出可用的科目表版本
  import <文件或文件夹…> [--data <文件夹>] [--publish]
                          把文件存入数据库（逐份读取、校验、分批存入；每份文件要么全部存入、要么全不存入；相同内容只存一个版本）
  serve [--port 8080] [--data <文件夹>] [--demo] [--trust-proxy]
                          启动 API 服务；--demo 用示例文件和演示用户启动；
                          --trust-proxy 在反向代理之后（采用 X-Forwarded-For/-Proto）
  generate --entities N --years Y --out <文件夹> [--format json --finals]
                          生成一个合成的城市（部门及其单位，逐年衔接）
  catalog show <编码>     查看一个科目
  benefit --category <类别> --inpatient <元> --outpatient <元> [--json]
                          按预算文件所述的医疗救助规则，计算一人一年的救助（逐步说明）
  estimate <人数表.csv> [--document <预算文件>] [--json]
                          按各类救助对象人数与人均自负费用测算项目预算，并与文件的年度预算比较
  review <文件或文件夹…> --out <文件夹> [--url <公开网址>] [--prior-dir <上年文件夹>]
                          按财政局的“预算公开情况检查表”审核：每份文件一张检查表（XLSX）与带页面截图的报告（HTML），多份时另有汇总表
  help                    显示本说明

文件可以是 PDF、XLSX 工作簿、文本（UTF-8 或 GBK，表格为 markdown 或由 PDF 转出的文字）或 budgetbook JSON。
数据库：默认为内嵌数据库（--data 指定文件夹，缺省 ~/.budgetbook/store）；设置 DATABASE_URL 时用 PostgreSQL 服务器。
出错时退出码为 2，并说明出错的文件、行号（或工作表与单元格）和处理建议。`;

/** Each command loads only what it needs (a PDF library, a spreadsheet library), when it runs. */
const COMMANDS: Record<string, () => Promise<(args: string[]) => Promise<number>>> = {
  cells: async () => (await import('./export.js')).cellsCommand,
  json: async () => (await import('./export.js')).jsonCommand,
  check: async () => (await import('./check.js')).checkCommand,
  catalog: async () => (await import('./catalog.js')).catalogCommand,
  publish: async () => (await import('./publish.js')).publishCommand,
  consolidate: async () => (await import('./consolidate.js')).consolidateCommand,
  benefit: async () => (await import('./benefit.js')).benefitCommand,
  estimate: async () => (await import('./benefit.js')).estimateCommand,
  import: async () => (await import('./import.js')).importCommand,
  serve: async () => (await import('./serve.js')).serveCommand,
  generate: async () => (await import('./generate.js')).generateCommand,
  review: async () => (await import('./review.js')).reviewCommand,
};

const READS = new Set(['cells', 'json', 'check', 'publish', 'consolidate', 'import']);
/** Commands that run as one bundled script with a code cache (cli/fast-load.ts; publish with its packages). */
const FAST = new Set(['cells', 'json', 'check', 'publish']);

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    process.stdout.write(HELP + '\n');
    return command ? 0 : 2;
  }
  const need = READS.has(command) || command === 'review' ? readerNeedAny(args) : undefined;
  // cells, json, check and publish: one bundled script, which guards the process and reports its errors
  // itself; nothing else is loaded (cli/fast-load.ts). Commands that will read a PDF, a workbook or
  // a big file start their isolated reader first (the fast path too, before anything else): it
  // boots, and loads pdf.js when a PDF is to be read, while the command loads its own modules
  // (small text and JSON files are read in process, cli/io.ts); import and review read a batch,
  // one reader per core (folders are mostly PDFs).
  if (FAST.has(command)) return (await import('./fast-load.js')).runFast(command, args, need);
  if ((command === 'import' || command === 'review') && args.length) (await import('../read/isolate.js')).warmReaders(2, need !== 'child');
  else if (need !== undefined) (await import('../read/isolate.js')).warmReaders(1, need === 'pdf');
  const { guardProcess, UsageError } = await import('./io.js');
  guardProcess('exit');
  const load = COMMANDS[command];
  if (!load) throw new UsageError(`未知命令“${command}”。\n\n${HELP}`);
  return (await load())(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (e) => {
    process.exitCode = (await import('./io.js')).reportError(e);
  },
);
