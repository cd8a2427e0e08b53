// Creating a partner: a ticket reseller calling the API with OAuth2 client credentials. Its
// secret is in the creation's answer only (the platform keeps a hash), so it is shown once.
import { useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { useAction } from '../lib/action.js';
import { Problem, Field } from '../ui/common.jsx';

export function Partners() {
  const [name, setName] = useState('');
  const [budget, setBudget] = useState('600');
  const [created, setCreated] = useState(null);
  const { busy, error, run } = useAction();
  const create = async (e) => {
    e.preventDefault();
    setCreated(null);
    const n = Number(budget);
    const body = { name: name.trim() };
    if (budget.trim() !== '') body.requestsPerMinute = Number.isInteger(n) ? n : budget;
    const made = await run(`partner-${body.name}`, () => api('/v1/admin/partners', { method: 'POST', body }));
    if (made) {
      setCreated(made);
      setName('');
    }
  };
  return (
    <section aria-labelledby="partners-title">
      <h2 id="partners-title">New partner</h2>
      <p class="muted">A partner sells tickets through the API on its customers' behalf.</p>
      <form class="form" onSubmit={create} noValidate>
        <Field label="Partner name" value={name} maxLength={200} onInput={(e) => setName(e.currentTarget.value)} />
        <Field label="Requests per minute" type="number" min="1" max="1000000" value={budget}
          hint="Its budget: calls a minute before it is slowed down (600 if empty)"
          onInput={(e) => setBudget(e.currentTarget.value)} />
        <button type="submit" class="primary" disabled={busy}>Create partner</button>
      </form>
      <Problem error={error} />
      {created && <Credentials created={created} />}
    </section>
  );
}

function Credentials({ created }) {
  const [copied, setCopied] = useState('');
  const copy = async (what, text) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(`${what} copied.`);
    } catch (e) {
      setCopied(`Copying was not allowed here: select the ${what.toLowerCase()} and copy it by hand.`);
    }
  };
  return (
    <div class="notice notice-success adm-secret" role="status">
      <strong>{created.name} can now call the API ({created.requestsPerMinute} requests a minute).</strong>
      <p>Copy the secret now and hand it over safely: it is shown only this once, and cannot be read again.</p>
      <dl>
        <dt>Client ID</dt>
        <dd><code>{created.clientId}</code> <button type="button" onClick={() => copy('Client ID', created.clientId)}>Copy client ID</button></dd>
        <dt>Client secret</dt>
        <dd><code>{created.clientSecret}</code> <button type="button" onClick={() => copy('Secret', created.clientSecret)}>Copy secret</button></dd>
        <dt>Partner account</dt>
        <dd><code>{created.partnerId}</code></dd>
      </dl>
      {copied && <p>{copied}</p>}
    </div>
  );
}
