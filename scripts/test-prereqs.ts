/**
 * Run first by `npm test`: the system tools some tests need beyond `npm ci` (the Chinese font and
 * PostgreSQL come from npm). Missing ones are installed when it can (Debian, as root: apt-get);
 * otherwise it says in one line each how to install them, and those tests are reported as skipped
 * with the same line (test/tools.ts, e2e/harness.ts). BUDGETBOOK_NO_APT=1 never installs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface Tool {
  command: string;
  /** The Debian package that brings it. */
  debian: string;
  /** What needs it, for the message. */
  usedBy: string;
}

export const TOOLS: Tool[] = [
  { command: 'chromium', debian: 'chromium', usedBy: '端到端测试（e2e/）' },
  { command: 'pdftotext', debian: 'poppler-utils', usedBy: 'PDF 后处理测试' },
  { command: 'gs', debian: 'ghostscript', usedBy: 'PDF 后处理测试' },
  { command: 'qpdf', debian: 'qpdf', usedBy: 'PDF 后处理测试' },
];

/** Whether a command is on PATH (chromium: CHROMIUM_PATH when set). */
export function hasTool(command: string): boolean {
  if (command === 'chromium' && process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH);
  const names = process.platform === 'win32' ? [`${command}.exe`, `${command}.cmd`] : [command];
  return (process.env.PATH ?? '').split(delimiter).some((dir) => dir && names.some((n) => existsSync(join(dir, n))));
}

export function installLine(tools: Tool[]): string {
  const packages = [...new Set(tools.map((t) => t.debian))].join(' ');
  return `请安装：apt-get install -y ${packages}（Debian/Ubuntu，需 root；其他系统装同名软件）`;
}

function canApt(): string {
  if (process.env.BUDGETBOOK_NO_APT === '1') return 'BUDGETBOOK_NO_APT=1';
  if (process.platform !== 'linux' || !existsSync('/etc/debian_version') || !hasTool('apt-get')) return '不是 Debian 系统';
  if (process.getuid?.() !== 0) return '不是 root';
  return '';
}

function main(): void {
  let missing = TOOLS.filter((t) => !hasTool(t.command));
  if (!missing.length) return;
  const cannot = canApt();
  if (!cannot) {
    const packages = [...new Set(missing.map((t) => t.debian))];
    console.log(`[测试前提] 安装缺少的 Debian 软件包：${packages.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    if (update.status === 0) spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
    missing = missing.filter((t) => !hasTool(t.command));
  }
  for (const t of missing) {
    console.warn(`[测试前提] 缺少 ${t.command}（${t.usedBy}）${cannot ? `，未自动安装（${cannot}）` : '，自动安装失败'}；${installLine([t])}。这些测试将报告为跳过。`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
