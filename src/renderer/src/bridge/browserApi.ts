// Browser mode: with no Electron preload, `window.api` is the WebSocket bridge of `coach serve`.
// Before the app starts, one HTTP request checks the access token, so a page opened without its link
// (or with an old one) explains what to do instead of showing a broken app.
import { BRIDGE_PATH } from '../../../shared/bridgeProtocol';
import type { CoachApi } from '../../../shared/apiMethods';
import { takeAccessToken } from './accessToken';
import { createWsApi } from './wsApi';

export type AccessProblem = 'no-token' | 'bad-token' | 'unreachable';

export type BrowserApiResult = { ok: true; api: CoachApi } | { ok: false; problem: AccessProblem };

/** Shown in the app when the connection fails later (the server stopped or restarted). */
const LATER_FAILURE: Record<AccessProblem, string> = {
  'no-token': 'This page has no access token. Open the link that “coach serve” printed.',
  'bad-token':
    'The server no longer accepts this page’s access token; it changes every time “coach serve” starts. Open the new link it printed.',
  unreachable:
    'The Interview Coach server is not reachable. Start it again with “npx coach serve”; this page reconnects by itself.',
};

async function checkAccess(token: string | null): Promise<AccessProblem | null> {
  if (!token) return 'no-token';
  try {
    const res = await fetch('/health', { headers: { Authorization: `Bearer ${token}` } });
    return res.status === 401 ? 'bad-token' : null;
  } catch {
    return 'unreachable';
  }
}

export async function openBrowserApi(): Promise<BrowserApiResult> {
  const token = takeAccessToken();
  const problem = await checkAccess(token);
  if (problem || !token) return { ok: false, problem: problem ?? 'no-token' };

  const url = new URL(BRIDGE_PATH, window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.searchParams.set('token', token);
  const answerAudioUrl = (answerId: string) =>
    `/api/answers/${encodeURIComponent(answerId)}/audio?token=${encodeURIComponent(token)}`;
  const api = createWsApi({
    url: url.href,
    answerAudioUrl,
    apiUrl: (pathAndQuery) =>
      `${pathAndQuery}${pathAndQuery.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
    // A browser reports a refused WebSocket only as "closed"; an HTTP request tells the reasons apart.
    diagnose: async () => {
      const later = await checkAccess(token);
      return later ? LATER_FAILURE[later] : null;
    },
  });
  return {
    ok: true,
    api: {
      ...api,
      answerAudioUrl,
    },
  };
}
