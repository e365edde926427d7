/** What a failure while reading means: the file's fault (a located refusal) or a defect of ours. */
import { ImportError } from './errors.js';

const PDFJS_ERRORS = /^(FormatError|\w+Exception)$/;

function firstFrame(e: Error): string {
  return (e.stack ?? '').split('\n').find((l) => l.trimStart().startsWith('at ')) ?? '';
}

/** What a failure means for the file being read: a refusal (the file's fault) or undefined (ours). */
export function refusalOf(e: unknown, bytes: Uint8Array, file?: string): ImportError | undefined {
  if (e instanceof ImportError) return file ? e.withFile(file) : e;
  if (!(e instanceof Error)) return new ImportError('read-failed', `文件无法读取（${String(e).slice(0, 200)}）`, { file }, '文件可能已损坏；请重新获取原文件。');
  const message = e.message.slice(0, 200);
  if (e instanceof RangeError && /call stack|Invalid (array|string|typed array) length|allocation failed|out of memory/i.test(e.message)) {
    return new ImportError('too-complex', `文件的结构过深或过大，超出读取能力（${message}）`, { file }, '文件可能是异常构造的；请检查来源，或把内容拆成较小的文件。');
  }
  const pdf = bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
  if (pdf && (PDFJS_ERRORS.test(e.name) || /pdfjs-dist/.test(firstFrame(e)))) {
    return new ImportError('pdf-broken', `PDF 文件已损坏或不完整，无法读取（${message}）`, { file }, '请重新下载或重新导出该 PDF。');
  }
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (zip && /node_modules[\\/](exceljs|jszip|unzipper|saxes|fflate)/.test(firstFrame(e))) {
    return new ImportError('bad-xlsx', `XLSX 文件已损坏，无法读取（${message}）`, { file }, '文件可能下载或复制不完整：请重新获取原文件，或在 Excel/WPS 中打开修复后另存为 .xlsx。');
  }
  return undefined;
}
