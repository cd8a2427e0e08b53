// Admins' pages: loaded only when opened.
export { AdminHome } from './home.jsx';
