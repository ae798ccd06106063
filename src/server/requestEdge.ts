// What every request and upgrade passes before any route sees it: a request target that parses, path
// segments that decode, and a same-origin check. Each returns a refusal instead of throwing, because
// a throw in node:http's 'upgrade' handler takes the whole server down.
import type { IncomingHttpHeaders } from 'node:http';
import { ServerError } from './serverErrors';

/** Parses the request line's target. Only origin-form ("/path?query") is served; anything else is null. */
export function parseRequestTarget(raw: string | undefined): URL | null {
  if (!raw || !raw.startsWith('/')) return null;
  try {
    return new URL(`http://localhost${raw}`);
  } catch {
    return null;
  }
}

export const badTarget = (): ServerError =>
  new ServerError('bad_request', 'The request target is not a valid path (it must start with "/").');

/** A percent-encoded path segment, or null when it is not valid UTF-8 percent-encoding. */
export function decodePathSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

/**
 * Browsers name the page that made a request (Origin, Sec-Fetch-Site); a page from another site must
 * not use the API or the engine, even with a leaked token. Clients with neither header (curl, scripts,
 * native apps) are not browsers acting for a stranger's page, so they pass on the token alone.
 */
export function crossSiteRefusal(headers: IncomingHttpHeaders, what: string): ServerError | null {
  const origin = headers.origin;
  if (origin !== undefined && originHost(origin) !== (headers.host ?? null)) {
    return new ServerError('forbidden_origin', `${what} from ${origin} are not allowed.`);
  }
  const site = headers['sec-fetch-site'];
  if (origin === undefined && (site === 'cross-site' || site === 'same-site')) {
    return new ServerError('forbidden_origin', `${what} from another site are not allowed.`);
  }
  return null;
}
