// Admins' pages: loaded only when opened.
import { Page } from '../ui/common.jsx';

export function AdminHome() { return <Page title="Admin" />; }
