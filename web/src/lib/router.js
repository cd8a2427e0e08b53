// Routing in the browser with the History API: the edge answers index.html for every page
// path, and this module picks the page. Patterns are paths with :params.
import { h } from 'preact';
import { store, useStore } from './store.js';

const location = store(currentLocation());

function currentLocation() {
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

window.addEventListener('popstate', () => location.set(currentLocation()));

/** Goes to {@code to} (a path with an optional query) without reloading the page. */
export function navigate(to, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  location.set(currentLocation());
  window.scrollTo(0, 0);
}

export function useLocation() {
  return useStore(location);
}

/** The first route whose pattern matches {@code path}: {route, params}, or null. */
export function match(routes, path) {
  for (const route of routes) {
    const names = [];
    const regex = new RegExp('^' + route.path.replace(/\/:([A-Za-z]+)/g, (_, name) => {
      names.push(name);
      return '/([^/]+)';
    }) + '/?$');
    const found = regex.exec(path);
    if (found) {
      const params = {};
      names.forEach((n, i) => { params[n] = decodeURIComponent(found[i + 1]); });
      return { route, params };
    }
  }
  return null;
}

/** A link that navigates in the page; a modified click (new tab) is left to the browser. */
export function Link({ href, children, ...rest }) {
  const onClick = (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) {
      return;
    }
    e.preventDefault();
    navigate(href);
  };
  return h('a', { href, onClick, ...rest }, children);
}
