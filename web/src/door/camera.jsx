// The phone's camera as a scanner, where the browser can read QR codes itself
// (BarcodeDetector: Chrome on Android, for one). Never required: typing or a keyboard-wedge
// scanner works everywhere, and this button only appears where it can work.
import { useEffect, useRef, useState } from 'preact/hooks';

/** Whether this browser has a camera API and a QR reader. */
export function cameraScanning() {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window
    && !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
}

// A code held in front of the camera is read many times a second: pass it on once, and again
// only after it has been out of view this long (shown again on purpose).
const SAME_CODE_MS = 2000;
const EVERY_MS = 250;

export function Camera({ onCode }) {
  const [on, setOn] = useState(false);
  const [error, setError] = useState(null);
  const video = useRef(null);
  // The latest handler, without restarting the camera when the page re-renders.
  const handler = useRef(onCode);
  handler.current = onCode;

  useEffect(() => {
    if (!on) return undefined;
    let stream = null;
    let timer = 0;
    let stopped = false;
    let last = { text: null, at: 0 };
    const start = async () => {
      try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        if (!formats.includes('qr_code')) throw new Error('This browser cannot read QR codes.');
        const detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
        if (stopped) return;
        video.current.srcObject = stream;
        await video.current.play();
        const look = async () => {
          if (stopped) return;
          try {
            const found = await detector.detect(video.current);
            const text = found.length ? found[0].rawValue : null;
            const now = Date.now();
            if (text && text === last.text && now - last.at < SAME_CODE_MS) {
              last.at = now; // still in view: not a new scan
            } else if (text) {
              last = { text, at: now };
              handler.current(text);
            }
          } catch (e) { /* a frame not ready yet: look again */ }
          timer = setTimeout(look, EVERY_MS);
        };
        look();
      } catch (e) {
        setError(e.name === 'NotAllowedError'
          ? 'The camera was not allowed. Allow it in the browser’s site settings, or type the code.'
          : `The camera could not start (${e.message || e.name}). Type the code instead.`);
        setOn(false);
      }
    };
    start();
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (stream) stream.getTracks().forEach((t) => t.stop());
    };
  }, [on]);

  return (
    <div class="door-camera">
      <button type="button" aria-pressed={on} onClick={() => { setError(null); setOn(!on); }}>
        {on ? 'Stop camera' : 'Use camera'}
      </button>
      {error && <p class="notice notice-error" role="alert">{error}</p>}
      {on && <video ref={video} class="door-video" muted playsInline aria-label="Camera view: hold the ticket’s QR code in the frame" />}
    </div>
  );
}
