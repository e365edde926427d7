/** Who is signed in (null for the public), shared by the header and the workspace. */
import { useEffect, useState } from 'preact/hooks';
import { api, setCsrf, type User } from './api.js';

let user: User | null = null;
let known = false;
const listeners = new Set<(u: User | null) => void>();
const FLAG = 'bb-signed-in';

function set(u: User | null, csrfToken?: string): void {
  user = u;
  known = true;
  setCsrf(csrfToken);
  if (u) localStorage.setItem(FLAG, '1');
  else localStorage.removeItem(FLAG);
  listeners.forEach((f) => f(u));
}

/** The session, asked of the server only when this browser signed in before (the public pays nothing). */
export async function loadSession(): Promise<User | null> {
  if (known) return user;
  if (!localStorage.getItem(FLAG)) {
    known = true;
    return null;
  }
  const r = await api.get<{ user: User | null; csrfToken?: string }>('/api/auth/me').catch(() => ({ user: null }) as { user: User | null; csrfToken?: string });
  set(r.user, r.csrfToken);
  return r.user;
}

export async function signIn(username: string, password: string): Promise<User> {
  const r = await api.post<{ user: User; csrfToken: string }>('/api/auth/login', { username, password });
  set(r.user, r.csrfToken);
  return r.user;
}

export async function signOut(): Promise<void> {
  await api.post('/api/auth/logout').catch(() => undefined);
  set(null);
}

export function useUser(): { user: User | null; known: boolean } {
  const [state, setState] = useState({ user, known });
  useEffect(() => {
    const f = (u: User | null) => setState({ user: u, known: true });
    listeners.add(f);
    void loadSession().then((u) => setState({ user: u, known: true }));
    return () => void listeners.delete(f);
  }, []);
  return state;
}
