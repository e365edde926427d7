/**
 * Two documents side by side (two years of one entity, or two entities): for each table, one
 * column of both, the change and its rate, increases and decreases marked. The cells and their
 * comparison are the same pure code the server's /api/compare runs (src/compare, src/publish/opendata).
 */
import { useMemo, useState } from 'preact/hooks';
import type { BudgetDocument, BudgetTable } from '../../../src/model/document.js';
import type { MoneyUnit } from '../../../src/model/money.js';
import { COLUMN_NAMES, TABLE_NAMES, type TableId } from '../../../src/model/tables.js';
import { cellsOf } from '../../../src/publish/opendata/cells.js';
import { compareCells, percentOf, type CellChange } from '../../../src/compare/compare.js';
import { mergedRowOrder, sideLabels } from '../../../src/compare/labels.js';
import { api, content, q, record, type DocumentRecord, type Page } from '../api.js';
import { money, percentText, unitName } from '../format.js';
import { Link, navigate, setQuery, useLocation } from '../router.js';
import { DownloadCsv, Show, useLoad, useTitle } from '../ui.js';
import { UnitSwitch } from './document.js';

/** Rows the tables print without a name of their own. */
const ROW_NAMES: Record<string, string> = { total: '合计', budget: '本年预算数' };

function rowLabel(a: BudgetTable | undefined, b: BudgetTable | undefined, key: string): { code: string; label: string; level: number } {
  const row = b?.rows.find((r) => r.key === key) ?? a?.rows.find((r) => r.key === key);
  const code = row?.code ?? '';
  // Each document numbers its own 类 lines ("一、…"): two documents side by side share the name, not the number.
  const printed = row?.label ?? ROW_NAMES[key] ?? key;
  const label = key.startsWith('expenditure.') ? printed.replace(/^[一二三四五六七八九十]+、/, '') : printed;
  return { code, label, level: code ? (code.length - 3) / 2 : 0 };
}

function TableCompare({ id, a, b, changes, unit, yearA, yearB }: { id: TableId; a?: BudgetTable; b?: BudgetTable; changes: CellChange[]; unit: MoneyUnit; yearA: string; yearB: string }) {
  const columns = [...new Set([...(b?.columns ?? []), ...(a?.columns ?? [])])].filter((c) => changes.some((x) => x.column === c));
  const loc = useLocation();
  const asked = loc.query.get(`col-${id}`);
  const column = asked && columns.includes(asked) ? asked : columns.includes('total') ? 'total' : columns[0] ?? '';
  const setColumn = (c: string) => setQuery({ [`col-${id}`]: c === 'total' ? undefined : c });
  // The two totals tables print income rows in one 预算数 column beside the expenditure columns.
  // Rows in printed order (a 新增 or 取消 line under its 类, never after 合计); income before expenditure in the totals tables.
  const order = mergedRowOrder(a?.rows.map((r) => r.key) ?? [], b?.rows.map((r) => r.key) ?? []);
  const place = (row: string) => {
    const at = order.indexOf(row);
    return at < 0 ? order.length : at;
  };
  const rows = changes
    .filter((c) => c.column === column || (column === 'total' && c.column === 'amount' && c.row.startsWith('income.')))
    .map((c, i) => ({ c, i, side: c.row.startsWith('income.') ? 0 : 1 }))
    .sort((x, y) => x.side - y.side || place(x.c.row) - place(y.c.row) || x.i - y.i)
    .map((x) => x.c);
  const coded = rows.some((c) => /^\d/.test(c.row));
  const changed = changes.filter((c) => c.status !== 'same').length;
  const title = TABLE_NAMES[id];
  return (
    <section class="compare-table" id={`cmp-${id}`}>
      <h2>
        {title} <small>（{changed ? `${changed} 个单元格有变动` : '无变动'}）</small>
      </h2>
      {columns.length > 1 ? (
        <label class="column-pick">
          列：
          <select value={column} onChange={(e) => setColumn((e.target as HTMLSelectElement).value)}>
            {columns.map((c) => (
              <option key={c} value={c}>
                {COLUMN_NAMES[c] ?? c}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <DownloadCsv tableId={`cmp-table-${id}`} name={`比较-${title}-${yearA}-${yearB}`} />
      <div class="scroll" tabIndex={0} role="region" aria-label={`${title}（可左右滚动）`}>
        <table class="budget compare" id={`cmp-table-${id}`} data-unit={unit}>
          <caption class="sr-only">
            {title}（{COLUMN_NAMES[column] ?? column}）：{yearA}与{yearB}比较，单位{unitName(unit)}
          </caption>
          <thead>
            <tr>
              {coded ? <th scope="col" class="code">科目编码</th> : null}
              <th scope="col">项目</th>
              <th scope="col">{yearA}</th>
              <th scope="col">{yearB}</th>
              <th scope="col">增减额</th>
              <th scope="col">增减率</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => {
              const l = rowLabel(a, b, c.row);
              const dir = c.change > 0 ? 'up' : c.change < 0 ? 'down' : 'same';
              return (
                <tr key={c.row} class={`${c.row === 'total' || c.row.endsWith('.total') ? 'total ' : ''}chg-${dir} st-${c.status}`}>
                  {coded ? <td class="code">{l.code}</td> : null}
                  <td class={`name level${l.level}`}>{l.label}</td>
                  <td class="num" data-fen={c.a ?? undefined}>{money(c.a, unit)}</td>
                  <td class="num" data-fen={c.b ?? undefined}>{money(c.b, unit)}</td>
                  <td class="num delta" data-fen={c.status === 'same' ? undefined : c.change}>
                    {c.status === 'same' ? '—' : `${c.change > 0 ? '+' : ''}${money(c.change, unit)}`}
                    <span class="sr-only">{dir === 'up' ? '（增加）' : dir === 'down' ? '（减少）' : ''}</span>
                  </td>
                  <td class="num delta">{c.status === 'added' ? '新增' : c.status === 'removed' ? '取消' : percentText(c.percent)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** A document in the picker and the headings: a 决算 says so (the same entity and year has its budget too). */
const label = (d: DocumentRecord) => `${d.entity.name} ${d.year}年${d.kind === 'final' ? '决算' : ''}`;

function Comparison({ a, b }: { a: number; b: number }) {
  const loc = useLocation();
  const unit: MoneyUnit = loc.query.get('unit') === 'wanyuan' ? 'wanyuan' : 'yuan';
  const loaded = useLoad(() => Promise.all([record(a), record(b), content(a), content(b)]), [a, b]);
  const result = useMemo(() => (loaded.data ? compareCells(cellsOf(loaded.data[2]), cellsOf(loaded.data[3]), { includeSame: true }) : undefined), [loaded.data]);
  useTitle(loaded.data ? `比较：${label(loaded.data[0])} 与 ${label(loaded.data[1])}` : '比较');
  return (
    <Show loaded={loaded} what="两份文件">
      {([ra, rb, da, db]: [DocumentRecord, DocumentRecord, BudgetDocument, BudgetDocument]) => {
        const side = (r: DocumentRecord) => ({ entityId: r.entity.id, name: r.entity.name, region: r.entity.region, parentName: r.entity.parentName, year: r.year });
        const [yearA, yearB] = sideLabels(side(ra), side(rb));
        const ids = [...new Set([...db.tables.map((t) => t.id), ...da.tables.map((t) => t.id)])];
        return (
          <div data-ready="compare">
            <h1>
              比较：<Link href={`/documents/${ra.id}`}>{label(ra)}</Link> 与 <Link href={`/documents/${rb.id}`}>{label(rb)}</Link>
            </h1>
            {ra.id === rb.id ? <p class="note">两边是同一份文件，所以没有变动。</p> : null}
            <p class="summary">
              支出总计 {money(ra.total, unit)} → {money(rb.total, unit)} {unitName(unit)}，
              {rb.total >= ra.total ? '增加' : '减少'} {money(Math.abs(rb.total - ra.total), unit)} {unitName(unit)}
              {ra.total ? `（${percentText(percentOf(rb.total - ra.total, ra.total))}）` : ''}；有变动的单元格 {result!.counts.changed} 个，新增 {result!.counts.added} 个，取消 {result!.counts.removed} 个。
            </p>
            <div class="compare-tools">
              <UnitSwitch unit={unit} onChange={(u) => setQuery({ unit: u === 'wanyuan' ? 'wanyuan' : undefined })} />
              <Link class="button" href={`/compare?a=${rb.id}&b=${ra.id}${unit === 'wanyuan' ? '&unit=wanyuan' : ''}`}>
                交换左右
              </Link>
            </div>
            {ids.map((id) => (
              <TableCompare key={id} id={id} a={da.tables.find((t) => t.id === id)} b={db.tables.find((t) => t.id === id)} changes={result!.cells.filter((c) => c.table === id)} unit={unit} yearA={yearA} yearB={yearB} />
            ))}
          </div>
        );
      }}
    </Show>
  );
}

function DocumentPicker({ label: text, value, onPick }: { label: string; value: string; onPick: (id: string) => void }) {
  const [name, setName] = useState('');
  const docs = useLoad(() => api.get<Page<DocumentRecord>>(`/api/documents${q({ q: name.trim() || undefined, limit: 100, sort: 'name' })}`), [name]);
  return (
    <fieldset class="picker">
      <legend>{text}</legend>
      <label>
        单位名称 <input type="search" value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} placeholder="输入名称中的字筛选" />
      </label>
      <label>
        文件{' '}
        <select value={value} onChange={(e) => onPick((e.target as HTMLSelectElement).value)}>
          <option value="">请选择</option>
          {(docs.data?.items ?? []).map((d) => (
            <option key={d.id} value={d.id}>
              {label(d)}
            </option>
          ))}
        </select>
      </label>
    </fieldset>
  );
}

export function ComparePage() {
  const loc = useLocation();
  const a = Number(loc.query.get('a'));
  const b = Number(loc.query.get('b'));
  const [pa, setPa] = useState(a ? String(a) : '');
  const [pb, setPb] = useState(b ? String(b) : '');
  return (
    <main id="main" class="compare-page">
      {a && b ? (
        <Comparison a={a} b={b} />
      ) : (
        <>
          <h1>比较两份预算</h1>
          <p>选择同一单位的两个年度，或两个单位，逐表逐格比较。</p>
        </>
      )}
      <form
        class="compare-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (pa && pb) navigate(`/compare?a=${pa}&b=${pb}`);
        }}
      >
        <DocumentPicker label="前一份（左）" value={pa} onPick={setPa} />
        <DocumentPicker label="后一份（右）" value={pb} onPick={setPb} />
        <button type="submit" disabled={!pa || !pb}>
          比较
        </button>
      </form>
    </main>
  );
}
