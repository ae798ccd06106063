// The browser history as the app's router: `navigate` pushes an entry (so Back returns), Back and Forward
// and a typed address are read back through `useRoute`. pushState never fires `hashchange`, so listeners
// are told directly.
import { useMemo, useSyncExternalStore } from 'react';
import { parseRoute, routeHash, type Route } from './routes';

const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) {
    window.addEventListener('popstate', notify);
    window.addEventListener('hashchange', notify);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      window.removeEventListener('popstate', notify);
      window.removeEventListener('hashchange', notify);
    }
  };
}

const currentHash = (): string => window.location.hash;

export function currentRoute(): Route {
  return parseRoute(currentHash());
}

/** Goes to `route`; `replace` rewrites the current entry instead (redirects, corrections). */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const hash = routeHash(route);
  if (hash === currentHash()) return;
  if (options.replace) window.history.replaceState(window.history.state, '', hash);
  else window.history.pushState(null, '', hash);
  notify();
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, currentHash);
  return useMemo(() => parseRoute(hash), [hash]);
}
