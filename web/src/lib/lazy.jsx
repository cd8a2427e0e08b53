// A page whose code is fetched only when first shown: organizers', door staff's and admins'
// pages stay out of the buyer's first load.
import { useEffect, useState } from 'preact/hooks';
import { Loading, Problem } from '../ui/common.jsx';

export function lazy(load, name) {
  let loaded = null;
  return function LazyPage(props) {
    const [Component, setComponent] = useState(() => loaded);
    const [error, setError] = useState(null);
    useEffect(() => {
      if (!Component) {
        load().then((m) => { loaded = m[name]; setComponent(() => loaded); }, setError);
      }
    }, []);
    if (error) return <Problem error={{ slug: 'network', problem: {} }} />;
    return Component ? <Component {...props} /> : <Loading />;
  };
}
