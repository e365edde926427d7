/**
 * The server's API as the app uses it: JSON in and out, the session cookie with its CSRF token
 * on every change, and the API's Chinese errors (what, where, how to fix) as ApiError.
 */
import type { BudgetDocument } from '../../src/model/document.js';
import type { Finding } from '../../src/check/finding.js';
import type { z } from 'zod';
import type { documentSchema, entityRefSchema, grantSchema, userSchema } from '../../src/server/schemas.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

let csrf: string | undefined = sessionStorage.getItem('bb-csrf') ?? undefined;

export function setCsrf(token: string | undefined): void {
  csrf = token;
  if (token) sessionStorage.setItem('bb-csrf', token);
  else sessionStorage.removeItem('bb-csrf');
}

async function request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const init: RequestInit = { method, headers: { Accept: 'application/json', ...headers }, credentials: 'same-origin' };
  if (method !== 'GET' && csrf) (init.headers as Record<string, string>)['X-CSRF-Token'] = csrf;
  if (body instanceof Uint8Array || body instanceof Blob) init.body = body as BodyInit;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'network', '连不上服务器', '请检查网络，或确认 budgetbook serve 仍在运行。');
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const e = (data as { error?: { code: string; message: string; hint?: string } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? 'http', e?.message ?? `服务器返回 ${res.status}`, e?.hint, e as Record<string, unknown> | undefined);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => request<T>('POST', path, body, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
};

/** A POST whose answer is a file (an XLSX), as a Blob; the API's Chinese error otherwise. */
export async function postForBlob(path: string, body: unknown): Promise<Blob> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  let res: Response;
  try {
    res = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'network', '连不上服务器', '请检查网络，或确认 budgetbook serve 仍在运行。');
  }
  if (!res.ok) {
    const e = ((await res.json().catch(() => undefined)) as { error?: { code: string; message: string; hint?: string } } | undefined)?.error;
    throw new ApiError(res.status, e?.code ?? 'http', e?.message ?? `服务器返回 ${res.status}`, e?.hint);
  }
  return res.blob();
}

export const q = (params: Record<string, string | number | undefined>): string => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') s.set(k, String(v));
  const t = s.toString();
  return t ? `?${t}` : '';
};

/** The API's records, as the server declares them (src/server/schemas.ts): one definition for both sides. */
export type EntityRef = z.infer<typeof entityRefSchema>;
export type DocumentRecord = z.infer<typeof documentSchema>;

export interface Page<T> {
  items: T[];
  total: number;
}

export interface EntityRecord extends EntityRef {
  units: number;
  years: number[];
  children?: EntityRecord[];
}

export interface Chart {
  id: string;
  title: string;
  svg: string;
}

export type Grant = z.infer<typeof grantSchema>;
export type User = Omit<z.infer<typeof userSchema>, 'disabled'>;

export type { BudgetDocument, Finding };

export const content = (id: number, version?: number) => api.get<BudgetDocument>(`/api/documents/${id}/content${q({ version })}`);
export const findingsOf = (id: number, version?: number) => api.get<{ findings: Finding[] }>(`/api/documents/${id}/findings${q({ version })}`).then((r) => r.findings);
export const record = (id: number) => api.get<DocumentRecord>(`/api/documents/${id}`);
