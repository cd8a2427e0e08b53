// The scanner's offline side: whether the device is online, what it downloaded to check codes
// itself, the scans waiting to upload, and what the platform decided otherwise once they did.
import { useEffect, useState } from 'preact/hooks';
import { useAction } from '../lib/action.js';
import { useStore } from '../lib/store.js';
import { Problem, when } from '../ui/common.jsx';
import { canVerify } from './code.js';
import { clearDifferences, deviceFor, isPrepared, prepare } from './device.js';
import { upload } from './sync.js';
import { batchPhrase, clock, describeTicket } from './verdicts.js';

// While scans wait, try again this often: the 'online' event alone is not enough, since a
// device can be "online" on a network that reaches nothing.
const RETRY_MS = 15000;

/** navigator.onLine, kept current. */
export function useOnline() {
  const [online, setOnline] = useState(navigator.onLine !== false);
  useEffect(() => {
    const update = () => setOnline(navigator.onLine !== false);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}

/** Uploads the queue when the network returns and every RETRY_MS while scans wait. */
function useUploader(eventId, online, waiting) {
  const [state, setState] = useState({ uploading: false, error: null });
  const now = () => {
    setState({ uploading: true, error: null });
    upload(eventId).then(
      () => setState({ uploading: false, error: null }),
      (error) => setState({ uploading: false, error: error.status === 0 ? null : error }),
    );
  };
  useEffect(() => {
    if (!online || waiting === 0) return undefined;
    now();
    const timer = setInterval(now, RETRY_MS);
    return () => clearInterval(timer);
  }, [eventId, online, waiting > 0]);
  return { ...state, now };
}

function Differences({ eventId, event, differences }) {
  if (differences.length === 0) return null;
  return (
    <div class="notice notice-warn" role="alert">
      <strong>The platform decided otherwise for {differences.length} offline scan{differences.length === 1 ? '' : 's'}</strong>
      <ul>
        {differences.map((d) => (
          <li key={d.nonce}>{describeTicket(event, d.ticket) || 'A ticket'}, let in here offline {clock(d.localScannedAt)}: {batchPhrase(d)}</li>
        ))}
      </ul>
      <button type="button" onClick={() => clearDifferences(eventId)}>Clear this list</button>
    </div>
  );
}

export function OfflinePanel({ eventId, event, online }) {
  const device = useStore(deviceFor(eventId));
  const { busy: preparing, error, run } = useAction();
  const [verifies, setVerifies] = useState(true);
  const waiting = device.queue.length;
  const uploader = useUploader(eventId, online, waiting);

  useEffect(() => { canVerify().then(setVerifies); }, []);

  const download = () => run('prepare', () => prepare(eventId));

  const prepared = isPrepared(device);
  return (
    <section class="door-offline" aria-labelledby="door-offline-title">
      <h2 id="door-offline-title">Offline scanning</h2>
      <p role="status" class={online ? 'door-online' : 'door-online door-online-off'}>
        {online ? 'Online: the platform checks each scan.' : 'Offline: scans are checked on this device.'}
      </p>
      {!verifies && (
        <p class="notice notice-warn">This browser cannot check ticket signatures (it needs a current browser and an https address), so it cannot scan offline.</p>
      )}
      <p>
        {prepared
          ? `Ready offline: ${device.keys.length} key${device.keys.length === 1 ? '' : 's'} and ${Object.keys(device.revoked).length} revoked code${Object.keys(device.revoked).length === 1 ? '' : 's'}, downloaded ${when(device.preparedAt)}.`
          : 'Not prepared: while online, prepare this device so it can keep scanning if the network drops.'}
      </p>
      {prepared && device.keys.length === 0 && (
        <p class="notice notice-warn">No ticket of this event is signed yet. Prepare again once tickets are sold.</p>
      )}
      <div class="door-actions">
        <button type="button" onClick={download} disabled={preparing || !online}>
          {preparing ? 'Downloading…' : prepared ? 'Update offline data' : 'Prepare offline'}
        </button>
        {waiting > 0 && (
          <button type="button" onClick={uploader.now} disabled={uploader.uploading || !online}>
            {uploader.uploading ? 'Uploading…' : 'Upload now'}
          </button>
        )}
      </div>
      {preparing && <p class="muted" role="status">Downloading the event’s keys and revoked codes…</p>}
      <Problem error={error} />
      <dl class="door-facts">
        <dt>Scans waiting to upload</dt>
        <dd data-testid="queue-size">{waiting}</dd>
        <dt>Last upload</dt>
        <dd>{device.lastSyncAt ? when(device.lastSyncAt) : 'none yet'}</dd>
      </dl>
      <Problem error={uploader.error} />
      <Differences eventId={eventId} event={event} differences={device.differences} />
    </section>
  );
}
