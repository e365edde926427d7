/**
 * What a comparison calls its two sides and in what order it lists the rows: pure, for the web
 * page and anything else that shows a comparison.
 */

export interface Side {
  entityId: number;
  /** The entity's full name, e.g. 上海市闵行区医疗保障局. */
  name: string;
  /** Its region as the store names it, e.g. 上海市闵行区. */
  region: string;
  parentName?: string | null | undefined;
  year: number;
}

/**
 * Column headings that tell the two sides apart: the years for one entity; for two, their names
 * without the shared region, or with it when that is what differs (闵行区医疗保障局 and 徐汇区医疗保障局),
 * then the department above them; the year is added when the years differ.
 */
export function sideLabels(a: Side, b: Side): [string, string] {
  if (a.entityId === b.entityId) return a.year === b.year ? [`${a.year}年（左）`, `${b.year}年（右）`] : [`${a.year}年`, `${b.year}年`];
  const short = (s: Side) => (s.name.startsWith(s.region) && s.name.length > s.region.length ? s.name.slice(s.region.length) : s.name);
  // The region without its province or city (上海市闵行区 → 闵行区) is what readers tell two districts apart by.
  const local = (s: Side) => s.region.replace(/^.+?[省市](?=.+[区县市旗])/, '') || s.region;
  let [la, lb] = [short(a), short(b)];
  if (la === lb) [la, lb] = a.region !== b.region ? [`${local(a)}${la}`, `${local(b)}${lb}`] : [a.name, b.name];
  if (la === lb && a.parentName && b.parentName && a.parentName !== b.parentName) [la, lb] = [`${a.parentName} ${la}`, `${b.parentName} ${lb}`];
  if (la === lb) [la, lb] = [`${la}（左）`, `${lb}（右）`];
  return a.year === b.year ? [la, lb] : [`${la} ${a.year}年`, `${lb} ${b.year}年`];
}

/**
 * The rows of one table of both documents in printed order: the later document's rows as it
 * prints them, and each row only the earlier one has placed after the row it follows there.
 * So a 新增 or 取消 line stands under its 类 or 款, never after 合计.
 */
export function mergedRowOrder(a: readonly string[], b: readonly string[]): string[] {
  const out = [...b];
  const placed = new Set(out);
  let after = -1;
  for (const key of a) {
    if (placed.has(key)) {
      after = out.indexOf(key);
      continue;
    }
    out.splice(after + 1, 0, key);
    placed.add(key);
    after += 1;
  }
  return out;
}
