/**
 * The HTTP server: the API routes (api.ts declarations), the OpenAPI document, and the web
 * app's static files from a folder when it exists. Limits: request body size, time per request,
 * gzip for what compresses. Every response carries a Content-Security-Policy (headers.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { HTTPException } from 'hono/http-exception';
import { serveStatic } from '@hono/node-server/serve-static';
import type { CatalogSet } from '../catalogs/catalog.js';
import type { Db } from '../store/db.js';
import { errorBody, errorResponse, register, sendJson, type AnyRoute, type Deps, type Vars } from './api.js';
import { contentSecurityPolicy } from './headers.js';
import { actorMiddleware, authRoutes, defaultAuthOptions, type AuthOptions } from './auth.js';
import { openApiDocument } from './openapi.js';
import { documentRoutes } from './routes/documents.js';
import { portalRoutes } from './routes/portal.js';
import { workspaceRoutes } from './routes/workspace.js';
import { chartRoutes } from './routes/charts.js';
import { viewRoutes } from './routes/views.js';

export interface AppOptions {
  db: Db;
  catalogs: CatalogSet;
  /** Folder of the built web app (served at /), e.g. web/dist. */
  webDir?: string;
  /** Largest JSON request body (bytes). */
  jsonLimit?: number;
  /** Largest uploaded file (bytes). */
  uploadLimit?: number;
  /** Longest a request may take (ms). */
  requestTimeout?: number;
  auth?: AuthOptions;
}

export function apiRoutes(auth: AuthOptions): AnyRoute[] {
  return [...authRoutes(auth), ...documentRoutes(), ...portalRoutes(), ...workspaceRoutes(), ...chartRoutes(), ...viewRoutes()];
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

export function createApp(options: AppOptions): { app: Hono<{ Variables: Vars }>; routes: AnyRoute[] } {
  const deps: Deps = { db: options.db, catalogs: options.catalogs };
  const auth = options.auth ?? defaultAuthOptions();
  const routes = apiRoutes(auth);
  const app = new Hono<{ Variables: Vars }>();
  const tooLarge = (limit: number) => bodyLimit({ maxSize: limit, onError: (c) => c.json(errorBody('too-large', `请求体超过 ${Math.round(limit / 1024 / 1024)} MB 的上限`, '请上传更小的文件，或分批提交修改。'), 413) });
  app.onError((e, c) => {
    if (e instanceof HTTPException && e.status === 504) return c.json(errorBody('timeout', '请求处理超时', '请稍后重试，或缩小请求的范围。'), 503);
    return errorResponse(c, e);
  });
  app.notFound((c) => c.json(errorBody('no-route', `没有这个地址：${c.req.method} ${c.req.path}`, 'API 的地址见 /api/openapi.json。'), 404));
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-origin' }));
  app.use('*', contentSecurityPolicy());
  app.use('/api/*', timeout(options.requestTimeout ?? 30_000));
  app.use('/api/*', compress());
  const uploads = new Set(routes.filter((r) => r.upload).map((r) => r.path.replace(/\{\w+\}/g, '')));
  const jsonLimit = tooLarge(options.jsonLimit ?? 2 * 1024 * 1024);
  const uploadLimit = tooLarge(options.uploadLimit ?? 50 * 1024 * 1024);
  app.use('/api/*', (c, next) => (c.req.method !== 'GET' && uploads.has(c.req.path) ? uploadLimit(c, next) : jsonLimit(c, next)));
  app.use('/api/*', actorMiddleware(deps, auth));
  const version = packageVersion();
  let spec: string | undefined;
  app.get('/api/openapi.json', (c) => {
    spec ??= JSON.stringify(openApiDocument(routes, version));
    return c.body(spec, 200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
  });
  app.get('/api/health', (c) => sendJson(c, { ok: true, driver: deps.db.driver, memory: process.memoryUsage().rss }));
  register(app, routes, deps);
  const web = options.webDir;
  if (web && existsSync(join(web, 'index.html'))) {
    const files = serveStatic({ root: web });
    // Built files are named by their content: a browser keeps them; the page itself is asked for again each time.
    app.use('/assets/*', compress(), async (c, next) => {
      await next();
      if (c.res.status === 200) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    const page = serveStatic({ path: join(web, 'index.html') });
    // The web app's own routes (/documents/1 …) get its page; /api/… never does.
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : files(c, next)));
    app.get('*', (c, next) => (c.req.path.startsWith('/api/') ? next() : page(c, next)));
  }
  return { app, routes };
}
