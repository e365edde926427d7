/** Sign-in for preparers, reviewers and the bureau. */
import { useState } from 'preact/hooks';
import { ApiError } from '../api.js';
import { navigate, useLocation } from '../router.js';
import { signIn } from '../session.js';
import { ErrorBox, useTitle } from '../ui.js';

export function LoginPage() {
  useTitle('登录');
  const loc = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  return (
    <main id="main" class="login-page">
      <h1>登录工作台</h1>
      <p>编制人、审核人和财政局工作人员登录后编制、审核、公开预算。公众查看已公开的预算无需登录。</p>
      <form
        class="login"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          signIn(username.trim(), password).then(
            () => navigate(loc.query.get('next') ?? '/workspace'),
            (err: ApiError) => (setError(err), setBusy(false)),
          );
        }}
      >
        <label>
          用户名
          <input name="username" autoComplete="username" required value={username} onInput={(e) => setUsername((e.target as HTMLInputElement).value)} />
        </label>
        <label>
          密码
          <input name="password" type="password" autoComplete="current-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
        </label>
        {error ? <ErrorBox error={error} /> : null}
        <button type="submit" disabled={busy}>
          {busy ? '正在登录……' : '登录'}
        </button>
      </form>
    </main>
  );
}
