// Accounts: log in, register, verify the email, forgotten and reset passwords, the profile.
import { useState, useEffect } from 'preact/hooks';
import { Page, Field, Problem, Notice } from '../ui/common.jsx';
import { Link, navigate, useLocation } from '../lib/router.js';
import { api } from '../lib/api.js';
import { login, register, session } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import { useAction } from '../lib/action.js';

/** Runs {@code action} on submit with the form's values, keeping its refusal to show. */
/** A form's submit as an action (lib/action.js): its fields' values handed to {@code action}. */
function useSubmit(action) {
  const { busy, error, run } = useAction();
  const onSubmit = (e) => {
    e.preventDefault();
    const values = Object.fromEntries(new FormData(e.currentTarget));
    run('submit', () => action(values));
  };
  return { error, busy, onSubmit };
}

export function LoginPage({ next }) {
  const { query } = useLocation();
  const to = next || query.get('next') || '/';
  const { error, busy, onSubmit } = useSubmit(async ({ email, password }) => {
    await login(email, password);
    navigate(to, { replace: true });
  });
  return (
    <Page title="Log in">
      <form onSubmit={onSubmit} class="form">
        <Problem error={error} />
        <Field label="Email" name="email" type="email" autocomplete="email" required />
        <Field label="Password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Logging in…' : 'Log in'}</button>
      </form>
      <p>New here? <Link href={`/register?next=${encodeURIComponent(to)}`}>Create an account</Link>.
        {' '}<Link href="/forgot-password">Forgot your password?</Link></p>
    </Page>
  );
}

export function RegisterPage() {
  const { query } = useLocation();
  const { error, busy, onSubmit } = useSubmit(async ({ name, email, password }) => {
    await register(name, email, password);
    navigate(query.get('next') || '/', { replace: true });
  });
  return (
    <Page title="Create an account">
      <form onSubmit={onSubmit} class="form">
        <Problem error={error} />
        <Field label="Name" name="name" autocomplete="name" required maxLength={200} />
        <Field label="Email" name="email" type="email" autocomplete="email" required />
        <Field label="Password" name="password" type="password" autocomplete="new-password"
          required minLength={8} hint="At least 8 characters." />
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Creating…' : 'Create account'}</button>
      </form>
      <p>We email you a link to confirm your address. Already have an account? <Link href="/login">Log in</Link>.</p>
    </Page>
  );
}

export function VerifyEmailPage() {
  const { query } = useLocation();
  const token = query.get('token');
  const [state, setState] = useState({ done: false, error: null });
  useEffect(() => {
    if (!token) return;
    api('/v1/auth/verify-email', { method: 'POST', body: { token } })
      .then(() => setState({ done: true, error: null }), (error) => setState({ done: false, error }));
  }, [token]);
  return (
    <Page title="Confirm your email">
      {!token && <Notice kind="error">This link has no token. Open the link from the email again.</Notice>}
      {token && !state.done && !state.error && <p role="status">Confirming…</p>}
      {state.done && <Notice kind="success">Your email is confirmed. <Link href="/">Find an event</Link>.</Notice>}
      <Problem error={state.error} />
    </Page>
  );
}

export function ForgotPasswordPage() {
  const [sent, setSent] = useState(false);
  const { error, busy, onSubmit } = useSubmit(async ({ email }) => {
    await api('/v1/auth/password-reset', { method: 'POST', body: { email } });
    setSent(true);
  });
  return (
    <Page title="Reset your password">
      {sent
        ? <Notice kind="success">If an account has this email, a link to set a new password is on its way.</Notice>
        : <form onSubmit={onSubmit} class="form">
            <Problem error={error} />
            <Field label="Email" name="email" type="email" autocomplete="email" required />
            <button type="submit" class="primary" disabled={busy}>Email me a link</button>
          </form>}
    </Page>
  );
}

export function ResetPasswordPage() {
  const { query } = useLocation();
  const [done, setDone] = useState(false);
  const { error, busy, onSubmit } = useSubmit(async ({ password }) => {
    await api('/v1/auth/password-reset/confirm', { method: 'POST', body: { token: query.get('token'), password } });
    setDone(true);
  });
  return (
    <Page title="Choose a new password">
      {done
        ? <Notice kind="success">Your password is set. <Link href="/login">Log in</Link>.</Notice>
        : <form onSubmit={onSubmit} class="form">
            <Problem error={error} />
            <Field label="New password" name="password" type="password" autocomplete="new-password" required minLength={8} />
            <button type="submit" class="primary" disabled={busy}>Set password</button>
          </form>}
    </Page>
  );
}

export function ProfilePage() {
  const { user } = useStore(session);
  const [saved, setSaved] = useState('');
  const [resent, setResent] = useState(false);
  const name = useSubmit(async ({ name: value }) => {
    const updated = await api('/v1/me', { method: 'PATCH', body: { name: value } });
    session.set((s) => ({ ...s, user: { ...s.user, ...updated } }));
    setSaved('Your name is saved.');
  });
  const password = useSubmit(async ({ currentPassword, password: value }) => {
    await api('/v1/me', { method: 'PATCH', body: { currentPassword, password: value } });
    setSaved('Your password is changed. Other devices are logged out.');
  });
  const resend = async () => {
    await api('/v1/auth/verify-email/resend', { method: 'POST' }).catch(() => {});
    setResent(true);
  };
  return (
    <Page title="Your account">
      {saved && <Notice kind="success">{saved}</Notice>}
      <p>{user.email} {user.emailVerified ? '(confirmed)' : '(not confirmed yet)'}</p>
      {!user.emailVerified && (resent
        ? <Notice>A new confirmation link is on its way.</Notice>
        : <button type="button" onClick={resend}>Email the confirmation link again</button>)}
      <h2>Name</h2>
      <form onSubmit={name.onSubmit} class="form">
        <Problem error={name.error} />
        <Field label="Name" name="name" autocomplete="name" value={user.name} required />
        <button type="submit" disabled={name.busy}>Save name</button>
      </form>
      <h2>Password</h2>
      <form onSubmit={password.onSubmit} class="form">
        <Problem error={password.error} />
        <Field label="Current password" name="currentPassword" type="password" autocomplete="current-password" required />
        <Field label="New password" name="password" type="password" autocomplete="new-password" required minLength={8} />
        <button type="submit" disabled={password.busy}>Change password</button>
      </form>
    </Page>
  );
}
