import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { charsetsSource, gb2312Hanzi, japaneseOnlyKanji } from './characters.js';

describe('the embedded character sets', () => {
  it('are what the platform decoders give (run scripts/embed-charsets.ts when this fails)', () => {
    expect(readFileSync(new URL('./charsets.generated.ts', import.meta.url), 'utf8')).toBe(charsetsSource());
  });

  it('hold what the rules rely on, checked by hand', () => {
    const gb = gb2312Hanzi();
    for (const c of '医疗保障局预算') expect(gb.has(c), c).toBe(true);
    for (const c of '滘尗') expect(gb.has(c), c).toBe(false);
    const jp = japaneseOnlyKanji();
    for (const c of '圧査検収') expect(jp.has(c), c).toBe(true);
    // 压 and 查 are GB2312's; 國 is Big5's: none of them is a Japanese-only form.
    for (const c of '压查國') expect(jp.has(c), c).toBe(false);
  });
});
