// The plain-HTTP API and the static files, on the real server and engine (synthetic model).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AnswerResult } from '../../src/shared/domain';
import { sharedAudio } from '../helpers/fixtures';
import { pcmFrames, startHarness, TEST_TOKEN, WsProbe, type Harness } from '../helpers/serverHarness';

const model = inject('syntheticModelPath');

type Captions = {
  session_id: string;
  practice_session_id: string;
  answer_id: string;
  state: string;
  is_final: boolean;
  audio_sec: number;
  committed_text: string;
  tentative_text: string;
  words: { word: string; start: number; end: number }[];
  saved?: boolean;
  result?: AnswerResult | null;
};

const postChunk = (h: Harness, query: string, body: Buffer) =>
  h.api(`/api/stream-chunk?${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream' },
    body: new Uint8Array(body),
  });

describe('HTTP API', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness(model, { limits: { maxChunkBytes: 64 * 1024, maxUploadBytes: 1024 * 1024 } });
  });
  afterAll(() => h.server.close());

  it('GET /health reports the engine, the model and uptime, and needs the token', async () => {
    const res = await h.api('/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      engine: { state: 'ready' },
      model,
      uptime_sec: expect.any(Number),
      active_sessions: 0,
      connections: 0,
    });
    const refused = await h.api('/health', { token: 'wrong' });
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({
      error: { code: 'unauthorized', message: 'A valid access token is required (Authorization: Bearer …).' },
    });
    expect((await h.api('/health', { token: null })).status).toBe(401);
    // The browser's <audio> cannot send headers, so ?token= works too.
    expect((await fetch(`${h.server.origin}/health?token=${TEST_TOKEN}`)).status).toBe(200);
  });

  it('streams PCM chunks: captions so far on each, progress in /api/sessions, the saved analysis on is_final', async () => {
    const frames = pcmFrames('jfk.wav', 1000);
    let last: Captions | null = null;
    for (const frame of frames.slice(0, 6)) {
      const res = await postChunk(h, `session_id=chunked-1&question=Why%20us%3F`, frame);
      expect(res.status).toBe(200);
      last = (await res.json()) as Captions;
      expect(last).toMatchObject({ session_id: 'chunked-1', state: 'streaming', is_final: false });
    }
    expect(last!.audio_sec).toBe(6);
    // Live steps run while the client sends; wait for one to land in the captions.
    for (let i = 0; i < 100 && last!.committed_text === '' && last!.tentative_text === ''; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const sessions = (await (await h.api('/api/sessions')).json()) as { sessions: Captions[] };
      last = { ...last!, ...sessions.sessions[0]! };
    }
    expect(`${last!.committed_text}${last!.tentative_text}`.length).toBeGreaterThan(0);

    const progress = (await (await h.api('/api/sessions')).json()) as { sessions: Record<string, unknown>[] };
    expect(progress.sessions).toHaveLength(1);
    expect(progress.sessions[0]).toMatchObject({
      session_id: 'chunked-1',
      transport: 'http',
      state: 'streaming',
      question: 'Why us?',
      audio_sec: 6,
      idle_sec: expect.any(Number),
    });

    const final = await postChunk(h, 'session_id=chunked-1&is_final=true', frames[6]!);
    const ended = (await final.json()) as Captions;
    expect(ended).toMatchObject({ state: 'ended', is_final: true, saved: true, audio_sec: 7 });
    expect(ended.result!.report.durationSec).toBeCloseTo(7, 1);
    expect(ended.result!.sessionId).toBe(ended.practice_session_id);
    expect(((await (await h.api('/api/sessions')).json()) as { sessions: unknown[] }).sessions).toEqual([]);
  });

  it('takes JSON chunks with base64 audio too', async () => {
    const frame = pcmFrames('librivox-0880.wav', 1000)[0]!;
    const res = await h.api('/api/stream-chunk', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ session_id: 'json-1', audio: frame.toString('base64'), is_final: true }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      session_id: 'json-1',
      is_final: true,
      saved: true,
      audio_sec: 1,
    });
  });

  it('POST /api/sessions/{id}/end ends a WebSocket session too: its client gets the summary and a close', async () => {
    const probe = await WsProbe.open(`${h.wsOrigin}/ws/transcribe/ended-by-api?token=${TEST_TOKEN}`);
    await probe.nextOfType('connected');
    for (const frame of pcmFrames('librivox-0880.wav')) probe.socket.send(frame);
    // The chunk route refuses to feed a session another client is streaming.
    const clash = await postChunk(h, 'session_id=ended-by-api', pcmFrames('librivox-0880.wav')[0]!);
    expect(clash.status).toBe(409);
    expect(await clash.json()).toEqual({
      error: { code: 'session_in_use', message: 'Session ended-by-api is streaming over a WebSocket.' },
    });
    await probe.next((m) => m.type === 'metrics');
    const res = await h.api('/api/sessions/ended-by-api/end', { method: 'POST' });
    expect(await res.json()).toMatchObject({ session_id: 'ended-by-api', reason: 'api', saved: true });
    expect(await probe.next((m) => m.type === 'session_info')).toMatchObject({
      state: 'ended',
      reason: 'api',
    });
    expect(await probe.closed).toEqual({ code: 1000, reason: 'session ended by the API' });
    const missing = await h.api('/api/sessions/ended-by-api/end', { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: { code: 'unknown_session', message: 'No streaming session with id ended-by-api.' },
    });
  });

  it('refuses bad chunks with exact errors', async () => {
    const odd = await postChunk(h, 'session_id=bad-1', Buffer.alloc(3));
    expect(odd.status).toBe(400);
    expect(await odd.json()).toEqual({
      error: {
        code: 'bad_audio',
        message:
          'Audio frames must hold whole samples (pcm16 × 1 channel(s) is 2 bytes a sample); got 3 bytes.',
      },
    });
    const big = await postChunk(h, 'session_id=bad-1', Buffer.alloc(64 * 1024 + 2));
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      error: { code: 'payload_too_large', message: 'A chunk may hold at most 65536 bytes of PCM.' },
    });
    const huge = await postChunk(h, 'session_id=bad-1', Buffer.alloc(200 * 1024));
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
    const form = await h.api('/api/stream-chunk', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: 'hello',
    });
    expect(form.status).toBe(415);
    expect(await form.json()).toEqual({
      error: {
        code: 'unsupported_media_type',
        message: 'Send raw PCM as application/octet-stream, or JSON with base64 "audio".',
      },
    });
    // None of them started a session.
    expect(((await (await h.api('/api/sessions')).json()) as { sessions: unknown[] }).sessions).toEqual([]);
  });

  it('POST /api/transcribe analyses a whole recording in any format ffmpeg reads, and saves it', async () => {
    const res = await h.api('/api/transcribe?question=Tell%20me%20about%20yourself', {
      method: 'POST',
      headers: { 'Content-Type': 'audio/wav' },
      body: readFileSync(sharedAudio('librivox-0880.wav')),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      session_id: string;
      saved: boolean;
      duration_sec: number;
      result: AnswerResult;
    };
    expect(body).toMatchObject({ saved: true, duration_sec: 2.99 });
    expect(body.result.questionText).toBe('Tell me about yourself');
    expect(body.result.report.pace).toHaveProperty('wordsPerMinute');
    expect(body.result.words.every((w) => w.endSec <= 3)).toBe(true);
  });

  it('POST /api/transcribe refuses an upload over the size limit', async () => {
    const res = await h.api('/api/transcribe', { method: 'POST', body: new Uint8Array(2 * 1024 * 1024) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'payload_too_large', message: 'The request body exceeds the 1048576-byte limit.' },
    });
  });

  it('POST /api/transcribe says when a file is not audio', async () => {
    const res = await h.api('/api/transcribe', { method: 'POST', body: 'this is not audio at all' });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'decode_failed',
      message: expect.stringMatching(/^Could not decode /),
    });
  });

  it('answers unknown API paths with 404 and wrong methods with 405, in JSON', async () => {
    expect(await (await h.api('/api/nothing')).json()).toEqual({
      error: { code: 'not_found', message: 'Nothing at /api/nothing.' },
    });
    const wrong = await h.api('/api/sessions', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
  });

  it('serves the built app with its security headers, and nothing outside its folder', async () => {
    const index = await fetch(`${h.server.origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toContain(
      `connect-src 'self' ws://127.0.0.1:${h.server.port}`,
    );
    expect(index.headers.get('referrer-policy')).toBe('no-referrer');
    expect((await fetch(`${h.server.origin}/assets/app.js`)).headers.get('content-type')).toMatch(
      /javascript/,
    );
    for (const attempt of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%00',
    ]) {
      const res = await fetch(`${h.server.origin}${attempt}`);
      expect(res.status, attempt).toBe(404);
      expect(await res.text()).not.toContain('not for the web');
    }
  });

  it('serves recordings only of saved answers, named by their UUID', async () => {
    const res = await h.api('/api/answers/00000000-0000-4000-8000-000000000000/audio');
    expect(res.status).toBe(404);
    expect((await h.api('/api/answers/..%2f..%2fetc/audio')).status).toBe(400);
  });
});

describe('HTTP API: one upload at a time', () => {
  let h: Harness;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    h = await startHarness(model, {
      // A decoder that waits, so a second upload arrives while the first is running.
      decode: async function* () {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        yield new Float32Array(16_000);
      },
    });
  });
  afterAll(() => h.server.close());

  it('answers a concurrent upload with 503 busy and Retry-After', async () => {
    const first = h.api('/api/transcribe', { method: 'POST', body: 'a' });
    await new Promise((r) => setTimeout(r, 200));
    const second = await h.api('/api/transcribe', { method: 'POST', body: 'b' });
    expect(second.status).toBe(503);
    expect(second.headers.get('retry-after')).toBe('5');
    expect(await second.json()).toEqual({
      error: { code: 'busy', message: 'Another recording is being transcribed; try again shortly.' },
    });
    release();
    expect((await first).status).toBe(200);
  });
});
