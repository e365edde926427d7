/** The user's budgetbook folder: $BUDGETBOOK_HOME or ~/.budgetbook (no catalogs loaded: the fast path's loader uses it too). */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function homeDir(): string {
  return process.env.BUDGETBOOK_HOME ?? join(homedir(), '.budgetbook');
}
