// An unsafe call from a button: busy while it runs, its refusal kept to show. The attempt's
// Idempotency-Key is reused when the same attempt is tried again after no answer or a server
// error (the first try may have gone through), and renewed after any final answer.
import { useState, useRef } from 'preact/hooks';
import { idempotencyKey } from './api.js';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const last = useRef({ what: null, key: null });

  /** Runs {@code call(key)} for the attempt named {@code what}; resolves to its answer (true for
   * an empty one), or false when it was refused (the refusal is then in {@code error}). */
  const run = async (what, call) => {
    const key = last.current.what === what && last.current.key ? last.current.key : idempotencyKey();
    last.current = { what, key };
    setBusy(true);
    setError(null);
    try {
      const answer = await call(key);
      last.current = { what: null, key: null };
      return answer === null || answer === undefined ? true : answer;
    } catch (e) {
      if (e.status && e.status < 500) last.current = { what: null, key: null };
      setError(e);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
