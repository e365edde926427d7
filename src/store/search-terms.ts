/**
 * Search terms of Chinese text: every pair of neighbouring Han characters (PostgreSQL's parsers do
 * not split Chinese into words) and every run of Latin letters or digits (科目 codes, amounts).
 * The same function makes the terms stored with a paragraph and those of a query, so a query
 * matches a paragraph holding all of its terms; the exact text is then confirmed by strpos.
 */
const HAN = /\p{Script=Han}/u;

/** Whether each code point of the basic plane is Han, as HAN says: 0 not yet asked, 1 yes, 2 no. */
const hanBmp = new Uint8Array(0x10000);
const isHan = (cp: number, ch: string): boolean => {
  if (cp < 0x2e80) return false;
  if (cp > 0xffff) return HAN.test(ch);
  let known = hanBmp[cp]!;
  if (known === 0) hanBmp[cp] = known = HAN.test(ch) ? 1 : 2;
  return known === 1;
};

export function searchTerms(text: string): string[] {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  // Code point by code point: `prev` the Han character before (none: -1), `word` where the run of a–z, 0–9 began (none: -1).
  let prev = -1;
  let word = -1;
  for (let i = 0; i < lower.length; ) {
    let cp = lower.charCodeAt(i);
    let size = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < lower.length) {
      const low = lower.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        size = 2;
      }
    }
    if (cp >= 0x2e80 && isHan(cp, size === 1 ? lower[i]! : lower.slice(i, i + 2))) {
      if (prev >= 0) out.add(lower.slice(prev, i + size));
      prev = i;
    } else prev = -1;
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39)) {
      if (word < 0) word = i;
    } else if (word >= 0) {
      out.add(lower.slice(word, i));
      word = -1;
    }
    i += size;
  }
  if (word >= 0) out.add(lower.slice(word));
  return [...out];
}

/**
 * searchTerms as a tsvector's input text ('a' 'b', as tsvectorText makes it): its terms are Han
 * characters, a–z and 0–9 only, so nothing in them needs quoting here or escaping in COPY's text.
 */
export function searchTermsVector(text: string): string {
  const terms = searchTerms(text);
  return terms.length ? `'${terms.join("' '")}'` : '';
}

/** A tsquery all of whose terms must be present ('医疗' & '疗救' & '救助'); '' when the text has none. */
export function termsQuery(text: string): string {
  return searchTerms(text)
    .map((t) => `'${t}'`)
    .join(' & ');
}
