/**
 * The pages' Content-Security-Policy allows no eval (src/server/headers.ts). zod compiles fast
 * parsers with `new Function` when it may; told not to try, it parses the same without them and
 * the browser reports no violation. Imported first by each lazy chunk's entry (the workspace and the
 * public calculator, whose chunk the workspace imports and which Vite evaluates first), before any
 * schema is used.
 */
import { config } from 'zod';

config({ jitless: true });
