import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { documentJsonSchema } from './json-schema.js';

it('docs/document.schema.json is current with the zod schema (run scripts/json-schema.ts)', () => {
  expect(readFileSync(new URL('../../docs/document.schema.json', import.meta.url), 'utf8')).toBe(documentJsonSchema());
});
