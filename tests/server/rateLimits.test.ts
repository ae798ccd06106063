// Rate limits per WebSocket (messages a second, audio bytes a second) and the cap on answers streaming
// at once: each with its own error code, each leaving the server serving its other clients.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS } from '../../src/server/limits';
import { connectionRateLimiter, TokenBucket } from '../../src/server/rateLimit';
import { encodeAudioFrame } from '../../src/shared/bridgeProtocol';
import {
  pcmFrames,
  startHarness,
  TEST_TOKEN,
  WsProbe,
  type Harness,
  type Json,
} from '../helpers/serverHarness';

const model = inject('syntheticModelPath');

describe('TokenBucket and the connection limiter (a fake clock)', () => {
  it('allows a burst up to its capacity, then the sustained rate only', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 20, () => now);
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 100; // 0.1 s refills one token
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
    now += 60_000; // never more than the capacity
    for (let i = 0; i < 20; i++) expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('refuses too many messages with rate_limited, and too much audio with audio_rate_exceeded', () => {
    let now = 0;
    const limits = { maxMessagesPerSec: 5, maxAudioBytesPerSec: 32_000, rateBurstSec: 1 };
    const messages = connectionRateLimiter(limits, () => now);
    for (let i = 0; i < 5; i++) expect(messages(10, false)).toBeNull();
    expect(messages(10, false)).toMatchObject({ code: 'rate_limited' });

    const audio = connectionRateLimiter(limits, () => now);
    expect(audio(32_000, true)).toBeNull();
    expect(audio(6_400, true)).toEqual({
      code: 'audio_rate_exceeded',
      message:
        'Audio arrived faster than 32000 bytes a second (1× real time), so the connection was closed and what was received was saved. Stream at the pace of speech, or POST the whole file to /api/transcribe.',
    });
    now += 200;
    expect(audio(6_400, true)).toBeNull();
  });

  it('defaults allow a live speaker and a file streamed at a few times real time', () => {
    const { maxMessagesPerSec, maxAudioBytesPerSec, rateBurstSec, maxStreams } = DEFAULT_SERVER_LIMITS;
    expect(maxMessagesPerSec).toBeGreaterThanOrEqual(20); // 5 frames a second + controls
    expect(maxAudioBytesPerSec).toBeGreaterThanOrEqual(4 * 32_000);
    expect(maxAudioBytesPerSec * rateBurstSec).toBeGreaterThanOrEqual(11 * 32_000);
    expect(maxStreams).toBeGreaterThanOrEqual(1);
  });
});

describe('rate limits on the real server', () => {
  let h: Harness;
  const transcribeUrl = () => `${h.wsOrigin}/ws/transcribe?token=${TEST_TOKEN}`;

  beforeAll(async () => {
    h = await startHarness(model, {
      limits: { maxMessagesPerSec: 10, maxAudioBytesPerSec: 32_000, rateBurstSec: 1, maxStreams: 2 },
      // A frozen clock: the buckets never refill, so what passes is exactly the burst, however
      // slowly a loaded machine delivers the frames.
      rateClockMs: () => 0,
    });
  });
  afterAll(() => h.server.close());

  it('/ws/transcribe: a message flood gets rate_limited, the session ends (1008), others carry on', async () => {
    const other = await WsProbe.open(transcribeUrl());
    await other.nextOfType('connected');
    const probe = await WsProbe.open(transcribeUrl());
    await probe.nextOfType('connected');
    for (let i = 0; i < 30; i++) probe.send({ type: 'ping' });
    expect(await probe.nextOfType('error')).toEqual({
      type: 'error',
      code: 'rate_limited',
      message:
        'More than 10 messages a second arrived on this connection, so it was closed. Send audio in 100–500 ms chunks and fewer control messages.',
    });
    expect(await probe.next((m) => m.type === 'session_info')).toMatchObject({
      state: 'ended',
      reason: 'rate_limited',
      saved: false,
    });
    expect((await probe.closed).code).toBe(1008);
    // At most the burst was answered.
    expect(probe.messages.filter((m) => m.type === 'pong').length).toBeLessThanOrEqual(10);
    other.send({ type: 'ping' });
    await other.nextOfType('pong');
    other.send({ type: 'end_session' });
    await other.closed;
  });

  it('/ws/transcribe: audio faster than allowed gets audio_rate_exceeded; what arrived is saved', async () => {
    const probe = await WsProbe.open(transcribeUrl());
    await probe.nextOfType('connected');
    const frames = pcmFrames('jfk.wav', 1000); // 32 000-byte frames: one second each
    probe.socket.send(frames[0]!);
    probe.socket.send(frames[1]!);
    expect(await probe.nextOfType('error')).toMatchObject({ type: 'error', code: 'audio_rate_exceeded' });
    expect(await probe.next((m) => m.type === 'session_info')).toMatchObject({
      state: 'ended',
      reason: 'rate_limited',
      saved: true,
      duration_sec: 1,
    });
    expect((await probe.closed).code).toBe(1008);
  });

  it('refuses a stream beyond maxStreams with too_many_streams, and takes one again once one ends', async () => {
    const open = [await WsProbe.open(transcribeUrl()), await WsProbe.open(transcribeUrl())];
    await Promise.all(open.map((p) => p.nextOfType('connected')));
    const third = await WsProbe.open(transcribeUrl());
    expect(await third.nextOfType('error')).toEqual({
      type: 'error',
      code: 'too_many_streams',
      message: "2 answers are already streaming (the server's limit); end one and retry.",
    });
    expect((await third.closed).code).toBe(1008);
    // HTTP chunk sessions count too.
    const chunk = await h.api('/api/stream-chunk?session_id=http-1', {
      method: 'POST',
      body: pcmFrames('jfk.wav')[0]!,
    });
    expect(chunk.status).toBe(503);
    expect(await chunk.json()).toMatchObject({ error: { code: 'too_many_streams' } });
    open[0]!.send({ type: 'end_session' });
    await open[0]!.closed;
    const again = await WsProbe.open(transcribeUrl());
    await again.nextOfType('connected');
    for (const p of [open[1]!, again]) {
      p.send({ type: 'end_session' });
      await p.closed;
    }
  });

  it('/ws/api: a flood of invokes gets rate_limited and a 1008 close', async () => {
    const bridge = await WsProbe.open(`${h.wsOrigin}/ws/api?token=${TEST_TOKEN}`);
    for (let i = 1; i <= 30; i++) bridge.send({ kind: 'invoke', id: i, channel: 'app:status', args: [] });
    expect(await bridge.next((m) => m.kind === 'error')).toMatchObject({
      kind: 'error',
      code: 'rate_limited',
      error: expect.stringMatching(/^More than 10 messages a second/),
    });
    expect((await bridge.closed).code).toBe(1008);
  });

  it('/ws/api: audio faster than allowed gets audio_rate_exceeded, and the answer is still saved', async () => {
    const bridge = await WsProbe.open(`${h.wsOrigin}/ws/api?token=${TEST_TOKEN}`);
    bridge.send({
      kind: 'invoke',
      id: 1,
      channel: 'answer:start',
      args: [{ questionId: 'q', questionText: 'Why us?', sampleRateHz: 16000 }],
    });
    const started = await bridge.next((m) => m.kind === 'result' && m.id === 1);
    const { answerId, sessionId } = started.value as { answerId: string; sessionId: string };
    for (const frame of pcmFrames('jfk.wav', 750).slice(0, 4)) {
      bridge.socket.send(Buffer.from(encodeAudioFrame(answerId, new Uint8Array(frame).buffer)));
    }
    expect(await bridge.next((m) => m.kind === 'error')).toMatchObject({ code: 'audio_rate_exceeded' });
    expect((await bridge.closed).code).toBe(1008);
    // The page's connection is gone: its answer was stopped and saved with what arrived within the
    // one-second burst: one 0.75 s frame (the frozen clock gives the next no more allowance).
    const reader = await WsProbe.open(`${h.wsOrigin}/ws/api?token=${TEST_TOKEN}`);
    let durationSec = 0;
    for (let i = 0; i < 100 && !durationSec; i++) {
      reader.send({ kind: 'invoke', id: i, channel: 'session:get', args: [sessionId] });
      const r = await reader.next((m) => m.kind === 'result' && m.id === i);
      const answers = r.ok ? (r.value as { answers: { report: { durationSec: number } }[] }).answers : [];
      durationSec = answers[0]?.report.durationSec ?? 0;
      if (!durationSec) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(durationSec).toBeCloseTo(0.75, 1);
    reader.close();
  });

  it('/ws/api: at most maxStreams answers recording (too_many_streams)', async () => {
    const bridge = await WsProbe.open(`${h.wsOrigin}/ws/api?token=${TEST_TOKEN}`);
    const start = { questionId: 'q', questionText: 'Why?', sampleRateHz: 16000 };
    const results = [];
    for (let id = 1; id <= 3; id++) {
      bridge.send({ kind: 'invoke', id, channel: 'answer:start', args: [start] });
      results.push(await bridge.next((m) => m.kind === 'result' && m.id === id));
    }
    expect(results.slice(0, 2).every((r) => r.ok)).toBe(true);
    expect(results[2]).toMatchObject({ ok: false, code: 'too_many_streams' });
    for (const [i, r] of results.slice(0, 2).entries()) {
      const id = 10 + i;
      const { answerId } = r.value as { answerId: string };
      bridge.send({ kind: 'invoke', id, channel: 'answer:cancel', args: [answerId] });
      await bridge.next((m) => m.kind === 'result' && m.id === id);
    }
    bridge.close();
  });

  const startArgs = [{ questionId: 'q', questionText: 'Why?', sampleRateHz: 16000 }];
  const bridgeUrl = () => `${h.wsOrigin}/ws/api?token=${TEST_TOKEN}`;
  /** Sends every answer:start at once, without waiting for a result: the race the slot closes. */
  const burstStarts = async (bridge: WsProbe, ids: number[]) => {
    for (const id of ids) bridge.send({ kind: 'invoke', id, channel: 'answer:start', args: startArgs });
    return Promise.all(ids.map((id) => bridge.next((m) => m.kind === 'result' && m.id === id)));
  };
  const cancelStarted = async (bridge: WsProbe, results: Json[]) => {
    for (const [i, r] of results.filter((r) => r.ok).entries()) {
      const id = 100 + i;
      const { answerId } = r.value as { answerId: string };
      bridge.send({ kind: 'invoke', id, channel: 'answer:cancel', args: [answerId] });
      expect(await bridge.next((m) => m.kind === 'result' && m.id === id)).toMatchObject({ ok: true });
    }
  };

  it('/ws/api: a burst of answer:start on one connection gets no more than maxStreams', async () => {
    const bridge = await WsProbe.open(bridgeUrl());
    const results = await burstStarts(bridge, [1, 2, 3, 4, 5, 6]);
    expect(results.filter((r) => r.ok)).toHaveLength(2);
    expect(results.filter((r) => !r.ok)).toEqual(
      Array.from({ length: 4 }, () =>
        expect.objectContaining({ code: 'too_many_streams', error: expect.stringMatching(/^2 answers/) }),
      ),
    );
    await cancelStarted(bridge, results);
    bridge.close();
    await bridge.closed;
  });

  it('one cap across connections: bridge answers and /ws/transcribe sessions share maxStreams', async () => {
    const bridges = [await WsProbe.open(bridgeUrl()), await WsProbe.open(bridgeUrl())];
    const results = await Promise.all(bridges.map((b) => burstStarts(b, [1, 2, 3])));
    expect(results.flat().filter((r) => r.ok)).toHaveLength(2);
    // The answers the pages record fill the server: a streaming client is refused too.
    const stream = await WsProbe.open(transcribeUrl());
    expect(await stream.nextOfType('error')).toMatchObject({ code: 'too_many_streams' });
    await stream.closed;
    // Cancelling frees the places.
    for (const [i, b] of bridges.entries()) await cancelStarted(b, results[i]!);
    const again = await WsProbe.open(transcribeUrl());
    await again.nextOfType('connected');
    // And a live streaming session counts against the pages' answers.
    const [first, second] = await burstStarts(bridges[0]!, [7, 8]);
    expect([first?.ok, second?.ok].filter(Boolean)).toHaveLength(1);
    await cancelStarted(bridges[0]!, [first!, second!]);
    again.send({ type: 'end_session' });
    await again.closed;
    for (const b of bridges) {
      b.close();
      await b.closed;
    }
  });
});
