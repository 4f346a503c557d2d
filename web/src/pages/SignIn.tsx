import { useState } from 'preact/hooks';
import { ApiError, demoAvailable, Session, signInAsDemo, signInWithPassword, signInWithToken } from '../api';

export function SignInPage({ onSignedIn }: { onSignedIn: (s: Session) => void }) {
  const [mode, setMode] = useState<'password' | 'token'>('password');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true); setError(null);
    try {
      onSignedIn(mode === 'password' ? await signInWithPassword(email, password) : await signInWithToken(token));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setError('This server does not offer password sign-in yet: use an API token.');
      else if (err instanceof ApiError && err.status === 401) setError(mode === 'password' ? 'Wrong email or password.' : 'That token was not accepted.');
      else setError(err instanceof Error ? err.message : String(err));
    } finally { setBusy(false); }
  }

  return (
    <div class="signin">
      <form class="card" onSubmit={submit} aria-label="Sign in">
        <h1>Groundwork</h1>
        <div class="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={mode === 'password'} onClick={() => setMode('password')}>Password</button>
          <button type="button" role="tab" aria-selected={mode === 'token'} onClick={() => setMode('token')}>API token</button>
        </div>
        {mode === 'password' ? <>
          <label>Email<input name="email" type="email" autoComplete="username" required value={email} onInput={e => setEmail(e.currentTarget.value)} autoFocus /></label>
          <label>Password<input name="password" type="password" autoComplete="current-password" required value={password} onInput={e => setPassword(e.currentTarget.value)} /></label>
        </> : <>
          <label>API token<input name="token" type="password" autoComplete="off" required value={token} onInput={e => setToken(e.currentTarget.value)} autoFocus placeholder="gw_…" /></label>
          <p class="hint">The token is kept in this tab only and sent as an <code>Authorization</code> header. <code>groundwork admin create-token</code> makes one.</p>
        </>}
        {error && <p class="error" role="alert">{error}</p>}
        <button class="primary" type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
        {demoAvailable() && <p class="demo-signin">This server runs in demo mode. <button type="button" class="link" disabled={busy}
          onClick={async () => { setBusy(true); try { onSignedIn(await signInAsDemo()); } catch (err) { setError(err instanceof Error ? err.message : String(err)); } finally { setBusy(false); } }}>
          Continue as the demo user</button></p>}
      </form>
    </div>
  );
}
