// Organizers' pages: loaded only when an organizer opens one.
import { Page } from '../ui/common.jsx';

export function OrganizerHome() { return <Page title="Your events" />; }
export function EventEditor() { return <Page title="Event" />; }
export function EventDashboard() { return <Page title="Sales" />; }
export function Attendees() { return <Page title="Attendees" />; }
export function DoorSetup() { return <Page title="Door" />; }
