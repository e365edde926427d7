/** Small pieces every page uses: loading and error states, the title of the browser tab. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api.js';

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} · 部门预算公开`;
  }, [title]);
}

export interface Loaded<T> {
  data?: T;
  error?: ApiError;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` whenever a key changes; the last answer wins. */
export function useLoad<T>(load: () => Promise<T>, keys: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => live && setState({ data, loading: false }),
      (e: unknown) => live && setState({ error: e instanceof ApiError ? e : new ApiError(0, 'client', String((e as Error)?.message ?? e)), loading: false }),
    );
    return () => {
      live = false;
    };
  }, [...keys, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export function ErrorBox({ error }: { error: ApiError | Error }) {
  return (
    <div class="error-box" role="alert">
      <strong>{error.message}</strong>
      {error instanceof ApiError && error.hint ? <p>{error.hint}</p> : null}
    </div>
  );
}

export function Loading({ what = '内容' }: { what?: string }) {
  return (
    <p class="loading" role="status" aria-live="polite">
      正在载入{what}……
    </p>
  );
}

/** The loaded value, or its loading or error state. */
export function Show<T>({ loaded, what, children }: { loaded: Loaded<T>; what?: string; children: (data: T) => ComponentChildren }) {
  if (loaded.error) return <ErrorBox error={loaded.error} />;
  if (loaded.data === undefined) return <Loading {...(what ? { what } : {})} />;
  return <>{children(loaded.data)}</>;
}
