/**
 * Debian tools some tests run (scripts/test-prereqs.sh installs them when it can). A test that
 * needs a missing one is skipped, named with the one line that says how to install it, and the
 * line is printed: never a silent pass.
 */
import { spawnSync } from 'node:child_process';

/** Command → the Debian package that brings it. */
export const DEBIAN_PACKAGE: Record<string, string> = {
  gs: 'ghostscript',
  qpdf: 'qpdf',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  pdfinfo: 'poppler-utils',
  chromium: 'chromium',
};

export function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** '' when every command is there; otherwise the line that says what is missing and how to install it. */
export function missingTools(commands: string[]): string {
  const missing = commands.filter((c) => !hasCommand(c));
  if (!missing.length) return '';
  const packages = [...new Set(missing.map((c) => DEBIAN_PACKAGE[c] ?? c))];
  const line = `跳过：缺少 ${missing.join('、')}；安装：apt-get install -y ${packages.join(' ')}（或运行 npm test，它以 root 在 Debian 上自动安装）`;
  console.warn(`\n[测试前提] ${line}\n`);
  return line;
}
