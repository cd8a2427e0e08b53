// Holding from the event page: a visitor is sent to log in (or create an account) first and
// comes back; a buyer's hold opens its page.
import { api } from '../lib/api.js';
import { navigate } from '../lib/router.js';
import { session } from '../lib/session.js';
import { useStore } from '../lib/store.js';
import { useAction } from '../lib/action.js';

/**
 * What a section's hold button does: a visitor goes to log in first; a buyer's hold opens its
 * page. Resolves to the hold, or to false with the refusal in {@code action.error}.
 */
export function useHold(eventId) {
  const { user } = useStore(session);
  const action = useAction();
  const hold = async (what, body) => {
    if (!user) {
      navigate(`/login?next=${encodeURIComponent(`/events/${eventId}`)}`);
      return false;
    }
    const made = await action.run(what, (key) => api(`/v1/events/${eventId}/holds`, { method: 'POST', body, key }));
    if (made) navigate(`/holds/${made.holdId}`);
    return made;
  };
  return { ...action, hold, signedIn: !!user };
}

/** How many tickets a buyer may ask for at once here: the event's limit, what is left, 10. */
export function most(event, counts) {
  return Math.max(0, Math.min(event.maxPerBuyer || 10, counts ? counts.available : 10, 10));
}
