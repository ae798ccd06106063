// Electron's net.request as the downloader uses it (redirect: 'manual'), emulated on Node's http so
// the downloader's whole suite also runs through the adapter the desktop app uses (src/core/models/
// httpGet.ts netHttpGet). What Electron does, as its documentation says: a 3xx is a 'redirect' event,
// and a redirect not followed inside that event cancels the request with an error.
import { EventEmitter } from 'node:events';
import http, { type ClientRequest } from 'node:http';
import type { NetClientRequest, NetIncomingMessage, NetRequestOptions } from '../../src/core/models/httpGet';

export function netRequestOnNode(opts: NetRequestOptions): NetClientRequest {
  const events = new EventEmitter();
  let request: ClientRequest | undefined;
  let aborted = false;
  const api: NetClientRequest = {
    on(event: string, listener: (...args: unknown[]) => void) {
      events.on(event, listener);
      return api;
    },
    abort() {
      aborted = true;
      request?.destroy();
    },
    end() {
      if (aborted) return;
      const url = new URL(opts.url);
      request = http.get(url, { headers: opts.headers }, (res) => {
        const status = res.statusCode ?? 0;
        const location = res.headers.location;
        if (status >= 300 && status < 400 && location) {
          res.resume();
          events.emit('redirect', status, 'GET', new URL(location, url).href, {});
          events.emit('error', new Error('Redirect was cancelled'));
          return;
        }
        // Only the events Electron's typings promise (its IncomingMessage's async iterator is not).
        const message: NetIncomingMessage = {
          statusCode: status,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers as Record<string, string | string[]>,
          on: ((event: string, listener: (...args: never[]) => void) =>
            res.on(event, listener as (...args: unknown[]) => void)) as NetIncomingMessage['on'],
        };
        events.emit('response', message);
      });
      request.on('error', (err) => events.emit('error', err));
    },
  } as NetClientRequest;
  return api;
}
