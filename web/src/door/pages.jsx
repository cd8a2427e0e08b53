// Door staff's pages: loaded only when opened.
import { Page } from '../ui/common.jsx';

export function DoorHome() { return <Page title="Door" />; }
export function Scanner() { return <Page title="Scanner" />; }
