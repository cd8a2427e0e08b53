// One ticket: its QR code, PDF, rotating code and transfer.
import { Page } from '../ui/common.jsx';

export function TicketPage({ ticketId }) {
  return <Page title="Ticket"><p>{ticketId}</p></Page>;
}
