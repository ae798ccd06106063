// Records every network connection the process attempts, at every layer an app could use (TCP, TLS,
// UDP, DNS, http/https, fetch), and blocks those not to this machine, so a test can assert that
// nothing left it (and, in a control case, that an attempt would have been seen).
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

export type NetworkAttempt = { api: string; host: string; port?: number | undefined };

export class NetworkBlockedError extends Error {}

export type NetworkGuard = {
  readonly attempts: NetworkAttempt[];
  /** Attempts whose destination is not loopback (or a local socket file). */
  outbound(): NetworkAttempt[];
  restore(): void;
};

/** 127.0.0.0/8, ::1, "localhost", and Unix socket / named pipe paths. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h === '::1' || h.startsWith('unix:')) return true;
  if (h.startsWith('::ffff:')) return isLoopback(h.slice(7));
  return net.isIPv4(h) && h.startsWith('127.');
}

type Patch = { target: object; key: string; original: unknown };

export function installNetworkGuard(): NetworkGuard {
  const attempts: NetworkAttempt[] = [];
  const patches: Patch[] = [];
  const record = (api: string, host: string, port?: number) => {
    attempts.push({ api, host, port });
    if (!isLoopback(host))
      throw new NetworkBlockedError(`${api} to ${host}${port ? `:${port}` : ''} blocked`);
  };
  const patch = <T extends object>(target: T, key: string, wrap: (original: never) => unknown) => {
    const original = (target as Record<string, unknown>)[key];
    patches.push({ target, key, original });
    (target as Record<string, unknown>)[key] = wrap(original as never);
  };

  patch(
    net.Socket.prototype,
    'connect',
    (original: (...a: unknown[]) => unknown) =>
      function (this: net.Socket, ...args: unknown[]) {
        const [first, second] = args;
        const opts = (Array.isArray(first) ? first[0] : first) as
          { path?: string; host?: string; port?: number } | number | string;
        if (typeof opts === 'object' && opts !== null) {
          if (opts.path) record('net.connect', `unix:${opts.path}`);
          else record('net.connect', opts.host ?? 'localhost', Number(opts.port));
        } else if (typeof opts === 'number' || /^\d+$/.test(String(opts))) {
          record('net.connect', typeof second === 'string' ? second : 'localhost', Number(opts));
        } else {
          record('net.connect', `unix:${String(opts)}`);
        }
        return original.apply(this, args);
      },
  );
  patch(tls, 'connect', (original: (...a: unknown[]) => unknown) => (...args: unknown[]) => {
    const [first, second] = args;
    if (typeof first === 'object' && first !== null) {
      const o = first as { host?: string; port?: number; path?: string };
      record('tls.connect', o.path ? `unix:${o.path}` : (o.host ?? 'localhost'), o.port);
    } else record('tls.connect', typeof second === 'string' ? second : 'localhost', Number(first));
    return original(...args);
  });
  patch(
    dgram.Socket.prototype,
    'send',
    (original: (...a: unknown[]) => unknown) =>
      function (this: dgram.Socket, ...args: unknown[]) {
        // send(msg, [offset, length,] port, address, cb): the address is the first string after the message.
        const address = args.slice(1).find((a) => typeof a === 'string') as string | undefined;
        const port = args.slice(1).find((a) => typeof a === 'number' && a > 0) as number | undefined;
        record('dgram.send', address ?? 'connected-peer', port);
        return original.apply(this, args);
      },
  );
  patch(
    dgram.Socket.prototype,
    'connect',
    (original: (...a: unknown[]) => unknown) =>
      function (this: dgram.Socket, ...args: unknown[]) {
        record('dgram.connect', typeof args[1] === 'string' ? args[1] : 'localhost', Number(args[0]));
        return original.apply(this, args);
      },
  );
  for (const key of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveTxt', 'resolveSrv']) {
    patch(dns, key, (original: (...a: unknown[]) => unknown) => (...args: unknown[]) => {
      record(`dns.${key}`, String(args[0]));
      return original(...args);
    });
    patch(dns.promises, key, (original: (...a: unknown[]) => unknown) => (...args: unknown[]) => {
      record(`dns.promises.${key}`, String(args[0]));
      return original(...args);
    });
  }
  for (const [name, mod] of [
    ['http', http],
    ['https', https],
  ] as const) {
    for (const key of ['request', 'get']) {
      patch(mod, key, (original: (...a: unknown[]) => unknown) => (...args: unknown[]) => {
        const [first] = args;
        const url =
          typeof first === 'string' || first instanceof URL
            ? new URL(first)
            : {
                hostname:
                  (first as { hostname?: string; host?: string }).hostname ??
                  (first as { host?: string }).host ??
                  'localhost',
              };
        record(`${name}.${key}`, url.hostname);
        return original(...args);
      });
    }
  }
  patch(
    globalThis,
    'fetch',
    (original: typeof fetch) => (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : input);
      record('fetch', url.hostname, url.port ? Number(url.port) : undefined);
      return original(input, init);
    },
  );

  return {
    attempts,
    outbound: () => attempts.filter((a) => !isLoopback(a.host)),
    restore: () => {
      for (const p of patches.reverse()) (p.target as Record<string, unknown>)[p.key] = p.original;
    },
  };
}
