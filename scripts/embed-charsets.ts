/**
 * Writes src/check/charsets.generated.ts: GB2312's hanzi and the Japanese-only kanji, as this
 * platform's decoders give them (check/characters.ts decodedCharsets), so that no check decodes
 * three character sets at start-up. Run: npx tsx scripts/embed-charsets.ts (a test fails when the
 * file is stale).
 */
import { writeFileSync } from 'node:fs';
import { charsetsSource } from '../src/check/characters.js';

writeFileSync(new URL('../src/check/charsets.generated.ts', import.meta.url), charsetsSource());
console.log('已写入 src/check/charsets.generated.ts');
