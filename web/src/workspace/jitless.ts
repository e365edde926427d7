/**
 * The pages' Content-Security-Policy allows no eval (src/server/headers.ts). zod compiles fast
 * parsers with `new Function` when it may; told not to try, it parses the same without them and
 * the browser reports no violation. Imported first by the workspace, before any schema is used.
 */
import { config } from 'zod';

config({ jitless: true });
