// Granting and revoking an account's roles. The API names accounts by ID only: there is no
// lookup by email for admins yet, so the ID is typed (an account sees its own at GET /v1/me).
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Problem, Field, Notice } from '../ui/common.jsx';

const ROLES = [
  ['buyer', 'Buyer'], ['organizer', 'Organizer'], ['staff', 'Door staff'], ['partner', 'Partner'], ['admin', 'Admin'],
];

export function Roles() {
  const [userId, setUserId] = useState('');
  const [changes, setChanges] = useState({});
  const [result, setResult] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const send = async (e) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setResult(null);
    const grant = ROLES.map(([r]) => r).filter((r) => changes[r] === 'grant');
    const revoke = ROLES.map(([r]) => r).filter((r) => changes[r] === 'revoke');
    const body = {};
    if (grant.length) body.grant = grant;
    if (revoke.length) body.revoke = revoke;
    try {
      setResult(await api(`/v1/admin/users/${encodeURIComponent(userId.trim())}/roles`, { method: 'POST', body }));
      setChanges({});
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="roles-title">
      <h2 id="roles-title">Roles</h2>
      <form class="form" onSubmit={send} noValidate>
        <Field label="Account ID" value={userId} autoComplete="off" spellcheck={false}
          hint="The account's ID, a UUID: its owner reads it at GET /v1/me."
          onInput={(e) => setUserId(e.currentTarget.value)} />
        <fieldset class="adm-roles">
          <legend>Changes</legend>
          {ROLES.map(([role, label]) => (
            <div key={role} class="adm-role" role="radiogroup" aria-label={label}>
              <span aria-hidden="true" class="adm-role-name">{label}</span>
              {[['', 'Leave'], ['grant', 'Grant'], ['revoke', 'Revoke']].map(([value, words]) => (
                <label key={value}>
                  <input type="radio" name={`role-${role}`} value={value} checked={(changes[role] || '') === value}
                    onChange={() => setChanges({ ...changes, [role]: value })} /> {words}
                </label>
              ))}
            </div>
          ))}
        </fieldset>
        <button type="submit" class="primary" disabled={busy}>Change roles</button>
      </form>
      <Problem error={error} />
      {result && (
        <Notice kind="success">
          {result.name} ({result.email}) now has: {result.roles.join(', ') || 'no roles'}. They see the change
          when their session next refreshes (within 15 minutes), or when they log in again.
        </Notice>
      )}
    </section>
  );
}
