/** The JSON Schema of a BudgetDocument, generated from its zod schema (one definition). */
import { z } from 'zod';
import { budgetDocumentSchema } from './document.js';

export function documentJsonSchema(): string {
  const schema = z.toJSONSchema(budgetDocumentSchema, { target: 'draft-2020-12' });
  return JSON.stringify({ ...schema, $id: 'https://budgetbook.example/document.schema.json', title: 'budgetbook 预算文档' }, null, 2) + '\n';
}
