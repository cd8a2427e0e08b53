// A scan's answer over the whole screen: green to let in, red not to, amber when the device
// could not check. Colour is never the only sign: an icon and a large word say it too, and
// role=alert reads it out. The scan bar stays below it, so the next scan dismisses it.
const ICONS = { ok: '✓', bad: '✕', warn: '!' };

export function Answer({ verdict, onDismiss }) {
  if (!verdict) return null;
  return (
    <div class={`door-answer door-answer-${verdict.kind}`} role="alert" data-result={verdict.slug}>
      <div class="door-answer-body">
        <span class="door-answer-icon" aria-hidden="true">{ICONS[verdict.kind]}</span>
        <p class="door-answer-title">{verdict.title}</p>
        {verdict.lines.map((line) => <p class="door-answer-line" key={line}>{line}</p>)}
        {verdict.offline && verdict.kind !== 'warn' && <p class="door-answer-tag">Offline check</p>}
        <button type="button" class="door-answer-dismiss" onClick={onDismiss}>Next scan</button>
      </div>
    </div>
  );
}
