// A value many components watch: set() re-renders each watcher. Enough state management for
// this app without a library.
import { useEffect, useState } from 'preact/hooks';

export function store(initial) {
  let value = initial;
  const watchers = new Set();
  return {
    get: () => value,
    set(next) {
      value = typeof next === 'function' ? next(value) : next;
      watchers.forEach((w) => w(value));
    },
    watch(fn) {
      watchers.add(fn);
      return () => watchers.delete(fn);
    },
  };
}

/** The store's value, re-rendering the component when it changes. */
export function useStore(s) {
  const [value, setValue] = useState(s.get());
  useEffect(() => {
    setValue(s.get());
    return s.watch(setValue);
  }, [s]);
  return value;
}
