/**
 * `budgetbook publish <file> --out <dir> [--edition public|review] [--force] [--prior <last year's file>] [--formats html,pdf,...]`
 * (`--format pdf` the same):
 * the disclosure in every format, into one folder. The public edition (default) is clean and
 * refused (exit 1, errors listed) when the checker finds errors, unless --force.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDocument } from '../check/engine.js';
import { EDITIONS, FORMATS, PublishRefused, publishDocument, refusalCount, type Edition, type Format } from '../publish/index.js';
import { loadCatalogs } from './home.js';
import { readDocumentFile, UsageError, writeOut } from './io.js';

const USAGE = 'budgetbook publish <文件> --out <文件夹> [--edition public|review] [--force] [--license CC-BY-4.0] [--publisher 发布机关] [--prior <上年文件>] [--formats html,pdf,xlsx,csv,json,datapackage（只发布其中几种，如 --formats pdf,xlsx）]';

const FORMAT_NAMES: Record<Format, string> = { html: '网页', pdf: 'PDF', xlsx: 'Excel 工作簿', csv: '单元格 CSV（开放数据，含表名与科目名称）', json: '完整文档 JSON', datapackage: '数据包描述 datapackage.json' };

/** The formats asked for by --formats (or --format, as a user may well write it; both may be given). */
function formatsOf(lists: (string | undefined)[]): Format[] {
  const given = lists.filter((l): l is string => l !== undefined);
  if (given.length === 0) return [...FORMATS];
  const asked = [...new Set(given.flatMap((l) => l.split(/[,，、]/)).map((f) => f.trim().toLowerCase()).filter(Boolean))];
  if (asked.length === 0) throw new UsageError(`--formats 没有给出格式。可用的格式：${FORMATS.join('、')}（用逗号分隔，如 --formats pdf,xlsx）`);
  const unknown = asked.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length) throw new UsageError(`不认识的格式：${unknown.join('、')}。可用的格式：${FORMATS.join('、')}`);
  return asked as Format[];
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function publishCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, prior: { type: 'string' }, formats: { type: 'string' }, format: { type: 'string' }, edition: { type: 'string' }, force: { type: 'boolean' }, license: { type: 'string' }, publisher: { type: 'string' } },
  });
  const file = positionals[0];
  if (!values.out) throw new UsageError(`缺少 --out（输出文件夹）。用法：${USAGE}`);
  const edition = (values.edition ?? 'public') as Edition;
  if (!EDITIONS.includes(edition)) throw new UsageError(`不认识的版本：${values.edition}。可用的版本：public（公开版，不标注校验结果）、review（审阅版，标注校验结果）`);
  const formats = formatsOf([values.formats, values.format]);
  const catalogs = loadCatalogs();
  const doc = await readDocumentFile(file, USAGE, catalogs);
  const prior = values.prior ? await readDocumentFile(values.prior, USAGE, catalogs) : undefined;
  const findings = checkDocument(doc, { catalogs, ...(prior ? { prior } : {}) });
  const baseName = basename(file!, extname(file!));
  let files;
  try {
    files = await publishDocument(doc, { catalogs, formats, findings, baseName, edition, force: values.force ?? false, ...(values.license ? { license: values.license } : {}), ...(values.publisher ? { publisher: values.publisher } : {}), ...(prior ? { prior } : {}) });
  } catch (e) {
    if (!(e instanceof PublishRefused)) throw e;
    process.stderr.write(
      `未发布：公开版要求校验没有错误、没有未填写的占位（【待填写：……】），而“${file}”有 ${refusalCount(e.errors)}。\n` +
        (e.errors.some((f) => f.rule === 'text.placeholder') && !doc.narrative.sections.some((s) => s.kind === 'budget-explanation') ? '文件没有编制说明：发布时按表写出的编制说明中，增减的主要原因与项目支出的具体用途须由编制人填写（可参考 --edition review 发布的审阅版），写入文件后再发布。\n' : '') +
        `请改正下列错误后重新发布；或用 --edition review 发布标注了校验结果的审阅版；确需公开发布时加 --force（强制发布的事实与错误清单会写入发布的文件）。\n\n${e.report}`,
    );
    return 1;
  }
  mkdirSync(values.out, { recursive: true });
  const lines = [`已发布“${doc.meta.title}”（${doc.meta.entity.name}）到 ${values.out}：`];
  const tableCsvs = files.filter((f) => /\.(table|extra)\d+(-[a-z-]+)?\.csv$/.test(f.name));
  for (const f of files) {
    writeFileSync(join(values.out, f.name), f.bytes);
    if (tableCsvs.includes(f)) continue;
    const what = f.name.endsWith('.subjects.csv') ? '科目代码表 CSV（开放数据）' : FORMAT_NAMES[f.format];
    lines.push(`  ${f.name.padEnd(28)} ${sizeText(f.bytes.length).padStart(7)}  ${what}`);
  }
  if (tableCsvs.length) lines.push(`  ${`${baseName}.table01….csv`.padEnd(28)} ${sizeText(tableCsvs.reduce((a, f) => a + f.bytes.length, 0)).padStart(7)}  ${tableCsvs.length} 个表格 CSV（每表一个，按印出版式）`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const marked = edition === 'review' && formats.includes('html') ? '，已在网页中标注（审阅版）' : '';
  const forced = edition === 'public' && errors > 0 ? '；已强制发布公开版，错误清单写入了发布说明' : '';
  lines.push(findings.length ? `校验发现 ${errors} 个错误、${warnings} 个警告${marked}${forced}；详见 budgetbook check ${file}` : '校验未发现问题。');
  lines.push(edition === 'public' ? '版本：公开版（不标注校验结果）' : '版本：审阅版（标注校验结果，不宜对外公开）');
  await writeOut(lines.join('\n') + '\n');
  return 0;
}
