/**
 * Full-width forms → ASCII where they carry numbers, character for character so that positions
 * in a line stay the same (a narrative quote can then be cut from the original text).
 */
const FULLWIDTH_DIGIT = /[\uFF10-\uFF19]/g;

export function normalizeNumerals(text: string): string {
  if (!/[\uFF10-\uFF19\uFF05]|\d\uFF0C\d|[\uFF0D\u2212\uFF0E]\d/.test(text)) return text;
  let out = text.replace(FULLWIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  out = out
    .replace(/\uFF0E(?=\d)/g, '.')
    .replace(/(?<=\d)\uFF0C(?=\d{3}(?!\d))/g, ',')
    .replace(/\uFF05/g, '%')
    .replace(/[\uFF0D\u2212](?=\d)/g, '-');
  return out;
}

/** Spaces of every width to one ASCII space; used on table lines only. */
export function normalizeSpaces(text: string): string {
  return text.replace(/[\u00A0\u3000\t]/g, ' ');
}
