/**
 * What a browser may do with what this server sends (issue 13): the web app's pages run only
 * their own script files (no inline script, no eval); API answers, published files included,
 * are data that never runs, even when a browser is sent to one.
 */
import type { MiddlewareHandler } from 'hono';

/**
 * The web app (web/dist): scripts from this origin only, no inline script, no eval. Styles also
 * allow 'unsafe-inline': the charts are ECharts SVG put into the page, and it carries style
 * attributes and <style> elements that differ per chart, and the disclosure stylesheet is
 * added by the app at run time; a style cannot run script. A PDF the user picks to upload is
 * shown from a blob: URL in a frame (Chrome's viewer needs blob: for frames and plugin data).
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  'object-src blob:',
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

/**
 * Every /api answer and every published file: a sandbox without scripts and without the
 * origin (no allow-scripts, no allow-same-origin), nothing loaded but the page's own styles and
 * data: images. A published HTML page opened from here shows, but nothing in it runs.
 */
export const DATA_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/**
 * Sets the policy of a response that has none: DATA_CSP under /api/, APP_CSP for the pages. A
 * PDF gets none: browsers refuse to show a PDF in a sandbox, and their viewer runs nothing of
 * it in this origin.
 */
export function contentSecurityPolicy(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    if (c.res.headers.has('Content-Security-Policy') || c.res.headers.get('Content-Type') === 'application/pdf') return;
    c.res.headers.set('Content-Security-Policy', c.req.path.startsWith('/api/') ? DATA_CSP : APP_CSP);
  };
}
