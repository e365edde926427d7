/**
 * src/publish/packages.ts as the publish bundle has it (scripts/bundle-cli.ts `bundlePublish`):
 * the same packages, required by name so that esbuild bundles them.
 */
import type ExcelJS from 'exceljs';
import type * as Echarts from 'echarts';
import type PDFKitDocument from 'pdfkit';

export const pdfkit = (): typeof PDFKitDocument => require('pdfkit') as typeof PDFKitDocument;
export const excelWorkbookClass = (): typeof ExcelJS.Workbook => require('exceljs/lib/doc/workbook.js') as typeof ExcelJS.Workbook;
export const echartsLibrary = (): typeof Echarts => require('echarts/dist/echarts.min.js') as typeof Echarts;
