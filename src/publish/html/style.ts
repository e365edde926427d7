/**
 * How a disclosure's tables, findings and charts look, wherever they are shown: the published
 * page (html/document.ts) and the web app's document page and editor (web/src/main.tsx) use
 * this one stylesheet. It expects --err, --warn and --info to be defined by the page.
 */
export const DISCLOSURE_CSS = `
h3.table-title { font-size: 17px; text-align: center; margin: 24px 0 4px; }
.table-meta { display: flex; justify-content: space-between; margin: 0; font-size: 13px; }
.scroll { overflow-x: auto; }
table.budget { border-collapse: collapse; width: 100%; font-size: 13px; }
table.budget th, table.budget td { border: 1px solid #555; padding: 3px 6px; }
table.budget th { background: #f0f0f0; text-align: center; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.code { text-align: center; white-space: nowrap; }
td.name.level1 { padding-left: 1.5em; } td.name.level2 { padding-left: 3em; }
tr.total td { font-weight: bold; }
p.sub { font-weight: bold; margin-bottom: 0; }
.finding.error { outline: 2px solid var(--err); background: #ffebee; }
.finding.warning { outline: 2px solid var(--warn); background: #fff8e1; }
.finding.info { outline: 1px dashed var(--info); }
mark.finding { background: #fff3cd; }
mark.finding.error { background: #ffcdd2; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(360px, 100%), 1fr)); gap: 12px; }
.charts figure { margin: 0; border: 1px solid #eee; } .charts svg { width: 100%; height: auto; }
ol.findings li { margin: 4px 0; } .where { color: #555; }
a.ref { font-size: 11px; vertical-align: super; text-decoration: none; margin-left: 1px; }
.sev-error { color: var(--err); } .sev-warning { color: var(--warn); } .sev-info { color: var(--info); }
td.name.filled { color: #444; font-style: italic; }
p.rounding-note, p.filled-note { font-size: 13px; color: #444; margin: 4px 0; }
table.budget.extra td, table.budget.extra th { white-space: normal; text-align: left; }
`;
