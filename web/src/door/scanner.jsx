// The scanner for one event's door (/door/:eventId): typed entry and, where the browser can,
// the camera; the answer over the whole screen; an entrance (check-in list) to scan at when the
// event has them; and offline scanning with the queue of scans to upload.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../lib/api.js';
import { Link, useLocation } from '../lib/router.js';
import { Page, Problem, Loading, Select, useLoad, when } from '../ui/common.jsx';
import { Answer } from './answer.jsx';
import { Camera, cameraScanning } from './camera.jsx';
import { rememberEvent } from './device.js';
import { OfflinePanel, useOnline } from './offline.jsx';
import { ScanBar } from './scan-bar.jsx';
import { scan } from './scan.js';
import './door.css';

const RECENT = 5;

/**
 * The event and its check-in lists. Only the organizer and admins may read the lists (staff
 * get a 403): for staff the list comes from the link (?list=), as the organizer shared it.
 */
async function loadDoor(eventId) {
  const event = await api(`/v1/events/${eventId}`);
  let lists = [];
  try {
    lists = (await api(`/v1/events/${eventId}/checkin-lists`)).items || [];
  } catch (e) {
    if (e.status !== 403) throw e;
  }
  return { event, lists };
}

function EntranceChoice({ lists, listId, onChange }) {
  if (lists.length === 0) return null;
  return (
    <Select label="Entrance (check-in list)" value={listId || ''} onChange={(e) => onChange(e.currentTarget.value || null)}>
      <option value="">Any entrance (no list)</option>
      {lists.map((l) => <option key={l.id} value={l.id}>{l.name}</option>)}
    </Select>
  );
}

function Recent({ scans }) {
  if (scans.length === 0) return null;
  return (
    <section aria-labelledby="door-recent-title">
      <h2 id="door-recent-title">Last scans</h2>
      <ol class="door-recent">
        {scans.map((s) => (
          <li key={s.id} class={`door-recent-${s.verdict.kind}`}>
            <strong>{s.verdict.title}</strong>{s.verdict.offline ? ' (offline)' : ''}
            {s.verdict.lines[0] && <span> · {s.verdict.lines[0]}</span>}
            <span class="muted"> · {new Date(s.at).toLocaleTimeString()}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function Scanner({ eventId }) {
  const { query } = useLocation();
  const door = useLoad(() => loadDoor(eventId), [eventId]);
  const online = useOnline();
  const [listId, setListId] = useState(query.get('list'));
  const [verdict, setVerdict] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [answers, setAnswers] = useState(0);
  const [recent, setRecent] = useState([]);
  // One scan at a time: the camera may read a code again while the last is being decided.
  const inFlight = useRef(false);
  const seq = useRef(0);

  const event = door.data && door.data.event;
  const lists = (door.data && door.data.lists) || [];
  // Staff with a shared link know only the list's ID: enough to scan at it.
  const list = listId ? lists.find((l) => l.id === listId) || { id: listId, name: null } : null;

  useEffect(() => { if (event) rememberEvent(eventId, event.name); }, [event]);

  const onScan = async (code) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setVerdict(null);
    try {
      const found = await scan({ eventId, event, list, code });
      setVerdict(found);
      seq.current += 1;
      setRecent((r) => [{ id: seq.current, at: Date.now(), verdict: found }, ...r].slice(0, RECENT));
    } catch (e) {
      setError(e);
    }
    inFlight.current = false;
    setBusy(false);
    setAnswers((n) => n + 1);
  };
  const dismiss = () => {
    setVerdict(null);
    setAnswers((n) => n + 1);
  };

  if (door.loading && !door.data) return <Page title="Scanner"><Loading what="Opening the door" /></Page>;
  if (door.error) {
    return (
      <Page title="Scanner">
        <Problem error={door.error} />
        <p><Link href="/door">Choose another event</Link></p>
      </Page>
    );
  }
  return (
    <Page title={`Door: ${event.name}`}>
      <p class="muted">{event.venue} · {when(event.startsAt)} · <Link href="/door">Choose another event</Link></p>
      <EntranceChoice lists={lists} listId={listId} onChange={setListId} />
      {list && !list.name && <p class="muted">Scanning at the entrance of the link you opened.</p>}
      <ScanBar onScan={onScan} onDismiss={dismiss} busy={busy} raised={!!verdict} focusKey={answers} />
      {busy && <p class="muted" role="status">Checking the ticket…</p>}
      <Problem error={error} />
      {cameraScanning()
        ? <Camera onCode={onScan} />
        : <p class="muted door-camera-note">Camera scanning needs a browser that reads QR codes (Chrome on Android, for one). Typing or a handheld scanner works here.</p>}
      <Recent scans={recent} />
      <OfflinePanel eventId={eventId} event={event} online={online} />
      <Answer verdict={verdict} onDismiss={dismiss} />
    </Page>
  );
}
