// /ws/transcribe on the real server and the real engine (synthetic model: words are meaningless, so
// these tests check messages, order, timings and limits, never words). Every limit is checked for its
// exact error and for the server carrying on with its other clients.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  pcmFrames,
  refusedUpgrade,
  startHarness,
  TEST_TOKEN,
  WsProbe,
  type Harness,
  type Json,
} from '../helpers/serverHarness';

const model = inject('syntheticModelPath');
const FRAMES_PER_SEC = 5;
/** 16 kHz, 16-bit mono. */
const BYTES_PER_SEC = 32_000;

const transcribeUrl = (h: Harness, suffix = '', token: string | null = TEST_TOKEN) =>
  `${h.wsOrigin}/ws/transcribe${suffix}${token === null ? '' : `?token=${token}`}`;

/** Real passes on a machine other suites load: the whole answer may take minutes; only a guard. */
const STREAM_GUARD_MS = 600_000;
/** How far the client may run ahead of the live steps: a few steps' worth, as a live speaker would. */
const AHEAD_SEC = 3;

/**
 * Streams a second of audio at a time, running at most AHEAD_SEC ahead of the server's live steps (their
 * metrics say how much audio they had): as fast as the engine goes, never faster, and never waiting on a
 * clock. While audio is pending a step always comes (after a slow pass the server's rest timer makes it
 * due), so this cannot stall. Then waits until a step has covered every sample sent.
 */
async function streamSeconds(probe: WsProbe, frames: Buffer[], seconds: number): Promise<void> {
  const sent = Math.min(seconds, Math.ceil(frames.length / FRAMES_PER_SEC));
  const isLive = (m: Json) => m.type === 'metrics' && m.final === false;
  const stepped = (sec: number) => (m: Json) => isLive(m) && (m.elapsed_sec as number) >= sec - 0.01;
  let sentSec = 0;
  for (let s = 0; s < sent; s++) {
    for (const frame of frames.slice(s * FRAMES_PER_SEC, (s + 1) * FRAMES_PER_SEC)) {
      probe.socket.send(frame);
      sentSec += frame.length / BYTES_PER_SEC;
    }
    const behind = stepped(sentSec - AHEAD_SEC);
    if (!probe.messages.some(behind)) await probe.next(behind);
  }
  const caughtUp = stepped(sentSec);
  if (!probe.messages.some(caughtUp)) await probe.next(caughtUp);
}

/** The server still serves: a fresh client gets connected and an answer to ping. */
async function stillServes(h: Harness): Promise<void> {
  const probe = await WsProbe.open(transcribeUrl(h));
  await probe.nextOfType('connected');
  probe.send({ type: 'ping' });
  await probe.nextOfType('pong');
  probe.send({ type: 'end_session' });
  await probe.closed;
}

/**
 * Earlier clients' sockets are gone on the server's side too (it counts them against the limit). Their
 * closing is the server's to notice, so this asks until it has; the guard only stops a hung test.
 */
async function noOpenConnections(h: Harness): Promise<void> {
  const guard = Date.now() + 120_000;
  while (Date.now() < guard) {
    const health = (await (await h.api('/health')).json()) as { connections: number };
    if (health.connections === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('connections stayed open');
}

describe('/ws/transcribe: a whole session', () => {
  let h: Harness;
  let probe: WsProbe;
  const frames = pcmFrames('jfk.wav');

  beforeAll(async () => {
    h = await startHarness(model);
    probe = await WsProbe.open(transcribeUrl(h, '', TEST_TOKEN) + '&question=Tell%20me%20about%20yourself');
  });
  afterAll(() => h.server.close());

  it('greets with `connected`: session id and the audio format it expects', async () => {
    const connected = await probe.nextOfType('connected');
    expect(connected).toMatchObject({
      type: 'connected',
      session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      practice_session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      answer_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      audio: { encoding: 'pcm_s16le', sample_rate: 16000, channels: 1 },
      limits: { max_frame_bytes: 65536, max_session_sec: 1800, idle_timeout_sec: 30 },
    });
  });

  it('answers ping with pong, echoing the client timestamp', async () => {
    probe.send({ type: 'ping', timestamp: 12345 });
    const pong = await probe.nextOfType('pong');
    expect(pong).toMatchObject({ type: 'pong', timestamp: 12345, server_time: expect.any(Number) });
    expect(pong.session_id).toBe(probe.messages[0]!.session_id);
  });

  it(
    'streams tentative and final transcripts with word timings, and live metrics',
    async () => {
      await streamSeconds(probe, frames, 11);
      const transcripts = probe.messages.filter((m) => m.type === 'transcript');
      const finals = transcripts.filter((m) => m.is_final === true && m.replaces === undefined);
      // Final-pass revisions of closed utterances: in order, each saying which span it replaces.
      const revisions = transcripts.filter((m) => m.replaces !== undefined);
      revisions.forEach((r, i) => {
        expect(r).toMatchObject({
          is_final: true,
          revision: i + 1,
          replaces: { start: r.start, end: r.end },
        });
        const words = r.words as { word: string; start: number; end: number }[];
        expect(r.text).toBe(words.map((w) => w.word).join(' '));
        if (i > 0) expect(r.start).toBe(revisions[i - 1]!.end);
      });
      const tentative = transcripts.filter((m) => m.is_final === false);
      expect(tentative.length).toBeGreaterThan(0);
      expect(finals.length).toBeGreaterThan(0);
      let lastEnd = 0;
      for (const t of finals) {
        const words = t.words as { word: string; start: number; end: number }[];
        expect(t.text).toBe(words.map((w) => w.word).join(' '));
        expect(t.start).toBe(words[0]!.start);
        expect(t.end).toBe(words.at(-1)!.end);
        // Committed segments follow one another and stay inside the audio sent.
        expect(t.start as number).toBeGreaterThanOrEqual(lastEnd - 0.01);
        expect(t.end as number).toBeLessThanOrEqual(11.01);
        lastEnd = t.end as number;
      }
      const metrics = probe.messages.filter((m) => m.type === 'metrics');
      expect(metrics.length).toBeGreaterThanOrEqual(3);
      expect(metrics.at(-1)).toMatchObject({
        final: false,
        words_per_minute: expect.any(Number),
        filler_count: expect.any(Number),
        long_pause_count: expect.any(Number),
        behind: false,
      });
      expect(metrics.at(-1)!.elapsed_sec as number).toBeGreaterThan(9);
    },
    STREAM_GUARD_MS,
  );

  it('reports progress in session_info', async () => {
    probe.send({ type: 'session_info' });
    const info = await probe.nextOfType('session_info');
    expect(info).toMatchObject({
      state: 'streaming',
      transport: 'websocket',
      question: 'Tell me about yourself',
      audio_sec: 11,
      limits: { max_session_sec: 1800, idle_timeout_sec: 30 },
    });
    const committed = probe.messages
      .filter((m) => m.type === 'transcript' && m.is_final)
      .map((m) => m.text)
      .join(' ');
    expect(info.committed_text).toBe(committed);
  });

  it(
    'end_session flushes, sends the final metrics and summary, closes normally, and saves the session',
    async () => {
      const connected = probe.messages[0]!;
      probe.send({ type: 'end_session' });
      const summary = await probe.next((m) => m.type === 'session_info' && m.state === 'ended');
      expect(summary).toMatchObject({ reason: 'client', saved: true, duration_sec: 11 });
      const finalMetrics = probe.messages.find((m) => m.type === 'metrics' && m.final === true);
      expect(finalMetrics).toMatchObject({
        elapsed_sec: 11,
        word_count: expect.any(Number),
        fillers: expect.any(Array),
      });
      expect(probe.messages.indexOf(finalMetrics!)).toBeLessThan(probe.messages.indexOf(summary));
      expect(await probe.closed).toEqual({ code: 1000, reason: 'session ended' });

      // Saved like any other answer: the app's history lists it, with the question and the whole audio.
      const active = (await (await h.api('/api/sessions')).json()) as { sessions: unknown[] };
      expect(active.sessions).toEqual([]);
      const { handlersView } = await bridgeListSessions(h);
      const session = handlersView.find((s) => s.id === connected.practice_session_id);
      expect(session).toMatchObject({ title: 'Tell me about yourself', answerCount: 1 });
      expect(session!.durationSec).toBeCloseTo(11, 1);
    },
    STREAM_GUARD_MS,
  );
});

/** Lists saved sessions through the app's own bridge: what the History screen would show. */
async function bridgeListSessions(h: Harness) {
  const bridge = await WsProbe.open(`${h.wsOrigin}/ws/api?token=${TEST_TOKEN}`);
  bridge.send({ kind: 'invoke', id: 1, channel: 'sessions:list', args: [] });
  const result = await bridge.next((m) => m.kind === 'result' && m.id === 1);
  bridge.close();
  return {
    handlersView: result.value as { id: string; title: string; answerCount: number; durationSec: number }[],
  };
}

describe('/ws/transcribe: messages it does not take', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(model);
  });
  afterAll(() => h.server.close());

  it('answers a malformed message with the exact error and keeps the session open', async () => {
    const probe = await WsProbe.open(transcribeUrl(h));
    await probe.nextOfType('connected');
    probe.send('hello');
    expect(await probe.nextOfType('error')).toEqual({
      type: 'error',
      code: 'bad_message',
      message: 'Text messages must be JSON like {"type":"ping"}; audio goes in binary frames.',
    });
    probe.send({ kind: 'ping' });
    expect(await probe.nextOfType('error')).toEqual({
      type: 'error',
      code: 'bad_message',
      message: 'Text messages must be JSON objects with a "type" field, like {"type":"ping"}.',
    });
    probe.send({ type: 'start_recording' });
    expect(await probe.nextOfType('error')).toEqual({
      type: 'error',
      code: 'unknown_type',
      message:
        'Unknown message type "start_recording"; expected one of ping, session_info, end_session, end, stop.',
    });
    probe.socket.send(Buffer.alloc(3));
    expect(await probe.nextOfType('error')).toEqual({
      type: 'error',
      code: 'bad_audio',
      message:
        'Audio frames must hold whole samples (pcm16 × 1 channel(s) is 2 bytes a sample); got 3 bytes.',
    });
    probe.send({ type: 'ping' });
    await probe.nextOfType('pong');
    probe.send({ type: 'end_session' });
    const summary = await probe.next((m) => m.type === 'session_info' && m.state === 'ended');
    // No audio arrived: nothing is saved.
    expect(summary.saved).toBe(false);
    expect((await probe.closed).code).toBe(1000);
  });

  it('refuses an oversized frame with frame_too_large, closes with 1009, and keeps serving others', async () => {
    const other = await WsProbe.open(transcribeUrl(h));
    await other.nextOfType('connected');
    const probe = await WsProbe.open(transcribeUrl(h));
    await probe.nextOfType('connected');
    probe.socket.send(Buffer.alloc(65_538));
    expect(await probe.nextOfType('error')).toEqual({
      type: 'error',
      code: 'frame_too_large',
      message:
        'A frame of 65538 bytes exceeds the 65536-byte limit; send audio in smaller chunks (100–500 ms is typical).',
    });
    expect(await probe.closed).toEqual({ code: 1009, reason: 'frame too large' });
    other.send({ type: 'ping' });
    await other.nextOfType('pong');
    other.send({ type: 'end_session' });
    await other.closed;
  });

  it('refuses a missing or wrong token before upgrading, with a JSON reason, and keeps serving', async () => {
    const other = await WsProbe.open(transcribeUrl(h));
    await other.nextOfType('connected');
    const expected = {
      status: 401,
      body: {
        error: {
          code: 'unauthorized',
          message: 'A valid access token is required (?token=… as printed by coach serve).',
        },
      },
    };
    expect(await refusedUpgrade(transcribeUrl(h, '', null))).toEqual(expected);
    expect(await refusedUpgrade(transcribeUrl(h, '', 'wrong-token'))).toEqual(expected);
    other.send({ type: 'ping' });
    await other.nextOfType('pong');
    other.close();
    await stillServes(h);
  });

  it('refuses a WebSocket opened by a page from another site', async () => {
    expect(await refusedUpgrade(transcribeUrl(h), { Origin: 'http://evil.example' })).toEqual({
      status: 403,
      body: {
        error: {
          code: 'forbidden_origin',
          message: 'WebSocket connections from http://evil.example are not allowed.',
        },
      },
    });
  });

  it('names the session after the URL, refuses a second client on the same id and a malformed id', async () => {
    const first = await WsProbe.open(transcribeUrl(h, '/interview-42'));
    expect(await first.nextOfType('connected')).toMatchObject({ session_id: 'interview-42' });
    const second = await WsProbe.open(transcribeUrl(h, '/interview-42'));
    expect(await second.nextOfType('error')).toEqual({
      type: 'error',
      code: 'session_in_use',
      message: 'Session interview-42 is already streaming; end it first or use another id.',
    });
    expect((await second.closed).code).toBe(1008);
    const bad = await WsProbe.open(transcribeUrl(h, '/bad%20id'));
    expect(await bad.nextOfType('error')).toMatchObject({ code: 'bad_session_id' });
    first.send({ type: 'session_info' });
    expect(await first.nextOfType('session_info')).toMatchObject({
      session_id: 'interview-42',
      state: 'streaming',
    });
    first.send({ type: 'end_session' });
    await first.closed;
  });

  it('answers an unknown path with 404', async () => {
    expect(await refusedUpgrade(`${h.wsOrigin}/ws/other?token=${TEST_TOKEN}`)).toMatchObject({
      status: 404,
      body: { error: { code: 'not_found' } },
    });
  });
});

describe('/ws/transcribe: limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(model, {
      limits: { idleTimeoutSec: 1, maxSessionSec: 2, maxConnections: 3 },
    });
  });
  afterAll(() => h.server.close());

  it('ends an idle session with idle_timeout, saves what it heard, and closes with 1008', async () => {
    const probe = await WsProbe.open(transcribeUrl(h));
    await probe.nextOfType('connected');
    for (const frame of pcmFrames('librivox-0880.wav').slice(0, 5)) probe.socket.send(frame);
    const error = await probe.nextOfType('error');
    expect(error).toEqual({
      type: 'error',
      code: 'idle_timeout',
      message:
        'Nothing was received for 1 s, so the session was ended and saved. Send audio or a ping more often.',
    });
    expect(await probe.next((m) => m.type === 'session_info')).toMatchObject({
      state: 'ended',
      reason: 'idle_timeout',
      saved: true,
      duration_sec: 1,
    });
    expect(await probe.closed).toEqual({ code: 1008, reason: 'session ended' });
    await stillServes(h);
  });

  it('ends a session at the duration limit with max_duration, saving the audio up to it', async () => {
    const probe = await WsProbe.open(transcribeUrl(h));
    await probe.nextOfType('connected');
    for (const frame of pcmFrames('librivox-0880.wav').slice(0, 14)) probe.socket.send(frame);
    expect(await probe.nextOfType('error')).toEqual({
      type: 'error',
      code: 'max_duration',
      message:
        'The session reached the 2 s limit, so it was ended and saved. Start a new session to continue.',
    });
    expect(await probe.next((m) => m.type === 'session_info')).toMatchObject({
      state: 'ended',
      reason: 'max_duration',
      saved: true,
      duration_sec: 2,
    });
    expect((await probe.closed).code).toBe(1008);
    await stillServes(h);
  });

  it('refuses connections beyond the limit with 503 too_many_connections', async () => {
    await noOpenConnections(h);
    const open = await Promise.all([0, 1, 2].map(() => WsProbe.open(transcribeUrl(h))));
    await Promise.all(open.map((p) => p.nextOfType('connected')));
    expect(await refusedUpgrade(transcribeUrl(h))).toEqual({
      status: 503,
      body: {
        error: {
          code: 'too_many_connections',
          message: 'The server already has 3 open connections (its limit); close one and retry.',
        },
      },
    });
    for (const p of open) p.send({ type: 'end_session' });
    await Promise.all(open.map((p) => p.closed));
    await stillServes(h);
  });
});

describe('/ws/transcribe: heartbeats', () => {
  let h: Harness;
  beforeAll(async () => {
    // Long enough that a client whose process is busy still answers a ping in time; short for a test.
    h = await startHarness(model, { limits: { heartbeatSec: 2 } });
  });
  afterAll(() => h.server.close());

  it('drops a client that stops answering heartbeats', async () => {
    const silent = await WsProbe.open(transcribeUrl(h), { autoPong: false });
    await silent.nextOfType('connected');
    expect((await silent.closed).code).toBe(1006);
    expect(h.logs.some((l) => l.includes('missed a heartbeat'))).toBe(true);
    // A client that answers pings stays: two heartbeat intervals later it is still there.
    const alive = await WsProbe.open(transcribeUrl(h));
    await alive.nextOfType('connected');
    await new Promise((r) => setTimeout(r, 5000));
    alive.send({ type: 'ping' });
    await alive.nextOfType('pong');
    alive.send({ type: 'end_session' });
    await alive.closed;
  });
});

describe('/ws/transcribe: a client that stops reading', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(model, {
      // The flood below is how this test stops a reader; the message rate limit is not under test here.
      limits: { maxBufferedBytes: 64 * 1024, droppableAfterBytes: 16 * 1024, maxMessagesPerSec: 1e9 },
    });
  });
  afterAll(() => h.server.close());

  it('is disconnected once its unread messages pass the limit; the server stays bounded and serving', async () => {
    const slow = await WsProbe.open(transcribeUrl(h));
    await slow.nextOfType('connected');
    // Stop reading: the kernel buffers fill, then the server's queue for this client grows.
    (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const request = JSON.stringify({ type: 'session_info' });
    let sent = 0;
    const deadline = Date.now() + 20_000;
    while (!h.logs.some((l) => l.includes('stopped reading')) && Date.now() < deadline) {
      for (let i = 0; i < 500; i++) slow.socket.send(request);
      sent += 500;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(h.logs.find((l) => l.includes('stopped reading'))).toMatch(
      /\/ws\/transcribe client stopped reading \(\d+ bytes queued\); disconnected/,
    );
    expect(sent).toBeGreaterThan(0);
    await stillServes(h);
  });
});
