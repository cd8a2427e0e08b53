// Typed entry, which works everywhere: a labelled input and a button. A keyboard-wedge
// scanner types the code and Enter, so the input keeps the focus after every answer; Enter on
// an empty input (or Escape) just dismisses the answer shown.
import { useEffect, useRef, useState } from 'preact/hooks';

export function ScanBar({ onScan, onDismiss, busy, raised, focusKey }) {
  const [code, setCode] = useState('');
  const input = useRef(null);

  // Back to the input after each answer (focusKey changes) and when the page opens.
  useEffect(() => {
    if (input.current) input.current.focus();
  }, [focusKey]);

  const submit = (e) => {
    e.preventDefault();
    const text = code.trim();
    if (busy) return; // the scan before is still being decided: keep this one typed
    if (!text) {
      onDismiss();
      return;
    }
    setCode('');
    onScan(text);
  };

  return (
    <form class={raised ? 'door-bar door-bar-raised' : 'door-bar'} onSubmit={submit}
      onKeyDown={(e) => { if (e.key === 'Escape') onDismiss(); }} aria-busy={busy}>
      <div class="door-bar-row">
        <div class="field door-bar-field">
          <label for="door-code">Ticket code</label>
          <input id="door-code" ref={input} value={code} onInput={(e) => setCode(e.currentTarget.value)}
            autocomplete="off" autocapitalize="off" spellcheck={false} enterkeyhint="go"
            aria-describedby="door-code-hint" />
        </div>
        <button type="submit" class="primary" disabled={busy}>{busy ? 'Checking…' : 'Check in'}</button>
      </div>
      <small id="door-code-hint" class="muted">Type or paste the code printed under the QR code, or use a scanner.</small>
    </form>
  );
}
