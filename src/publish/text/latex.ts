/**
 * LaTeX residue in narrative text ("满意度 $\geq 85.00\%$", left by a PDF-to-text converter) as
 * the plain characters a reader expects ("满意度≥85.00%"). `check` reports the residue
 * (text.latex); publishing prints the plain form.
 */
const SYMBOLS: Record<string, string> = {
  geq: '≥', ge: '≥', geqslant: '≥', leq: '≤', le: '≤', leqslant: '≤', neq: '≠', ne: '≠', times: '×', div: '÷', pm: '±', approx: '≈',
  cdot: '·', sim: '～', lt: '<', gt: '>', degree: '°', circ: '°', rightarrow: '→', to: '→', ldots: '…', cdots: '…',
};

/** A `$…$` formula, or a bare command such as "\geq" or "\%". */
export const LATEX = /\$[^$\n]{1,80}\$|\\(?:[a-zA-Z]+|[%$&#_])/;

function formula(body: string): string {
  return body
    .replace(/\\([a-zA-Z]+)\s*/g, (all, name: string) => SYMBOLS[name] ?? (name === 'text' || name === 'mathrm' ? '' : all))
    .replace(/\\([%$&#_])/g, '$1')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, '');
}

/** The text with every formula written in plain characters; spaces that set the formula apart go too. */
export function latexToText(text: string): string {
  if (!/[$\\]/.test(text)) return text;
  return text.replace(/\s*\$([^$\n]{1,80})\$\s*/g, (_, body: string) => formula(body)).replace(/\\(?:[a-zA-Z]+|[%$&#_])/g, (m) => formula(m));
}
