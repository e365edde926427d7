/** Reading a budgetbook JSON document: the one reader that needs the document schema (zod). */
import { budgetDocumentSchema, type BudgetDocument } from '../model/document.js';
import { ImportError } from './errors.js';

/** A budgetbook JSON document (as written by `budgetbook json`), validated whole. */
export function readJsonDocument(bytes: Uint8Array, fileName?: string): BudgetDocument {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (e) {
    throw new ImportError('bad-json', `JSON 格式错误：${(e as Error).message}`, { file: fileName }, '请检查文件是否完整。');
  }
  const parsed = budgetDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ImportError('bad-json', `不是有效的 budgetbook 文档：字段 ${issue.path.join('.') || '(根)'}：${issue.message}`, { file: fileName }, '请使用 budgetbook json 导出的文件，字段说明见 docs/document.schema.json。');
  }
  return parsed.data;
}
