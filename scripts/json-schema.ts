/**
 * Writes docs/document.schema.json, the JSON Schema of `budgetbook json` output, from the zod
 * schema in src/model/document.ts. Run: npx tsx scripts/json-schema.ts (a test checks it is current).
 */
import { writeFileSync } from 'node:fs';
import { documentJsonSchema } from '../src/model/json-schema.js';

writeFileSync(new URL('../docs/document.schema.json', import.meta.url), documentJsonSchema());
console.log('已写入 docs/document.schema.json');
