/**
 * The packages a format needs, each loaded when first asked for, as CommonJS (the `require` entry
 * Node would take). The publish bundle (scripts/bundle-cli.ts `bundlePublish`) replaces this module
 * with scripts/bundle-packages.ts, the same three calls as plain `require`s, so that esbuild puts
 * the packages in the bundle and its code cache.
 */
import { createRequire } from 'node:module';
import type ExcelJS from 'exceljs';
import type * as Echarts from 'echarts';
import type PDFKitDocument from 'pdfkit';

const require = createRequire(import.meta.url);

/**
 * pdfkit's CommonJS build (the package's `require` entry, with fontkit's): the same code as its ES
 * module, which Node loads a third slower (module graph of ES modules: fontkit, restructure…).
 */
export const pdfkit = (): typeof PDFKitDocument => require('pdfkit') as typeof PDFKitDocument;

/**
 * ExcelJS's Workbook class alone (lib/doc/workbook.js): the package's entry point also loads its
 * streaming reader and writer (unzipper, archiver and their dependencies), half of its load time,
 * which writing a workbook never uses. The same class as `ExcelJS.Workbook`.
 */
export const excelWorkbookClass = (): typeof ExcelJS.Workbook => require('exceljs/lib/doc/workbook.js') as typeof ExcelJS.Workbook;

/**
 * ECharts as its one-file build (dist/echarts.min.js, the same release as its ES modules): it
 * loads in a fifth of the time of the hundreds of modules of `import 'echarts'`, and draws the same SVG.
 */
export const echartsLibrary = (): typeof Echarts => require('echarts/dist/echarts.min.js') as typeof Echarts;
