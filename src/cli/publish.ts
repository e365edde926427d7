/**
 * `budgetbook publish <file> --out <dir> [--prior <last year's file>] [--formats html,pdf,...]`:
 * the disclosure in every format, into one folder.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDocument } from '../check/engine.js';
import { FORMATS, publishDocument, type Format } from '../publish/index.js';
import { loadCatalogs } from './home.js';
import { readDocumentFile, UsageError, writeOut } from './io.js';

const USAGE = 'budgetbook publish <文件> --out <文件夹> [--prior <上年文件>] [--formats html,pdf,xlsx,csv,json,datapackage]';

const FORMAT_NAMES: Record<Format, string> = { html: '网页', pdf: 'PDF', xlsx: 'Excel 工作簿', csv: '单元格 CSV（开放数据）', json: '完整文档 JSON', datapackage: '数据包描述 datapackage.json' };

function formatsOf(list: string | undefined): Format[] {
  if (!list) return [...FORMATS];
  const asked = list.split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = asked.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (unknown.length) throw new UsageError(`不认识的格式：${unknown.join('、')}。可用的格式：${FORMATS.join('、')}`);
  return asked as Format[];
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function publishCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string', short: 'o' }, prior: { type: 'string' }, formats: { type: 'string' } } });
  const file = positionals[0];
  if (!values.out) throw new UsageError(`缺少 --out（输出文件夹）。用法：${USAGE}`);
  const formats = formatsOf(values.formats);
  const catalogs = loadCatalogs();
  const doc = await readDocumentFile(file, USAGE, catalogs);
  const prior = values.prior ? await readDocumentFile(values.prior, USAGE, catalogs) : undefined;
  const findings = checkDocument(doc, { catalogs, ...(prior ? { prior } : {}) });
  const baseName = basename(file!, extname(file!));
  const files = await publishDocument(doc, { catalogs, formats, findings, baseName, ...(prior ? { prior } : {}) });
  mkdirSync(values.out, { recursive: true });
  const lines = [`已发布“${doc.meta.title}”（${doc.meta.entity.name}）到 ${values.out}：`];
  for (const f of files) {
    writeFileSync(join(values.out, f.name), f.bytes);
    lines.push(`  ${f.name.padEnd(28)} ${sizeText(f.bytes.length).padStart(7)}  ${FORMAT_NAMES[f.format]}`);
  }
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const marked = formats.includes('html') ? '，已在网页中标注' : '';
  lines.push(findings.length ? `校验发现 ${errors} 个错误、${warnings} 个警告${marked}；详见 budgetbook check ${file}` : '校验未发现问题。');
  await writeOut(lines.join('\n') + '\n');
  return 0;
}
