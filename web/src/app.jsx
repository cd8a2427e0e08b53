// The app's frame and its pages. Buyers' pages are in the first load; organizers', door
// staff's and admins' pages load when first opened.
import { useLocation, match, Link } from './lib/router.js';
import { useStore } from './lib/store.js';
import { session, logout } from './lib/session.js';
import { lazy } from './lib/lazy.jsx';
import { Page } from './ui/common.jsx';
import { EventsPage } from './buyer/events.jsx';
import { EventPage } from './buyer/event.jsx';
import { HoldPage } from './buyer/hold.jsx';
import { OrdersPage, OrderPage } from './buyer/orders.jsx';
import { TicketPage } from './buyer/ticket.jsx';
import { LoginPage, RegisterPage, VerifyEmailPage, ForgotPasswordPage, ResetPasswordPage, ProfilePage } from './buyer/account.jsx';

const organizer = (name) => lazy(() => import('./organizer/pages.jsx'), name);
const door = (name) => lazy(() => import('./door/pages.jsx'), name);
const admin = (name) => lazy(() => import('./admin/pages.jsx'), name);

export const ROUTES = [
  { path: '/', page: EventsPage },
  { path: '/events/:eventId', page: EventPage },
  { path: '/holds/:holdId', page: HoldPage, signedIn: true },
  { path: '/orders', page: OrdersPage, signedIn: true },
  { path: '/orders/:orderId', page: OrderPage, signedIn: true },
  { path: '/tickets/:ticketId', page: TicketPage, signedIn: true },
  { path: '/login', page: LoginPage },
  { path: '/register', page: RegisterPage },
  { path: '/verify-email', page: VerifyEmailPage },
  { path: '/forgot-password', page: ForgotPasswordPage },
  { path: '/reset-password', page: ResetPasswordPage },
  { path: '/account', page: ProfilePage, signedIn: true },
  { path: '/organizer', page: organizer('OrganizerHome'), signedIn: true },
  { path: '/organizer/events/new', page: organizer('EventEditor'), signedIn: true },
  { path: '/organizer/events/:eventId', page: organizer('EventDashboard'), signedIn: true },
  { path: '/organizer/events/:eventId/edit', page: organizer('EventEditor'), signedIn: true },
  { path: '/organizer/events/:eventId/attendees', page: organizer('Attendees'), signedIn: true },
  { path: '/organizer/events/:eventId/door', page: organizer('DoorSetup'), signedIn: true },
  { path: '/door', page: door('DoorHome'), signedIn: true },
  { path: '/door/:eventId', page: door('Scanner'), signedIn: true },
  { path: '/admin', page: admin('AdminHome'), signedIn: true },
];

function Header() {
  const { user } = useStore(session);
  const roles = (user && user.roles) || [];
  return (
    <header class="top">
      <a class="skip" href="#main">Skip to content</a>
      <nav aria-label="Main">
        <Link href="/" class="brand">Holdfast</Link>
        <ul>
          <li><Link href="/">Events</Link></li>
          {user && <li><Link href="/orders">My orders</Link></li>}
          {roles.includes('organizer') && <li><Link href="/organizer">Organize</Link></li>}
          {(roles.includes('staff') || roles.includes('organizer')) && <li><Link href="/door">Door</Link></li>}
          {roles.includes('admin') && <li><Link href="/admin">Admin</Link></li>}
          {user
            ? <>
                <li><Link href="/account">{user.name}</Link></li>
                <li><button type="button" class="link" onClick={() => logout()}>Log out</button></li>
              </>
            : <li><Link href="/login">Log in</Link></li>}
        </ul>
      </nav>
    </header>
  );
}

function NotFound() {
  return (
    <Page title="Page not found">
      <p>There is no page here. <Link href="/">See the events</Link>.</p>
    </Page>
  );
}

export function App() {
  const { path } = useLocation();
  const { ready, user } = useStore(session);
  const found = match(ROUTES, path);
  let content;
  if (!found) {
    content = <NotFound />;
  } else if (found.route.signedIn && !ready) {
    content = null;
  } else if (found.route.signedIn && !user) {
    content = <LoginPage next={path + window.location.search} />;
  } else {
    const Component = found.route.page;
    content = <Component {...found.params} />;
  }
  return (
    <>
      <Header />
      <main id="main" tabIndex={-1}>{content}</main>
      <footer class="foot"><p>Holdfast · open-source ticketing</p></footer>
    </>
  );
}
