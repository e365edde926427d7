/**
 * Bytes → text. Real disclosures come in UTF-8 (with or without BOM), GBK/GB18030 and now and
 * then UTF-16. Binary files (a PDF, a spreadsheet, an image) are refused here with the reason.
 */
import { ImportError } from '../errors.js';

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';
}

const MAGIC: { bytes: number[]; what: string; hint: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'PDF 文件', hint: 'PDF 请用 PDF 导入（budgetbook 按内容自动选择导入器）。' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'ZIP 压缩格式文件（如 XLSX/DOCX）', hint: '请导出为 UTF-8 文本，或使用对应格式的导入。' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: '旧版 Office 二进制文件（XLS/DOC）', hint: '请另存为 XLSX 或文本后再导入。' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG 图片', hint: '图片没有文字层，请提供文本或带文字层的 PDF。' },
  { bytes: [0xff, 0xd8, 0xff], what: 'JPEG 图片', hint: '图片没有文字层，请提供文本或带文字层的 PDF。' },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function tryDecode(bytes: Uint8Array, label: string): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportError('empty', '文件是空的（0 字节）', {}, '请检查文件是否完整下载或导出。');
  for (const m of MAGIC) {
    if (startsWith(bytes, m.bytes)) throw new ImportError('not-text', `这不是文本文件，而是${m.what}`, {}, m.hint);
  }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) {
    throw new ImportError('binary', '文件含有二进制内容（NUL 字节），不是文本', {}, '请提供 UTF-8 或 GBK 编码的文本文件。');
  }
  const utf8 = tryDecode(body, 'utf-8');
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  const gb = tryDecode(body, 'gb18030');
  if (gb !== null) return { text: gb, encoding: 'gb18030' };
  throw new ImportError('encoding', '无法识别文件编码（既不是 UTF-8，也不是 GBK/GB18030）', {}, '请用文本编辑器另存为 UTF-8 后再导入。');
}
