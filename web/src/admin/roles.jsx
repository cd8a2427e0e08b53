// Granting and revoking an account's roles: the account is found by its email
// (GET /v1/admin/users?email=), then changed by its ID.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useAction } from '../lib/action.js';
import { Problem, Field, Notice } from '../ui/common.jsx';

const ROLES = [
  ['buyer', 'Buyer'], ['organizer', 'Organizer'], ['staff', 'Door staff'], ['partner', 'Partner'], ['admin', 'Admin'],
];

export function Roles() {
  const [email, setEmail] = useState('');
  const [changes, setChanges] = useState({});
  const [result, setResult] = useState(null);
  const { busy, error, run } = useAction();
  const send = async (e) => {
    e.preventDefault();
    setResult(null);
    const grant = ROLES.map(([r]) => r).filter((r) => changes[r] === 'grant');
    const revoke = ROLES.map(([r]) => r).filter((r) => changes[r] === 'revoke');
    const body = {};
    if (grant.length) body.grant = grant;
    if (revoke.length) body.revoke = revoke;
    const changed = await run(`roles-${email.trim()}`, async () => {
      const account = await api(`/v1/admin/users?email=${encodeURIComponent(email.trim())}`);
      return api(`/v1/admin/users/${encodeURIComponent(account.id)}/roles`, { method: 'POST', body });
    });
    if (changed) {
      setResult(changed);
      setChanges({});
    }
  };
  return (
    <section aria-labelledby="roles-title">
      <h2 id="roles-title">Roles</h2>
      <form class="form" onSubmit={send} noValidate>
        <Field label="Account email" type="email" value={email} autoComplete="off" spellcheck={false}
          hint="The email the account logs in with."
          onInput={(e) => setEmail(e.currentTarget.value)} />
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
