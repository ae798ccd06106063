// A raw-socket fuzzer over the server's edge: request lines, paths with every encoding oddity, headers,
// WebSocket upgrade handshakes and frames, truncated and pipelined requests — 10 000 cases against
// `coach serve` running as its own process on 127.0.0.1. The process must never exit, must never
// answer 500, and must still answer /health afterwards. Seeded, so a failure replays exactly.
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServeProcess, type ServeProcess } from '../helpers/coachServeProcess';

const model = inject('syntheticModelPath');
const CASES = 10_000;
const CONCURRENCY = 24;
/** A case whose connection is still open after this is cut by the fuzzer (a truncated request may wait). */
const CASE_TIMEOUT_MS = 3_000;
const SEED = 0x5eed_1234;

/** mulberry32: small, fast, and the same sequence everywhere. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  return { next, int, pick, bytes };
}

type Rng = ReturnType<typeof rng>;

const PATHS = [
  '/health',
  '/api/sessions',
  '/api/sessions/{x}/end',
  '/api/stream-chunk',
  '/api/transcribe',
  '/api/answers/{x}/audio',
  '/api/sessions/{x}/export',
  '/api/bundles',
  '/api/v1/websocket/sessions',
  '/api/v1/websocket/sessions/{x}/end',
  '/streaming/stats',
  '/stt/stream',
  '/stt/stream-chunk',
  '/ws/api',
  '/ws/transcribe',
  '/ws/transcribe/{x}',
  '/',
  '/index.html',
  '/assets/app.js',
];

const SEGMENTS = [
  '%E0%A4%A',
  '%',
  '%%',
  '%zz',
  '%00',
  '%C0%AF',
  '%FF%FE',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%u0041',
  '%252e%252e',
  '..%2f..%2f',
  '%2e%2e%2fsecret',
  '..\\..\\',
  '%5c..%5c',
  '../../../../etc/passwd',
  '\u00e9\u00e8',
  '\ud83d\ude00',
  'a'.repeat(5000),
  '',
  '.',
  '..',
  ';x=1',
  '#frag',
  '00000000-0000-4000-8000-000000000000',
  'interview-42',
];

const METHODS = [
  'GET',
  'GET',
  'GET',
  'POST',
  'POST',
  'HEAD',
  'PUT',
  'DELETE',
  'OPTIONS',
  'PATCH',
  'CONNECT',
  'TRACE',
  'G\0T',
  'get',
  'X'.repeat(300),
  '',
];
const VERSIONS = [
  'HTTP/1.1',
  'HTTP/1.1',
  'HTTP/1.1',
  'HTTP/1.0',
  'HTTP/2.0',
  'HTTP/9.9',
  'HTTP/1.1 extra',
  '',
  'HTTX/1.1',
  'http/1.1',
];
const UPGRADE_HEADERS = [
  'Upgrade: websocket',
  'Connection: Upgrade',
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
  'Sec-WebSocket-Version: 13',
];
const ORIGINS = [
  'null',
  'http://evil.example',
  'http://[::1',
  '://',
  'http://127.0.0.1:1',
  '\u00ff\u00fe',
  '',
];

function fuzzPath(r: Rng, token: string): string {
  let p = r.pick(PATHS).replace('{x}', r.pick(SEGMENTS));
  if (r.next() < 0.3) p += `/${r.pick(SEGMENTS)}`;
  if (r.next() < 0.1) p = p.replaceAll('/', r.pick(['//', '\\', '%2f', '/./']));
  if (r.next() < 0.05)
    p = r.pick(['*', 'http://127.0.0.1/health', '//a:99999', 'health', '?', `/?${'a=1&'.repeat(2000)}`]);
  const query: string[] = [];
  if (r.next() < 0.6) query.push(`token=${r.next() < 0.7 ? token : r.pick(['%ZZ', '', 'x', token + '%'])}`);
  if (r.next() < 0.3)
    query.push(`sample_rate=${r.pick(['8000', '16000', '44100', '48000', '0', '-1', '1e9', 'abc', '%'])}`);
  if (r.next() < 0.2) query.push(`encoding=${r.pick(['pcm16', 'float32', 'mp3', '%E0%A4%A', ''])}`);
  if (r.next() < 0.2) query.push(`language=${r.pick(['en', 'pt-BR', 'xx-yy-zz', '%00', ''])}`);
  if (r.next() < 0.1) query.push(`session_id=${r.pick(SEGMENTS)}`);
  if (r.next() < 0.1) query.push(`question=${r.pick(SEGMENTS)}`);
  return query.length ? `${p}?${query.join('&')}` : p;
}

function fuzzHeaders(r: Rng, token: string, host: string, upgrade: boolean, bodyLength: number): string[] {
  const h: string[] = [];
  if (r.next() < 0.9)
    h.push(
      `Host: ${r.next() < 0.85 ? host : r.pick(['', 'evil.example', '[::1', 'a'.repeat(300), '\u00e9'])}`,
    );
  if (r.next() < 0.5)
    h.push(
      `Authorization: ${r.pick([`Bearer ${token}`, `Bearer ${token}`, 'Bearer', 'Basic abc', `bearer  ${token}`, ''])}`,
    );
  if (r.next() < 0.2) h.push(`Origin: ${r.next() < 0.5 ? `http://${host}` : r.pick(ORIGINS)}`);
  if (r.next() < 0.1)
    h.push(`Sec-Fetch-Site: ${r.pick(['cross-site', 'same-site', 'same-origin', 'none', '\u00ff'])}`);
  if (r.next() < 0.3)
    h.push(
      `Content-Type: ${r.pick(['application/json', 'application/octet-stream', 'audio/wav', 'multipart/form-data; boundary=x', 'multipart/form-data', 'multipart/form-data; boundary=', 'text/plain', '\u00ff'])}`,
    );
  if (upgrade) {
    if (r.next() < 0.95) h.push(`Upgrade: ${r.pick(['websocket', 'websocket', 'WebSocket', 'h2c', ''])}`);
    if (r.next() < 0.95)
      h.push(`Connection: ${r.pick(['Upgrade', 'Upgrade', 'keep-alive, Upgrade', 'close'])}`);
    if (r.next() < 0.9)
      h.push(
        `Sec-WebSocket-Key: ${r.pick(['dGhlIHNhbXBsZSBub25jZQ==', 'dGhlIHNhbXBsZSBub25jZQ==', 'short', '', '\u00ff'.repeat(24)])}`,
      );
    if (r.next() < 0.9) h.push(`Sec-WebSocket-Version: ${r.pick(['13', '13', '8', '99', 'x'])}`);
    if (r.next() < 0.1)
      h.push(
        `Sec-WebSocket-Extensions: ${r.pick(['permessage-deflate; client_max_window_bits', 'permessage-deflate; server_max_window_bits=99', '\u00ff'])}`,
      );
    if (r.next() < 0.1) h.push(`Sec-WebSocket-Protocol: ${r.pick(['a, a', ',', '\u00ff'])}`);
  }
  const cl = r.next();
  if (cl < 0.6) h.push(`Content-Length: ${bodyLength}`);
  else if (cl < 0.7)
    h.push(
      `Content-Length: ${r.pick(['-1', '1e3', 'abc', '99999999999', String(bodyLength + 10), '0', `${bodyLength}, ${bodyLength + 1}`])}`,
    );
  else if (cl < 0.8)
    h.push(`Transfer-Encoding: ${r.pick(['chunked', 'gzip, chunked', 'identity', 'chunked, chunked'])}`);
  if (r.next() < 0.05)
    h.push(
      r.pick([
        'NoColonHere',
        ': empty-name',
        'X-Long: ' + 'a'.repeat(20_000),
        'X-Bin: \u0000\u0001',
        'Bad Name: 1',
        ' Folded: line',
      ]),
    );
  return h;
}

function fuzzBody(r: Rng): Buffer {
  const kind = r.int(6);
  if (kind === 0) return Buffer.alloc(0);
  if (kind === 1) return r.bytes(r.int(2000));
  if (kind === 2)
    return Buffer.from(
      r.pick([
        '{',
        '{"audio":1}',
        '{"session_id":{"x":1},"audio":"AAAA","is_final":true}',
        '[]',
        'null',
        '{"audio":"%%%"}',
      ]),
    );
  if (kind === 3) {
    return Buffer.from(
      `--x\r\nContent-Disposition: form-data; name="${r.pick(['audio_chunk', 'language', 'is_final_chunk', 'sample_rate', '"'])}"${r.next() < 0.5 ? '; filename="a.wav"' : ''}\r\n\r\n${r.pick(['RIFF', 'true', '8000', '\u00ff'])}\r\n${r.next() < 0.5 ? '--x--\r\n' : ''}`,
    );
  }
  if (kind === 4) return Buffer.from(`${r.pick(['5', 'zz', '-1', 'ffffffffffff'])}\r\nhello\r\n0\r\n\r\n`);
  return Buffer.concat([Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt '), r.bytes(r.int(64))]);
}

/** A WebSocket frame, usually broken: unmasked, reserved bits, bad opcodes, lengths that lie. */
function fuzzFrame(r: Rng): Buffer {
  const payload = r.bytes(r.int(200));
  const fin = r.next() < 0.8 ? 0x80 : 0;
  const rsv = r.next() < 0.1 ? 0x70 : 0;
  const opcode = r.pick([0x1, 0x2, 0x2, 0x8, 0x9, 0xa, 0x0, 0x3, 0xb, 0xf]);
  const masked = r.next() < 0.8;
  const lenByte = r.next() < 0.9 ? Math.min(payload.length, 125) : r.pick([126, 127]);
  const head = [fin | rsv | opcode, (masked ? 0x80 : 0) | lenByte];
  const ext =
    lenByte === 126 ? [0xff, 0xff] : lenByte === 127 ? [0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : [];
  const mask = masked ? r.bytes(4) : Buffer.alloc(0);
  return Buffer.concat([
    Buffer.from([...head, ...ext]),
    mask,
    payload.subarray(0, lenByte <= 125 ? lenByte : payload.length),
  ]);
}

function fuzzCase(r: Rng, token: string, host: string): Buffer {
  const requests: Buffer[] = [];
  // Pipelined: several requests in one write.
  const count = r.next() < 0.1 ? 2 + r.int(4) : 1;
  for (let i = 0; i < count; i++) {
    const upgrade = r.next() < 0.3;
    // Half the cases are well-formed requests with odd paths and values, so they reach the routes
    // and the upgrade handler; the rest are broken anywhere.
    const clean = r.next() < 0.5;
    const body = upgrade ? Buffer.alloc(0) : fuzzBody(r);
    const method =
      upgrade && r.next() < 0.9 ? 'GET' : clean ? r.pick(['GET', 'POST', 'HEAD']) : r.pick(METHODS);
    const line = `${method} ${fuzzPath(r, token)} ${clean ? 'HTTP/1.1' : r.pick(VERSIONS)}`.replace(/ $/, '');
    const eol = clean || r.next() < 0.95 ? '\r\n' : r.pick(['\n', '\r', '\r\r\n']);
    const headers = clean
      ? [
          `Host: ${host}`,
          `Authorization: Bearer ${token}`,
          `Content-Length: ${body.length}`,
          ...(upgrade ? UPGRADE_HEADERS : []),
        ]
      : fuzzHeaders(r, token, host, upgrade, body.length);
    const head = [line, ...headers].join(eol) + eol + eol;
    requests.push(Buffer.from(head, r.next() < 0.97 ? 'utf8' : 'latin1'), body);
    if (upgrade) for (let f = r.int(4); f > 0; f--) requests.push(fuzzFrame(r));
  }
  let all = Buffer.concat(requests);
  // Truncated: cut anywhere.
  if (r.next() < 0.15) all = all.subarray(0, r.int(all.length + 1));
  return all;
}

/** Sends one case and waits until the server closes, or the case times out. Returns the status line seen. */
function runCase(port: number, bytes: Buffer, r: Rng): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let first = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(/^HTTP\/1\.[01] (\d{3})/.exec(first)?.[1] ?? 'none');
    };
    const timer = setTimeout(done, CASE_TIMEOUT_MS);
    socket.on('data', (d: Buffer) => {
      if (first.length < 64) first += d.toString('latin1');
    });
    socket.on('error', done);
    socket.on('close', done);
    socket.on('connect', () => {
      // Sometimes in pieces, as a slow or odd client would.
      if (r.next() < 0.2 && bytes.length > 1) {
        const cut = r.int(bytes.length);
        socket.write(bytes.subarray(0, cut));
        setTimeout(() => {
          if (!socket.destroyed) socket.end(bytes.subarray(cut));
        }, 5);
      } else socket.end(bytes);
    });
  });
}

describe('raw-socket fuzzing of the HTTP and WebSocket edge', () => {
  let served: ServeProcess;

  beforeAll(async () => {
    served = await startServeProcess(model);
  });
  afterAll(() => served?.stop());

  it(`survives ${CASES} malformed requests, upgrades and frames, and still answers /health`, async () => {
    const r = rng(SEED);
    const host = `127.0.0.1:${served.port}`;
    const statuses = new Map<string, number>();
    let exited = false;
    served.child.once('exit', () => (exited = true));
    let next = 0;
    const worker = async () => {
      while (next < CASES && !exited) {
        next += 1;
        const bytes = fuzzCase(r, served.token, host);
        const status = await runCase(served.port, bytes, r);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const summary = Object.fromEntries([...statuses].sort());
    console.log(`[fuzz] ${next} cases; status lines seen: ${JSON.stringify(summary)}`);

    expect(exited, served.stderr.join('')).toBe(false);
    expect(next).toBe(CASES);
    // The edge answered, and with the whole range of refusals, upgrades and successes.
    for (const status of ['101', '200', '400', '401', '404'])
      expect(statuses.get(status) ?? 0, status).toBeGreaterThan(0);
    // No request made the server fail.
    expect(statuses.get('500') ?? 0).toBe(0);
    expect(served.stderr.join('')).not.toMatch(/Uncaught|URIError|TypeError|RangeError/);
    const health = await fetch(`${served.origin}/health`, {
      headers: { Authorization: `Bearer ${served.token}` },
    });
    expect(health.status).toBe(200);
  });
});
