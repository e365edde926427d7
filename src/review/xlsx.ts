/** The review form as the bureau's workbook (exceljs), and the district's summary workbook. */
import ExcelJS from 'exceljs';
import type { ReviewForm } from './form.js';
import type { Score } from './score.js';
import type { Severity } from '../check/finding.js';

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

export async function formWorkbook(form: ReviewForm): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budgetbook';
  const ws = wb.addWorksheet('检查表', { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [{ width: 12 }, { width: 40 }, { width: 10 }, { width: 80 }];
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = form.title;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.getRow(1).height = 28;
  ws.mergeCells('A2:D2');
  ws.getCell('A2').value = `${form.entityLabel}：${form.entity}`;
  ws.mergeCells('A3:D3');
  ws.getCell('A3').value = `公开网址：${form.url ?? ''}`;
  ws.mergeCells('A4:B4');
  ws.getCell('A4').value = '检查内容';
  ws.getCell('C4').value = '符合要求';
  ws.getCell('D4').value = '问题截图';
  for (const c of ['A4', 'B4', 'C4', 'D4']) {
    ws.getCell(c).font = { bold: true };
    ws.getCell(c).alignment = { horizontal: 'center', vertical: 'middle' };
    ws.getCell(c).border = BORDER;
  }
  let row = 5;
  const groupStart = new Map<string, number>();
  for (const r of form.rows) {
    if (!groupStart.has(r.item.group)) groupStart.set(r.item.group, row);
    const x = ws.getRow(row);
    x.getCell(1).value = r.item.group;
    x.getCell(2).value = r.name;
    x.getCell(3).value = r.ok;
    x.getCell(4).value = r.problems.map((p, i) => `${i + 1}. ${p.text}`).join('\n');
    for (let c = 1; c <= 4; c++) {
      x.getCell(c).border = BORDER;
      x.getCell(c).alignment = { vertical: 'middle', wrapText: true, ...(c === 3 || c === 1 ? { horizontal: 'center' as const } : {}) };
    }
    if (r.ok === '否') x.getCell(3).font = { color: { argb: 'FFC00000' }, bold: true };
    // Rows grow with their text (LibreOffice and Excel do not measure wrapped CJK text themselves).
    const chars = r.problems.reduce((n, p) => n + Math.ceil((p.text.length + 3) / 40), 0);
    x.height = Math.max(20, 15 * chars);
    row++;
  }
  const groups = [...groupStart];
  groups.forEach(([, start], i) => {
    const end = (groups[i + 1]?.[1] ?? row) - 1;
    if (end > start) ws.mergeCells(start, 1, end, 1);
  });
  ws.views = [{ state: 'frozen', ySplit: 4 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SummaryRow {
  file: string;
  entity: string;
  kind: string;
  year: number | '';
  form?: ReviewForm;
  counts: Record<Severity, number>;
  score?: Score;
  error?: string;
  pairedWith?: string;
  prior?: string;
}

export async function summaryWorkbook(rows: SummaryRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budgetbook';
  const ws = wb.addWorksheet('汇总', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const items = rows.find((r) => r.form)?.form?.rows.map((r) => r.item) ?? [];
  const header = ['序号', '文件', '部门/单位', '类别', '年度', '透明度得分', '错误', '警告', '提示', ...items.map((i) => i.name.replace(/部门/g, '')), '对应文件', '上年文件', '说明'];
  ws.addRow([title]);
  ws.mergeCells(1, 1, 1, header.length);
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.addRow(header).font = { bold: true };
  rows.forEach((r, i) => {
    const x = ws.addRow([
      i + 1,
      r.file,
      r.entity,
      r.kind,
      r.year,
      r.score?.total ?? '',
      r.counts.error,
      r.counts.warning,
      r.counts.info,
      ...items.map((it) => r.form?.rows.find((fr) => fr.item.id === it.id)?.ok ?? ''),
      r.pairedWith ?? '',
      r.prior ?? '',
      r.error ?? '',
    ]);
    items.forEach((_, k) => {
      const cell = x.getCell(10 + k);
      if (cell.value === '否') cell.font = { color: { argb: 'FFC00000' } };
    });
  });
  ws.columns.forEach((c, i) => (c.width = i === 0 ? 5 : i === 1 || i === 2 ? 30 : i >= 9 && i < 9 + items.length ? 6 : i === header.length - 1 ? 50 : 9));
  ws.getRow(2).alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 90;
  ws.views = [{ state: 'frozen', ySplit: 2, xSplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
