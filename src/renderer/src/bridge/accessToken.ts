// The server's access token in the browser: it arrives once in the link `coach serve` prints
// (?token=…), is kept for this tab only (sessionStorage) and is taken out of the address bar at once,
// so it does not end up in history, bookmarks or a screenshot.

const STORAGE_KEY = 'interview-coach.token';

export function takeAccessToken(
  location: Pick<Location, 'href'> = window.location,
  storage: Pick<Storage, 'getItem' | 'setItem'> = window.sessionStorage,
  history: Pick<History, 'replaceState' | 'state'> = window.history,
): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (!fromUrl) return storage.getItem(STORAGE_KEY);
  storage.setItem(STORAGE_KEY, fromUrl);
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return fromUrl;
}
