/**
 * Placeholders left for the preparer: the generated 编制说明 marks what only the preparer can
 * write (each 主要原因, a project's 具体用途) as "【待填写：……】" (publish/narrative/compose.ts),
 * and templates carry "【待补充】", "【请填写……】". Left in, the public reads the note to the
 * preparer as the document's words. Each one is a warning with its place (a draft may carry them
 * while it is written), and the public edition is refused while any is left (publish/index.ts),
 * unless forced.
 */
import type { BudgetDocument } from '../model/document.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding } from './finding.js';

/** A bracketed note to whoever fills the template in: 【待填写：…】, 【待补充】, 〔请填写…〕, [待定]. */
export const PLACEHOLDER_RE = /[【〔［\[]\s*(?:待填写|待填|待补充|待补|请填写|请补充|请填入|待定|此处填写|填写)[^【】〔〕［］[\]\n]{0,80}[】〕］\]]/g;

function excerpt(text: string, at: number, len: number): string {
  const start = Math.max(0, at - 16);
  const end = Math.min(text.length, at + len + 8);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** What the placeholder asks for: "增减的主要原因" of "【待填写：增减的主要原因】", else the whole mark. */
function asked(mark: string): string {
  const m = /[：:]\s*(.+?)\s*[】〕］\]]$/.exec(mark);
  return m ? m[1]! : mark;
}

/** Every placeholder of the narrative (headings, paragraphs) and the tables' notes, with where it is. */
export function placeholderFindings(doc: { narrative: Pick<BudgetDocument['narrative'], 'sections'>; tables: BudgetDocument['tables'] }): Finding[] {
  const out: Finding[] = [];
  const say = (mark: string) => `留有未填写的占位“${mark}”：须由编制人写明${asked(mark) === mark ? '此处的内容' : asked(mark)}，否则不能公开（发布公开版会被拒绝，除非强制发布）`;
  for (const s of doc.narrative.sections) {
    const section = s.heading || (s.kind === 'cover' ? '封面' : '说明');
    const texts = [...(s.heading ? [{ text: s.heading }] : []), ...s.paragraphs];
    for (const p of texts) {
      for (const m of p.text.matchAll(PLACEHOLDER_RE)) {
        const line = 'line' in p && typeof p.line === 'number' ? { line: p.line } : {};
        out.push({ rule: 'text.placeholder', family: 'text', severity: 'warning', message: say(m[0]), location: { section, sentence: excerpt(p.text, m.index, m[0].length), ...line } });
      }
    }
  }
  for (const t of doc.tables) {
    for (const m of (t.note ?? '').matchAll(PLACEHOLDER_RE)) {
      out.push({ rule: 'text.placeholder', family: 'text', severity: 'warning', message: `《${t.title}》的表注${say(m[0])}`, location: { table: t.id, tableTitle: t.title, sentence: excerpt(t.note!, m.index, m[0].length) } });
    }
  }
  return out;
}

export const placeholderRules: Rule[] = [{ id: 'text.placeholder', family: 'text', title: '无未填写的占位（【待填写：……】）', run: (ctx: CheckContext) => placeholderFindings(ctx.doc) }];
