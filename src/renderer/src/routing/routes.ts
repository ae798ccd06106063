// Every screen has an address in the URL's hash, so it works the same under file:// and app:// in
// Electron and over `coach serve`: reload keeps the place, Back and Forward move between screens.
// Pure: parse a hash into a Route and back.

export type Screen = 'practice' | 'history' | 'trends' | 'settings';

export type Route =
  | { screen: 'practice'; set: boolean }
  | { screen: 'history'; sessionId: string | null; answerId: string | null }
  | { screen: 'trends' }
  | { screen: 'settings' };

export const PRACTICE_ROUTE: Route = { screen: 'practice', set: false };
export const PRACTICE_SET_ROUTE: Route = { screen: 'practice', set: true };
export const HISTORY_ROUTE: Route = { screen: 'history', sessionId: null, answerId: null };

export function sessionRoute(sessionId: string, answerId: string | null = null): Route {
  return { screen: 'history', sessionId, answerId };
}

/** The landing screen of each tab. */
export function screenRoute(screen: Screen): Route {
  switch (screen) {
    case 'practice':
      return PRACTICE_ROUTE;
    case 'history':
      return HISTORY_ROUTE;
    default:
      return { screen };
  }
}

/** Ids are uuids or question ids: anything else in the hash is someone's typo, not an address. */
const ID_PATTERN = /^[A-Za-z0-9_-]{1,200}$/;

export function parseRoute(hash: string): Route {
  const parts = hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter((p) => p.length > 0)
    .map(safeDecode);
  const [screen, ...rest] = parts;
  switch (screen) {
    case 'history': {
      const [sessionId, answerWord, answerId] = rest;
      if (!sessionId || !ID_PATTERN.test(sessionId)) return HISTORY_ROUTE;
      const answer = answerWord === 'answer' && answerId && ID_PATTERN.test(answerId) ? answerId : null;
      return sessionRoute(sessionId, answer);
    }
    case 'trends':
      return { screen: 'trends' };
    case 'settings':
      return { screen: 'settings' };
    case 'practice':
      return rest[0] === 'set' ? PRACTICE_SET_ROUTE : PRACTICE_ROUTE;
    default:
      return PRACTICE_ROUTE;
  }
}

export function routeHash(route: Route): string {
  switch (route.screen) {
    case 'practice':
      return route.set ? '#/practice/set' : '#/practice';
    case 'history': {
      if (!route.sessionId) return '#/history';
      const session = `#/history/${encodeURIComponent(route.sessionId)}`;
      return route.answerId ? `${session}/answer/${encodeURIComponent(route.answerId)}` : session;
    }
    default:
      return `#/${route.screen}`;
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
