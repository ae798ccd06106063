// The edge of the server, over raw requests: the upgrade that once crashed it, request targets that
// do not parse, and the same-origin rule on the HTTP API (as on the WebSockets).
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { refusedUpgrade, startHarness, TEST_TOKEN, type Harness } from '../helpers/serverHarness';

const model = inject('syntheticModelPath');

type Answer = { status: number; body: string };

/** One request with exactly these headers (fetch would add or forbid some). */
function request(h: Harness, method: string, target: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: h.server.port, method, path: target, headers, agent: false },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('the server edge', () => {
  let h: Harness;
  let host: string;
  const auth = { Authorization: `Bearer ${TEST_TOKEN}` };

  beforeAll(async () => {
    h = await startHarness(model);
    host = `127.0.0.1:${h.server.port}`;
  });
  afterAll(() => h.server.close());

  it('answers an upgrade whose session id is broken percent-encoding with 400, and keeps serving', async () => {
    const refused = await refusedUpgrade(`${h.wsOrigin}/ws/transcribe/%E0%A4%A?token=${TEST_TOKEN}`);
    expect(refused).toMatchObject({ status: 400, body: { error: { code: 'bad_session_id' } } });
    expect((await h.api('/health')).status).toBe(200);
  });

  it('answers request targets that are not a path with 400, over HTTP and upgrades', async () => {
    // "//a:99999" once made new URL(target, base) throw; it is just a path that names nothing.
    expect((await request(h, 'GET', '//a:99999', { ...auth, Host: host })).status).toBe(404);
    for (const target of ['http://evil.example/health', '*']) {
      const res = await request(h, 'GET', target, { ...auth, Host: host });
      expect(res.status, target).toBe(400);
    }
    expect((await h.api('/api/answers/%E0%A4%A/audio')).status).toBe(404);
    expect((await h.api('/health')).status).toBe(200);
  });

  it('refuses API requests from a page of another site, even with the token', async () => {
    const post = await request(
      h,
      'POST',
      '/api/transcribe',
      { ...auth, Host: host, Origin: 'http://evil.example', 'Content-Type': 'text/plain' },
      'RIFF',
    );
    expect(post.status).toBe(403);
    expect(JSON.parse(post.body)).toEqual({
      error: { code: 'forbidden_origin', message: 'API requests from http://evil.example are not allowed.' },
    });
    // Another port on the same machine is another site too, and so is an opaque origin.
    for (const origin of [`http://127.0.0.1:1`, 'null']) {
      const res = await request(h, 'GET', '/api/sessions', { ...auth, Host: host, Origin: origin });
      expect(res.status, origin).toBe(403);
    }
    // A cross-site GET without Origin (an <img>, an <audio>) is recognised by Sec-Fetch-Site.
    const img = await request(h, 'GET', `/health?token=${TEST_TOKEN}`, {
      Host: host,
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(img.status).toBe(403);
    expect(h.server.engine.status.state).toBe('ready');
  });

  it('keeps same-origin pages and clients without Origin (curl, scripts) working', async () => {
    const samePage = await request(h, 'GET', '/api/sessions', {
      ...auth,
      Host: host,
      Origin: `http://${host}`,
      'Sec-Fetch-Site': 'same-origin',
    });
    expect(samePage.status).toBe(200);
    const curl = await request(h, 'GET', '/health', { ...auth, Host: host });
    expect(curl.status).toBe(200);
    // The built page itself is public, whatever asks for it.
    const page = await request(h, 'GET', '/', { Host: host, 'Sec-Fetch-Site': 'cross-site' });
    expect(page.status).toBe(200);
  });
});
