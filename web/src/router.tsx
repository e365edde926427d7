/**
 * Client-side routes with real paths (every view has a URL to share; the server answers every
 * non-API path with the app's page). Query parameters carry a view's state (?unit=wanyuan).
 */
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface Location {
  path: string;
  query: URLSearchParams;
}

const current = (): Location => ({ path: window.location.pathname, query: new URLSearchParams(window.location.search) });
const listeners = new Set<(l: Location) => void>();

/**
 * What would be lost by leaving the present view (unsaved edits), as a question to confirm, or
 * undefined. One guard at a time: the editor sets it while it holds changes.
 */
let leaveGuard: { ask: () => string | undefined; url: string } | undefined;

export function setLeaveGuard(ask: () => string | undefined): () => void {
  const guard = { ask, url: window.location.pathname + window.location.search + window.location.hash };
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = undefined;
  };
}

/** Whether the reader may leave the present view: no guard, nothing to lose, or they confirmed. */
export function mayLeave(): boolean {
  const question = leaveGuard?.ask();
  return !question || window.confirm(question);
}

// The back button, guarded too: when the reader stays, the address goes back to the view they stay on.
window.addEventListener('popstate', (e) => {
  if (!leaveGuard || window.location.pathname === leaveGuard.url.split(/[?#]/)[0]) return;
  if (mayLeave()) return;
  e.stopImmediatePropagation();
  history.pushState(null, '', leaveGuard.url);
});

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (!options.replace && !mayLeave()) return;
  if (options.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  const l = current();
  listeners.forEach((f) => f(l));
  if (!options.replace && !to.includes('#')) window.scrollTo(0, 0);
}

/** Sets query parameters of the present view without a new history entry (view state, not a new page). */
export function setQuery(values: Record<string, string | undefined>): void {
  const q = new URLSearchParams(window.location.search);
  for (const [k, v] of Object.entries(values)) v === undefined || v === '' ? q.delete(k) : q.set(k, v);
  const s = q.toString();
  navigate(`${window.location.pathname}${s ? `?${s}` : ''}${window.location.hash}`, { replace: true });
}

export function useLocation(): Location {
  const [loc, setLoc] = useState(current);
  useEffect(() => {
    const onPop = () => setLoc(current());
    listeners.add(setLoc);
    window.addEventListener('popstate', onPop);
    return () => {
      listeners.delete(setLoc);
      window.removeEventListener('popstate', onPop);
    };
  }, []);
  return loc;
}

/** Matches "/documents/:id" against a path: the named parts, or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const parts = (s: string) => s.replace(/\/+$/, '').split('/').slice(1);
  const p = parts(pattern);
  const a = parts(path);
  if (p.length !== a.length) return null;
  const out: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    if (p[i]!.startsWith(':')) out[p[i]!.slice(1)] = decodeURIComponent(a[i]!);
    else if (p[i] !== a[i]) return null;
  }
  return out;
}

/** A link that changes the view without reloading the page (ordinary link for new tabs and modifiers). */
export function Link(props: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren }) {
  const { href, onClick, ...rest } = props;
  return (
    <a
      href={href}
      {...rest}
      onClick={(e) => {
        if (onClick) (onClick as (e: MouseEvent) => void)(e);
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || (e.currentTarget as HTMLAnchorElement).target) return;
        if (href.startsWith('/api/') || href.startsWith('http') || href.startsWith('#')) return;
        e.preventDefault();
        navigate(href);
      }}
    />
  );
}
