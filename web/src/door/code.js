// Reading a ticket's code in the browser, for the offline door (docs/tickets.md): a code is
// `<payload>.<signature>` in base64url without padding, optionally followed by `.<6 digits>`
// (a rotating code's one-time password). The payload is the binary record the event's Ed25519
// key signed; this reads it as strictly as the platform does, so a code the platform would
// call malformed is never admitted here.

const B64URL = /^[A-Za-z0-9_-]+$/;
const OTP = /^[0-9]{6}$/;
const SIGNATURE_BYTES = 64;
const FIXED = 1 + 16 + 16 + 4 + 4 + 1 + 1;
const FORMAT = 1;

export function toBase64url(bytes) {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The bytes of canonical base64url text (re-encoding gives the same text), else null. */
export function fromBase64url(text) {
  if (!text || !B64URL.test(text) || text.length % 4 === 1) return null;
  let binary;
  try {
    binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  } catch (e) {
    return null;
  }
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return toBase64url(bytes) === text ? bytes : null;
}

function uuid(bytes, at) {
  const hex = Array.from(bytes.subarray(at, at + 16), (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Format 1's payload: {ticketId, eventId, version, slot, sectionId, seat}, or null. */
export function decodePayload(bytes) {
  if (bytes.length < FIXED || bytes[0] !== FORMAT) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let at = 1 + 32;
  const version = view.getInt32(at);
  const slot = view.getInt32(at + 4);
  at += 8;
  const text = () => {
    if (at >= bytes.length) return null;
    const length = bytes[at];
    if (at + 1 + length > bytes.length) return null;
    let value;
    try {
      value = utf8.decode(bytes.subarray(at + 1, at + 1 + length));
    } catch (e) {
      return null;
    }
    at += 1 + length;
    return value;
  };
  const sectionId = text();
  if (!sectionId) return null;
  const seat = text();
  if (seat === null || at !== bytes.length || version < 1 || slot < 0) return null;
  return { ticketId: uuid(bytes, 1), eventId: uuid(bytes, 17), version, slot, sectionId, seat: seat || null };
}

/**
 * A scanned text read as a code: {plain, payload, payloadBytes, signature, otp}, or null when
 * it is not shaped like one (the platform's `malformed-code`).
 */
export function parseCode(scanned) {
  const parts = (scanned || '').trim().split('.');
  const otp = parts.length === 3 && OTP.test(parts[2]) ? parts[2] : null;
  if (parts.length !== 2 && !otp) return null;
  const payloadBytes = fromBase64url(parts[0]);
  const signature = fromBase64url(parts[1]);
  const payload = payloadBytes && decodePayload(payloadBytes);
  if (!payload || !signature) return null;
  return { plain: `${parts[0]}.${parts[1]}`, payload, payloadBytes, signature, otp };
}

// Imported keys, by their raw public key: one import per key per page load.
const imported = new Map();

function importKey(x) {
  if (!imported.has(x)) {
    const raw = fromBase64url(x);
    imported.set(x, crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']));
  }
  return imported.get(x);
}

/** Whether this browser can verify Ed25519 (WebCrypto only exists on https or localhost). */
export async function canVerify() {
  if (!window.crypto || !crypto.subtle) return false;
  try {
    await crypto.subtle.importKey('raw', new Uint8Array(32).fill(1), { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch (e) {
    return false;
  }
}

/**
 * Whether one of the event's keys (a JWKS's `keys`, as GET /v1/events/{id}/ticket-keys
 * answers) signed the code's payload.
 */
export async function signedBy(keys, code) {
  if (code.signature.length !== SIGNATURE_BYTES) return false;
  for (const key of keys) {
    if (key.kty !== 'OKP' || key.crv !== 'Ed25519') continue;
    const publicKey = await importKey(key.x);
    if (await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, code.signature, code.payloadBytes)) {
      return true;
    }
  }
  return false;
}
