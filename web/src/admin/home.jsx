// The admin's page: partners (their API credentials and request budget) and accounts' roles.
// Only admins see the forms; the API refuses anyone else anyway.
import { useStore } from '../lib/store.js';
import { session } from '../lib/session.js';
import { Page, Notice } from '../ui/common.jsx';
import { Partners } from './partners.jsx';
import { Roles } from './roles.jsx';
import './admin.css';

export function AdminHome() {
  const { user } = useStore(session);
  const admin = !!user && (user.roles || []).includes('admin');
  return (
    <Page title="Admin">
      {admin
        ? <><Partners /><Roles /></>
        : (
          <Notice kind="error">
            <strong>Not allowed</strong>
            <p>Only admins may open this page. Ask an admin if you need partners or roles changed.</p>
          </Notice>
        )}
    </Page>
  );
}
