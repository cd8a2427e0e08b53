// Organizers' pages: loaded only when an organizer opens one (a lazy chunk of its own, with
// its stylesheet). Each page lives in its own module.
export { OrganizerHome } from './home.jsx';
export { EventEditor } from './editor.jsx';
export { EventDashboard } from './dashboard.jsx';
export { Attendees } from './attendees.jsx';
export { DoorSetup } from './door.jsx';
