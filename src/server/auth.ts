/**
 * Who is asking. A session token arrives in the HTTP-only cookie (browsers) or as a bearer
 * token (scripts). Cookie requests that change anything must carry the session's CSRF token in
 * X-CSRF-Token (a page of another site cannot read it); bearer requests need none, since a
 * browser never sends them by itself. No token: the public (公众).
 */
import { randomBytes } from 'node:crypto';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { createSession, deleteSession, passwordHashOf, sessionOf } from '../store/users.js';
import { PUBLIC } from '../workflow/workflow.js';
import { errorBody, errorSchema, HttpError, route, type AnyRoute, type Deps, type Vars } from './api.js';
import { verifyPassword } from './passwords.js';
import { LoginThrottle } from './rate-limit.js';
import { sweepExpired } from '../store/throttle.js';
import type { Db } from '../store/db.js';
import type { Session } from '../store/users.js';
import { sha256 } from '../store/hash.js';
import { storeMemo } from './cache.js';
import { userSchema } from './schemas.js';

export const SESSION_COOKIE = 'bb_session';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AuthOptions {
  sessionHours: number;
  /** Always mark the cookie Secure. Without it, it is Secure when the request came over HTTPS (see trustProxy). */
  secureCookie: boolean;
  /**
   * Behind a reverse proxy (serve --trust-proxy): the client's address is the last one in
   * X-Forwarded-For and the scheme is X-Forwarded-Proto. Off by default: a client could set them.
   */
  trustProxy: boolean;
  throttle: LoginThrottle;
}

export function defaultAuthOptions(): AuthOptions {
  return { sessionHours: 8, secureCookie: false, trustProxy: false, throttle: new LoginThrottle() };
}

/** Expired sessions and spent login counters are removed at login and at most this often otherwise. */
const SWEEP_EVERY_MS = 10 * 60_000;
const lastSweep = new WeakMap<Db, number>();

async function sweep(db: Db, options: AuthOptions, force = false): Promise<void> {
  const now = Date.now();
  if (!force && now - (lastSweep.get(db) ?? 0) < SWEEP_EVERY_MS) return;
  lastSweep.set(db, now);
  await sweepExpired(db, options.throttle.limits.windowSeconds);
}

/**
 * The session of a token, kept while the store has not changed (PGlite: a logout, a disabled user
 * or a change of roles is a write, which ends the generation) and until it expires; looked up in
 * the store every time on the server driver. Keyed by the token's hash, never the token.
 */
async function sessionOfKept(db: Db, token: string): Promise<Session | undefined> {
  const session = await storeMemo(db, `session|${sha256(token)}`, () => 2048, async () => (await sessionOf(db, token)) ?? null);
  if (session && Date.parse(session.expiresAt) <= Date.now()) return undefined;
  return session ?? undefined;
}

export function actorMiddleware(deps: Deps, options: AuthOptions = defaultAuthOptions()): MiddlewareHandler<{ Variables: Vars }> {
  return async (c, next) => {
    await sweep(deps.db, options).catch(() => {}); // housekeeping; a failure here must not refuse the request
    const header = c.req.header('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const token = bearer ?? getCookie(c, SESSION_COOKIE);
    c.set('actor', PUBLIC);
    c.set('bearer', !!bearer);
    if (token) {
      const session = await sessionOfKept(deps.db, token);
      if (!session && bearer) return c.json(errorBody('bad-token', '令牌无效或已过期', '请重新登录（POST /api/auth/login）取得新令牌。'), 401);
      if (session) {
        if (!bearer && !SAFE.has(c.req.method) && c.req.header('x-csrf-token') !== session.csrfToken) {
          return c.json(errorBody('csrf', '缺少或错误的 CSRF 令牌', '登录时返回的 csrfToken 须放在请求头 X-CSRF-Token 中。'), 403);
        }
        c.set('actor', session.actor);
        c.set('session', session);
      }
    }
    await next();
  };
}

type AnyCtx = Parameters<MiddlewareHandler>[0];

/** The client's address: the socket's, or behind a trusted proxy the last X-Forwarded-For entry (the one the proxy added). */
export function clientAddress(c: AnyCtx, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
    if (forwarded) return forwarded;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Whether the browser reached us over HTTPS: the request's own scheme, or a trusted proxy's X-Forwarded-Proto. */
export function overHttps(c: AnyCtx, trustProxy: boolean): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  return trustProxy && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

const loginSchema = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(1000) });
const sessionSchema = z.object({ user: userSchema, token: z.string().describe('会话令牌：也可作 Authorization: Bearer 使用'), csrfToken: z.string().describe('以 Cookie 登录时，修改类请求须带请求头 X-CSRF-Token'), expiresAt: z.string() });

export function authRoutes(options: AuthOptions): AnyRoute[] {
  return [
    route({
      method: 'post',
      path: '/api/auth/login',
      tag: '登录',
      summary: '登录：设置 HTTP-only 会话 Cookie，并返回令牌与 CSRF 令牌',
      description: '15 分钟内：同一用户名从同一地址失败 5 次、同一地址失败 30 次、同一用户名（不论地址）失败 20 次后暂时拒绝（429，Retry-After 给出秒数）。次数在核对密码之前计入，并发请求也不能绕过。',
      access: 'public',
      body: loginSchema,
      responses: { 200: { description: '已登录', schema: sessionSchema }, 401: { description: '用户名或密码错误', schema: errorSchema }, 429: { description: '尝试过多', schema: errorSchema } },
      async handler({ c, deps, body }) {
        const ip = clientAddress(c, options.trustProxy);
        // The attempt is counted before the password is verified: parallel guesses each take a slot.
        const wait = await options.throttle.take(deps.db, ip, body.username);
        if (wait > 0) {
          c.header('Retry-After', String(wait));
          throw new HttpError(429, 'too-many-attempts', `登录失败次数过多，请 ${Math.ceil(wait / 60)} 分钟后再试`, '为防止猜测密码，同一用户名或同一地址短时间内失败多次后会暂时无法登录。');
        }
        const user = await passwordHashOf(deps.db, body.username);
        const ok = await verifyPassword(user?.hash, body.password);
        if (!user || !ok || user.disabled) throw new HttpError(401, 'bad-credentials', '用户名或密码错误', '请检查后重试；多次失败会暂时无法登录。');
        await options.throttle.succeeded(deps.db, ip, body.username);
        await sweep(deps.db, options, true); // each login clears expired sessions and spent counters
        const token = randomBytes(32).toString('base64url');
        const csrfToken = randomBytes(24).toString('base64url');
        const expiresAt = await createSession(deps.db, user.id, token, csrfToken, options.sessionHours);
        setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/', secure: options.secureCookie || overHttps(c, options.trustProxy), maxAge: options.sessionHours * 3600 });
        const session = (await sessionOf(deps.db, token))!;
        return c.json({ user: session.user, token, csrfToken, expiresAt });
      },
    }),
    route({
      method: 'post',
      path: '/api/auth/logout',
      tag: '登录',
      summary: '退出登录（会话作废）',
      access: 'signed-in',
      responses: { 204: { description: '已退出' } },
      async handler({ c, deps }) {
        const header = c.req.header('authorization');
        const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : getCookie(c, SESSION_COOKIE);
        if (token) await deleteSession(deps.db, token);
        deleteCookie(c, SESSION_COOKIE, { path: '/', secure: options.secureCookie || overHttps(c, options.trustProxy) });
        return c.body(null, 204);
      },
    }),
    route({
      method: 'get',
      path: '/api/auth/me',
      tag: '登录',
      summary: '当前用户及其角色；未登录时 user 为 null（公众）',
      access: 'public',
      responses: { 200: { description: '当前用户', schema: z.object({ user: userSchema.nullable(), csrfToken: z.string().optional() }) } },
      async handler({ c, session }) {
        c.header('Cache-Control', 'no-store');
        return c.json(session ? { user: session.user, csrfToken: session.csrfToken } : { user: null });
      },
    }),
  ];
}
