// The buyer's orders, and one order with its tickets.
import { Page } from '../ui/common.jsx';

export function OrdersPage() {
  return <Page title="My orders" />;
}

export function OrderPage({ orderId }) {
  return <Page title="Order"><p>{orderId}</p></Page>;
}
