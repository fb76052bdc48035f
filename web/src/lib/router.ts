// A small history-API router: the app has a handful of routes, so a library would cost more bytes than it saves.
// A navigation guard (unsaved changes) can stop in-app navigation, the back button and closing the tab.
import { useSyncExternalStore, type MouseEvent } from 'react';

type Listener = () => void;
const listeners = new Set<Listener>();
const guards = new Map<symbol, string>();
let current = `${window.location.pathname}${window.location.search}`;

function notify(): void {
  current = `${window.location.pathname}${window.location.search}`;
  for (const listener of listeners) listener();
}

window.addEventListener('popstate', () => {
  if (!leaveAllowed()) {
    window.history.pushState(null, '', current); // stay: put back the entry the back button removed
    return;
  }
  notify();
});

window.addEventListener('beforeunload', (event) => {
  if (guards.size > 0) event.preventDefault();
});

function leaveAllowed(): boolean {
  const message = [...guards.values()][0];
  if (message === undefined) return true;
  if (!window.confirm(message)) return false;
  guards.clear();
  return true;
}

/** Until the returned release() is called, leaving the page asks first with `message` (unsaved changes). */
export function holdNavigation(message: string): () => void {
  const key = Symbol('guard');
  guards.set(key, message);
  return () => {
    guards.delete(key);
  };
}

/** Goes to `to` (path and query) unless something holds navigation and the person chooses to stay; answers whether it went. */
export function navigate(to: string, options: { replace?: boolean; force?: boolean } = {}): boolean {
  if (!options.force && !leaveAllowed()) return false;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  notify();
  window.scrollTo(0, 0);
  return true;
}

/** The current path and query string, e.g. "/accounts?relation=blocked". */
export function useLocation(): { path: string; search: string } {
  const location = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
  const index = location.indexOf('?');
  return index < 0 ? { path: location, search: '' } : { path: location.slice(0, index), search: location.slice(index) };
}

/** onClick for a plain <a href>: in-app navigation on a plain click, the browser's own for new tabs and windows. */
export function followLink(event: MouseEvent<HTMLAnchorElement>): void {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  event.preventDefault();
  navigate(event.currentTarget.getAttribute('href') ?? '/');
}
