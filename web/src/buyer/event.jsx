// An event: its sections, prices and live availability; reserved sections' seat maps.
import { Page, Problem, Loading, useLoad } from '../ui/common.jsx';
import { api } from '../lib/api.js';

export function EventPage({ eventId }) {
  const { data, error, loading } = useLoad(() => api(`/v1/events/${eventId}`), [eventId]);
  return (
    <Page title={data ? data.name : 'Event'}>
      <Problem error={error} />
      {loading && <Loading />}
    </Page>
  );
}
