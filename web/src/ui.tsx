/** Small pieces every page uses: loading and error states, the title of the browser tab. */
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { ApiError, postForBlob } from './api.js';
import { Link } from './router.js';
import { formatCsv } from '../../src/util/csv.js';

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · 部门预算公开`;
  }, [title]);
}

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload: () => void;
}

/**
 * The keys as the effect compares them: NaN is not equal to itself under `!==`, so a key of
 * Number('abc') would re-run the load on every render (an endless request loop); as text it is stable.
 */
const stableKey = (k: unknown): unknown => (typeof k === 'number' && Number.isNaN(k) ? 'NaN' : k);

/** Runs `load` whenever a key changes; the last answer wins. */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) => live && setState({ error: e instanceof ApiError ? e : new ApiError(0, 'client', String((e as Error)?.message ?? e)), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...keys.map(stableKey), tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** A refusal the reader caused by the address (a wrong or unknown id): said in plain words, never the validator's text. */
export function addressError(error: ApiError | Error): { title: string; text: string } | undefined {
  if (!(error instanceof ApiError)) return undefined;
  if (error.status === 404) return { title: '没有找到', text: '这个地址所指的内容不存在，或尚未公开。' };
  if (error.status === 400 && error.code !== 'client') return { title: '地址无效', text: '地址中的编号不对，可能是链接被截断了。' };
  return undefined;
}

/**
 * An error in place of a page's content. With `page`, a wrong or unknown address gets the page's
 * heading (<h1>) and a way back; other errors say what the server said, and how to fix it.
 */
export function ErrorBox({ error, page }: { error: ApiError | Error; page?: boolean }) {
  const address = page ? addressError(error) : undefined;
  if (address) return <NotFoundView title={address.title} text={address.text} />;
  return (
    <div class="error-box" role="alert">
      <strong>{error.message}</strong>
      {error instanceof ApiError && error.hint ? <p>{error.hint}</p> : null}
    </div>
  );
}

/** The page for an address that leads nowhere: a heading, why, and where to go instead. */
export function NotFoundView({ title, text }: { title: string; text: string }) {
  // Set as the page is drawn (not after paint): whoever sees data-ready="not-found" sees the title too.
  useLayoutEffect(() => {
    document.title = `${title} · 部门预算公开`;
  }, [title]);
  return (
    <div class="not-found" data-ready="not-found">
      <h1>{title}</h1>
      <p>
        {text}请检查地址，或回到<Link href="/">首页</Link>、<Link href="/search">搜索</Link>。
      </p>
    </div>
  );
}

export function Loading({ what = '内容' }: { what?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      正在载入{what}……
    </p>
  );
}

/** The loaded value, or its loading or error state. */
export function Show<T>({ loaded, what, page, children }: { loaded: Loaded<T>; what?: string; page?: boolean; children: (data: T) => ComponentChildren }) {
  if (loaded.error) return <ErrorBox error={loaded.error} {...(page ? { page } : {})} />;
  if (loaded.data === undefined) return <Loading {...(what ? { what } : {})} />;
  return <>{children(loaded.data)}</>;
}

/** A cell's text as the reader sees it, without what is there for screen readers only. */
function shownText(c: HTMLTableCellElement): string {
  const copy = c.cloneNode(true) as HTMLElement;
  copy.querySelectorAll('[aria-hidden="true"], .sr-only').forEach((x) => x.remove());
  return (copy.textContent ?? '').replace(/（(增加|减少)）$/, '').trim();
}

/**
 * The rows of a table on screen as CSV (UTF-8 with BOM, so Excel reads the Chinese): what the reader sees,
 * amounts without their thousands separators, every field safe from spreadsheet formulas (util/csv.ts).
 */
export function tableCsv(table: HTMLTableElement): string {
  const rows = Array.from(table.rows).map((tr) =>
    Array.from(tr.cells).flatMap((c) => {
      const text = shownText(c);
      const value = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text) ? text.replace(/,/g, '') : text;
      return Array.from({ length: Math.max(1, c.colSpan) }, (_, i) => (i === 0 ? value : ''));
    }),
  );
  return '\uFEFF' + formatCsv(rows);
}

/**
 * A table on screen as the grid the publisher draws (src/publish/layout/grid.ts): header cells
 * with their row, column and spans, body rows whose amount cells carry their 分 (data-fen), 科目
 * codes (class "code") and indented names (class "levelN"). The server draws it as an XLSX.
 */
export function tableLayout(table: HTMLTableElement, title: string) {
  const head = table.tHead ? Array.from(table.tHead.rows) : [];
  const rows = [...Array.from(table.tBodies).flatMap((b) => Array.from(b.rows)), ...(table.tFoot ? Array.from(table.tFoot.rows) : [])];
  const taken: boolean[][] = [];
  const header: { text: string; row: number; col: number; rowspan: number; colspan: number }[] = [];
  head.forEach((tr, r) => {
    let c = 0;
    for (const cell of Array.from(tr.cells)) {
      while (taken[r]?.[c]) c++;
      const rowspan = Math.max(1, cell.rowSpan), colspan = Math.max(1, cell.colSpan);
      header.push({ text: shownText(cell), row: r, col: c, rowspan, colspan });
      for (let i = 0; i < rowspan; i++) for (let j = 0; j < colspan; j++) (taken[r + i] ??= [])[c + j] = true;
      c += colspan;
    }
  });
  const cells = rows.map((tr) =>
    Array.from(tr.cells).flatMap((c) => {
      const fen = c.getAttribute('data-fen');
      const level = /\blevel(\d)\b/.exec(c.className);
      const first = { text: shownText(c), ...(fen !== null && /^-?\d+$/.test(fen) ? { amount: Number(fen) } : {}), ...(level ? { level: Number(level[1]) } : {}), code: c.classList.contains('code') };
      return [first, ...Array.from({ length: Math.max(1, c.colSpan) - 1 }, () => ({ text: '', code: false }))];
    }),
  );
  const width = Math.max(1, ...header.map((h) => h.col + h.colspan), ...cells.map((r) => r.length));
  const columns = Array.from({ length: width }, (_, j) => {
    const col = cells.map((r) => r[j]).filter((x) => x !== undefined);
    if (col.some((x) => 'amount' in x)) return 'number' as const;
    if (col.length && col.every((x) => x.code || !x.text)) return 'code' as const;
    if (col.some((x) => 'level' in x)) return 'name' as const;
    return 'label' as const;
  });
  return {
    title,
    ...(table.caption?.textContent?.trim() ? { subtitle: table.caption.textContent.trim() } : {}),
    unit: table.getAttribute('data-unit') === 'yuan' ? ('yuan' as const) : ('wanyuan' as const),
    columns,
    headerRows: Math.max(1, head.length),
    header,
    body: rows.map((tr, i) => ({ total: tr.classList.contains('total'), cells: cells[i]!.map(({ code: _code, ...x }) => x) })),
  };
}

function save(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Buttons that download the table `tableId` as `name`.csv (made here) and `name`.xlsx (drawn by the server from the table's grid). */
export function DownloadCsv({ tableId, name }: { tableId: string; name: string }) {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const table = () => {
    const t = document.getElementById(tableId);
    return t instanceof HTMLTableElement ? t : undefined;
  };
  return (
    <span class="downloads">
      <button
        type="button"
        class="link download-csv"
        onClick={() => {
          const t = table();
          if (t) save(new Blob([tableCsv(t)], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
        }}
      >
        下载本表（CSV）
      </button>
      <button
        type="button"
        class="link download-xlsx"
        disabled={busy}
        onClick={() => {
          const t = table();
          if (!t) return;
          setBusy(true);
          postForBlob('/api/tables/xlsx', tableLayout(t, name)).then(
            (blob) => (setBusy(false), setError(undefined), save(blob, `${name}.xlsx`)),
            (e: ApiError) => (setBusy(false), setError(e)),
          );
        }}
      >
        {busy ? '正在生成 XLSX……' : '下载本表（XLSX）'}
      </button>
      {error ? <ErrorBox error={error} /> : null}
    </span>
  );
}

/**
 * A year picker: “{label} [2025年 ▾]”, the chosen year in the address (`setQuery` by the caller).
 * `all` adds a first option for every year (value ""); `note` adds words after a year (“（3 份）”).
 */
export function YearSelect({ label, years, value, onPick, all, note, class: cls }: { label: string; years: number[]; value: number | string | undefined; onPick: (year: string) => void; all?: string; note?: (year: number) => string; class?: string }) {
  return (
    <label class={cls}>
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onPick((e.target as HTMLSelectElement).value)}>
        {all !== undefined ? <option value="">{all}</option> : null}
        {years.map((y) => (
          <option key={y} value={y}>
            {y}年{note ? note(y) : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
