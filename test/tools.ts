/**
 * System tools some tests run (scripts/test-prereqs.ts, first in `npm test`, installs them when
 * it can). A test that needs a missing one is skipped, named with the one line that says how to
 * install it, and the line is printed: never a silent pass.
 */
import { hasTool, installLine, TOOLS, type Tool } from '../scripts/test-prereqs.js';

/** '' when every command is there; otherwise the line that says what is missing and how to install it. */
export function missingTools(commands: string[]): string {
  const missing = commands.filter((c) => !hasTool(c));
  if (!missing.length) return '';
  const tools = missing.map((c): Tool => TOOLS.find((t) => t.command === c) ?? { command: c, debian: c, usedBy: '' });
  const line = `跳过：缺少 ${missing.join('、')}；${installLine(tools)}，或以 root 在 Debian 上运行 npm test 自动安装`;
  console.warn(`\n[测试前提] ${line}\n`);
  return line;
}
