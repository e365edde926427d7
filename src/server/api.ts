/**
 * The API's routes as data: each declares its method, path, who may call it, its zod schemas
 * and its handler. The same declarations register the Hono routes, validate every request and
 * write the OpenAPI document (openapi.ts), so the document cannot drift from the server.
 */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { CatalogSet } from '../catalogs/catalog.js';
import type { Db } from '../store/db.js';
import { StoreError } from '../store/db.js';
import type { Session } from '../store/users.js';
import type { Actor } from '../workflow/workflow.js';

z.config(z.locales.zhCN());

/** Who may call a route at all; what they may do with a given document is checked in the store. */
export type Access = 'public' | 'signed-in' | 'admin';

export interface Deps {
  db: Db;
  catalogs: CatalogSet;
}

export type Vars = { actor: Actor; session?: Session; bearer: boolean };
export type Ctx = Context<{ Variables: Vars }>;

type Obj = z.ZodObject<z.ZodRawShape>;

export interface Handle<P, Q, B> {
  c: Ctx;
  deps: Deps;
  actor: Actor;
  session: Session | undefined;
  params: P;
  query: Q;
  body: B;
}

export interface RouteSpec<P extends Obj, Q extends Obj, B extends z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI form: /api/documents/{id} */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** A file in the request body (an upload), not JSON. */
  upload?: boolean;
  /** Largest JSON body this route takes (bytes); the server's general limit otherwise. */
  maxBytes?: number;
  responses: Record<number, { description: string; schema?: z.ZodType; mediaType?: string }>;
  handler: (h: Handle<z.infer<P>, z.infer<Q>, z.infer<B>>) => Promise<Response>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteSpec<any, any, any>;

export function route<P extends Obj = z.ZodObject<{}>, Q extends Obj = z.ZodObject<{}>, B extends z.ZodType = z.ZodUnknown>(r: RouteSpec<P, Q, B>): AnyRoute {
  return r as AnyRoute;
}

/** An error the API answers with: {error: {code, message, hint}} and the status. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint = '',
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, hint = '', details?: Record<string, unknown>) {
  return { error: { code, message, ...(hint ? { hint } : {}), ...(details ?? {}) } };
}

export const errorSchema = z.object({
  error: z.object({ code: z.string().describe('错误代码（英文，供程序判断）'), message: z.string().describe('中文说明：什么错了、在哪里'), hint: z.string().optional().describe('中文：如何解决') }).passthrough(),
});

function issueText(e: z.ZodError, where: string): string {
  const i = e.issues[0]!;
  return `${where}${i.path.length ? ` ${i.path.join('.')}` : ''}：${i.message}`;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.infer<T> {
  if (!schema) return undefined as z.infer<T>;
  const r = schema.safeParse(value);
  if (!r.success) throw new HttpError(400, 'bad-request', issueText(r.error, where), '参数说明见 /api/openapi.json。');
  return r.data;
}

export const honoPath = (p: string) => p.replace(/\{(\w+)\}/g, ':$1');

/** What is wrong with a text the store cannot keep and no one typed: a NUL, or half of a UTF-16 pair. */
export function badText(text: string): string | undefined {
  if (text.includes('\u0000')) return 'NUL 字符（\\u0000）';
  if (!(text as string & { isWellFormed(): boolean }).isWellFormed()) return '不成对的代理字符（无效的 Unicode 文字）';
  return undefined;
}

/**
 * The first string (or key) with bad text in a JSON value: where it is and what is wrong.
 * Iterative, so a deeply nested value cannot overflow the stack.
 */
export function findBadText(value: unknown): { path: string; what: string } | undefined {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const what = badText(v);
      if (what) return { path: path || '（整体）', what };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i)]);
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const what = badText(k);
        if (what) return { path: path ? `${path}.（键）` : '（键）', what };
        stack.push([x, path ? `${path}.${k}` : k]);
      }
    }
  }
  return undefined;
}

const kb = (bytes: number) => `${Math.ceil(bytes / 1024)} KB`;

/** The request's path and query as sent: a bad % escape, a NUL or half a surrogate pair is a 400, never a 500. */
function checkUrl(c: Ctx): void {
  const url = new URL(c.req.url);
  for (const [part, raw] of [['路径', url.pathname], ['查询参数', url.search]] as const) {
    let text: string;
    try {
      text = decodeURIComponent(raw);
    } catch {
      throw new HttpError(400, 'bad-escape', `${part}中有无效的 % 转义（% 后须是两位十六进制数，且组成有效的 UTF-8 文字）`, '请用 encodeURIComponent 编码参数后重试。');
    }
    const what = badText(text);
    if (what) throw new HttpError(400, 'bad-text', `${part}中含有${what}`, '请去掉这些字符后重试。');
  }
}

async function jsonBody(c: Ctx, maxBytes?: number): Promise<unknown> {
  if (!(c.req.header('content-type') ?? '').includes('application/json')) throw new HttpError(415, 'json-required', '请求体须为 JSON（Content-Type: application/json）');
  const tooLarge = (size: number) =>
    new HttpError(413, 'too-large', `请求体 ${kb(size)}，超过此接口 ${kb(maxBytes!)} 的上限`, '请分批提交修改（每次少一些单元格或段落）。', { limit: maxBytes });
  const declared = Number(c.req.header('content-length') ?? NaN);
  if (maxBytes !== undefined && declared > maxBytes) throw tooLarge(declared);
  const text = await c.req.text();
  if (maxBytes !== undefined && Buffer.byteLength(text) > maxBytes) throw tooLarge(Buffer.byteLength(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad-json', '请求体不是有效的 JSON');
  }
  const bad = findBadText(value);
  if (bad) throw new HttpError(400, 'bad-text', `请求体 ${bad.path}：含有${bad.what}`, '请去掉这些字符后重试。');
  return value;
}

export function register(app: Hono<{ Variables: Vars }>, routes: AnyRoute[], deps: Deps): void {
  for (const r of routes) {
    app.on(r.method.toUpperCase(), honoPath(r.path), async (c) => {
      const actor = c.get('actor');
      if (r.access !== 'public' && actor.userId === null) throw new HttpError(401, 'sign-in', '请先登录', '用 POST /api/auth/login 登录后再试。');
      if (r.access === 'admin' && !actor.grants.some((g) => g.role === 'admin')) throw new HttpError(403, 'forbidden', '只有管理员可以这样做');
      checkUrl(c);
      const params = parse(r.params, c.req.param(), '路径参数');
      const query = parse(r.query, c.req.query(), '查询参数');
      const body = r.body ? parse(r.body, await jsonBody(c, r.maxBytes), '请求体') : undefined;
      return r.handler({ c, deps, actor, session: c.get('session'), params, query, body });
    });
  }
}

/** PostgreSQL's refusals of text it cannot store (NUL, bad escapes): the client's mistake, not the server's. */
const BAD_TEXT_SQLSTATES = new Set(['22021', '22P05', '22025']);

/** One log line per failure: the route, the status and the error's class — never a body or a statement's parameters. */
function logFailure(c: Ctx, status: number, e: unknown): void {
  const name = e instanceof Error ? e.constructor.name : typeof e;
  const code = (e as { code?: unknown }).code;
  const message = e instanceof Error ? e.message.split('\n')[0]!.slice(0, 160) : '';
  console.error(`[budgetbook] ${c.req.method} ${JSON.stringify(c.req.path.slice(0, 200))} ${status} ${name}${typeof code === 'string' ? ` ${code}` : ''}${message ? `: ${JSON.stringify(message)}` : ''}`);
}

/** Turns what a handler throws into the API's error answer. */
export function errorResponse(c: Ctx, e: unknown): Response {
  if (e instanceof HttpError) return c.json(errorBody(e.code, e.message, e.hint, e.details), e.status as 400);
  if (e instanceof StoreError) return c.json(errorBody(e.code, e.message, e.hint, e.details), e.status as 400);
  const status = (e as { status?: number }).status;
  if (status === 413) return c.json(errorBody('too-large', '请求体太大', '上传的文件不能超过服务器的大小限制。'), 413);
  if (status === 504 || status === 503) return c.json(errorBody('timeout', '请求处理超时', '请稍后重试，或缩小请求的范围。'), 503);
  const sqlState = (e as { code?: unknown }).code;
  if (typeof sqlState === 'string' && BAD_TEXT_SQLSTATES.has(sqlState)) {
    logFailure(c, 400, e);
    return c.json(errorBody('bad-text', '请求中含有数据库不能保存的文字（如 NUL 字符或无效的转义）', '请去掉这些字符后重试。'), 400);
  }
  logFailure(c, 500, e);
  return c.json(errorBody('internal', '服务器内部错误', '请稍后重试；如果反复出现，请报告给维护者。'), 500);
}

/**
 * A GET answer with an entity tag: 304 when the client has it already. Public answers may be
 * cached by anyone; answers to a signed-in user only by that user's browser.
 */
export function cachedBody(c: Ctx, body: string | Uint8Array, mediaType: string, etag?: string): Response {
  const tag = etag ?? `"${createHash('sha1').update(body).digest('base64url')}"`;
  c.header('ETag', tag);
  c.header('Cache-Control', c.get('actor').userId === null ? 'public, no-cache' : 'private, no-cache');
  c.header('Vary', 'Cookie, Authorization, Accept-Encoding');
  const inm = c.req.header('if-none-match');
  if (inm && inm.split(',').some((t) => t.trim() === tag || t.trim() === `W/${tag}`)) return c.body(null, 304);
  c.header('Content-Type', mediaType);
  return c.body(body as string);
}

/** 304 before any work, when the tag is known from the document's version alone. */
export function notModified(c: Ctx, etag: string): Response | undefined {
  const inm = c.req.header('if-none-match');
  if (!inm || !inm.split(',').some((t) => t.trim() === etag || t.trim() === `W/${etag}`)) return undefined;
  c.header('ETag', etag);
  c.header('Vary', 'Cookie, Authorization, Accept-Encoding');
  return c.body(null, 304);
}

export function sendJson(c: Ctx, data: unknown, etag?: string): Response {
  return cachedBody(c, JSON.stringify(data), 'application/json; charset=utf-8', etag);
}
