/**
 * Search terms of Chinese text: every pair of neighbouring Han characters (PostgreSQL's parsers do
 * not split Chinese into words) and every run of Latin letters or digits (科目 codes, amounts).
 * The same function makes the terms stored with a paragraph and those of a query, so a query
 * matches a paragraph holding all of its terms; the exact text is then confirmed by strpos.
 */
const HAN = /\p{Script=Han}/u;

export function searchTerms(text: string): string[] {
  const out = new Set<string>();
  let prev = '';
  let word = '';
  for (const ch of text.toLowerCase()) {
    if (HAN.test(ch)) {
      if (prev) out.add(prev + ch);
      prev = ch;
    } else prev = '';
    if (/[a-z0-9]/.test(ch)) word += ch;
    else if (word) {
      out.add(word);
      word = '';
    }
  }
  if (word) out.add(word);
  return [...out];
}

/** A tsquery all of whose terms must be present ('医疗' & '疗救' & '救助'); '' when the text has none. */
export function termsQuery(text: string): string {
  return searchTerms(text)
    .map((t) => `'${t}'`)
    .join(' & ');
}
