/**
 * On a 决算's page: the same entity's budget of the year beside it — per 科目 the 年初预算, the
 * 决算 and the execution rate, largest deviations first (GET /api/documents/{id}/execution), with a
 * link to the budget and the whole list as CSV; above it the chart of the 类 (server-drawn SVG, GET
 * /api/documents/{id}/execution/chart) with its text alternative, and below it the totals of each
 * table, also as CSV; /documents/{id}#execution opens the page there.
 */
import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { MoneyUnit } from '../../../src/model/money.js';
import { api } from '../api.js';
import { money, unitName } from '../format.js';
import { Link } from '../router.js';
import { useLoad } from '../ui.js';

interface Line {
  table: 'general-function' | 'fund-function' | 'soe-function';
  code: string;
  label?: string;
  budget: number;
  final: number;
  rate?: number;
}

interface TableLine {
  table: string;
  item: string;
  budget: number;
  final: number;
  rate?: number;
}

interface ExecutionChart {
  title: string;
  svg: string;
  text: string;
}

const rateText = (rate: number | undefined) => (rate === undefined ? '预算为 0' : `${(rate / 100).toFixed(2)}%`);

const FUNDS: Record<Line['table'], string> = { 'general-function': '一般公共预算', 'fund-function': '政府性基金预算', 'soe-function': '国有资本经营预算' };
const SHOWN = 15;

export function Execution({ id, unit }: { id: number; unit: MoneyUnit }) {
  const loaded = useLoad(() => api.get<{ budget: number; lines: Line[]; tables: TableLine[] }>(`/api/documents/${id}/execution`), [id]);
  const chart = useLoad(() => api.get<{ chart: ExecutionChart }>(`/api/documents/${id}/execution/chart`), [id]);
  // Reached from the entity's list (/documents/{id}#execution): the section arrives after the page, so it takes the reader there itself.
  useEffect(() => {
    if (!loaded.data || location.hash !== '#execution') return;
    const h = document.getElementById('execution-title');
    if (!h) return;
    h.setAttribute('tabindex', '-1');
    h.scrollIntoView();
    h.focus({ preventScroll: true });
  }, [loaded.data]);
  // No budget of that year to read: the page says so in one line, the 决算 stands alone.
  if (loaded.error) return <p class="muted execution-none">没有可对照的同年预算：{loaded.error.message}</p>;
  if (!loaded.data) return <p class="loading">正在对照同年预算……</p>;
  const { budget, lines, tables } = loaded.data;
  return (
    <section class="execution" id="execution" aria-labelledby="execution-title">
      <h2 id="execution-title">预算执行：与同年预算对照</h2>
      <p class="muted">
        <Link href={`/documents/${budget}`}>同年部门预算</Link>的年初预算与本决算并列，完成率 = 决算 ÷ 年初预算，偏差最大的在前。
      </p>
      {chart.data ? (
        <figure class="chart execution-chart" id="execution-chart" tabIndex={0} role="group" aria-labelledby="execution-chart-title" aria-describedby="execution-chart-text">
          <figcaption id="execution-chart-title" class="sr-only">
            {chart.data.chart.title}（图）
          </figcaption>
          <div aria-hidden="true" dangerouslySetInnerHTML={{ __html: chart.data.chart.svg }} />
          <details class="chart-text">
            <summary>图的文字说明</summary>
            <p id="execution-chart-text">{chart.data.chart.text}</p>
          </details>
        </figure>
      ) : chart.error ? (
        <p class="muted">对照图暂不可用：{chart.error.message}</p>
      ) : (
        <p class="loading">正在画对照图……</p>
      )}
      <p class="muted">
        按科目：偏差最大的 {Math.min(SHOWN, lines.length)} 项（共 {lines.length} 项）；
        <a href={`/api/documents/${id}/execution?format=csv`} download>下载全部（CSV）</a>
      </p>
      <ExecutionTable
        id="execution-table"
        label="预算执行对照表（可左右滚动）"
        heads={['资金', '科目']}
        unit={unit}
        rows={lines.slice(0, SHOWN).map((l) => ({ key: `${l.table}/${l.code}`, cells: [FUNDS[l.table], <><Link href={`/subjects/${l.code}`}>{l.code}</Link> {l.label ?? ''}</>], budget: l.budget, final: l.final, rate: l.rate }))}
      />
      <p class="muted">
        按表：各表合计（收入不含上年结转，财政拨款为本年支出）；
        <a href={`/api/documents/${id}/execution?format=csv&part=tables`} download>
          下载按表对照（CSV）
        </a>
      </p>
      <ExecutionTable
        id="execution-tables"
        label="按表的预算执行对照（可左右滚动）"
        heads={['表', '项目']}
        unit={unit}
        rows={tables.map((l) => ({ key: `${l.table}/${l.item}`, cells: [l.table, l.item], budget: l.budget, final: l.final, rate: l.rate }))}
      />
    </section>
  );
}

interface ExecutionRow {
  key: string;
  cells: [ComponentChildren, ComponentChildren];
  budget: number;
  final: number;
  rate?: number | undefined;
}

/** One comparison table: two label columns, then 年初预算, 决算 and 完成率. */
function ExecutionTable(props: { id: string; label: string; heads: [string, string]; unit: MoneyUnit; rows: ExecutionRow[] }) {
  const { unit } = props;
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={props.label}>
      <table class="compare-table" id={props.id}>
        <thead>
          <tr>
            <th scope="col">{props.heads[0]}</th>
            <th scope="col">{props.heads[1]}</th>
            <th scope="col">年初预算（{unitName(unit)}）</th>
            <th scope="col">决算（{unitName(unit)}）</th>
            <th scope="col" title="决算 ÷ 年初预算">
              完成率
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key}>
              <td>{r.cells[0]}</td>
              <td>{r.cells[1]}</td>
              <td class="num">{money(r.budget, unit)}</td>
              <td class="num">{money(r.final, unit)}</td>
              <td class="num">{rateText(r.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
