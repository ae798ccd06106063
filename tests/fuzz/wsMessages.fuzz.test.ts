// Issue #7 "Nothing let in": random text and binary frames against the real server's two WebSockets.
// Message parsing lives inside the socket handlers, so the real server (real engine, synthetic model)
// takes the frames; each must get one well-formed refusal (or its documented answer) and the server
// must go on serving a well-behaved client afterwards. decodeAudioFrame, the one pure parser, is
// fuzzed directly.
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AUDIO_FRAME_ID_BYTES, decodeAudioFrame } from '../../src/shared/bridgeProtocol';
import { MAX_AUDIO_CHUNK_BYTES } from '../../src/shared/ipcSchemas';
import { startHarness, TEST_TOKEN, WsProbe, type Harness, type Json } from '../helpers/serverHarness';

const model = inject('syntheticModelPath');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const oneLine = (s: unknown): void => {
  expect(typeof s).toBe('string');
  expect((s as string).length).toBeGreaterThan(0);
  expect(s as string).not.toMatch(/[\n\r]/);
};

/** Frames of text: mostly not what the server wants, some nearly so. */
const textFrame = (shape: 'bridge' | 'transcribe'): fc.Arbitrary<string> => {
  const key = shape === 'bridge' ? 'kind' : 'type';
  const hugeId = fc.constantFrom(-1, 1.5, 2 ** 53, 2 ** 64, 1e308, -0, '1', null, [1], { id: 1 });
  const channel = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'audio:chunk', 'x'.repeat(101)),
    // Real channels with hostile arguments (only harmless, read-only or refused ones).
    fc.constantFrom('answer:stop', 'session:get', 'notes:update', 'history:list', 'questions:practice-set'),
  );
  return fc.oneof(
    fc.string({ maxLength: 200 }),
    fc.string({ unit: 'binary', maxLength: 100 }),
    fc.json({ maxDepth: 3 }),
    fc.constantFrom('', '{', '[]', 'null', '"invoke"', '{"kind":"invoke"', '\u0000', '{}'),
    fc
      .record({ [key]: fc.oneof(fc.string({ maxLength: 20 }), fc.jsonValue({ maxDepth: 1 })) })
      .map((o) => JSON.stringify(o)),
    fc
      .record(
        {
          kind: fc.constantFrom('invoke', 'result', 'push', 'INVOKE'),
          id: fc.oneof(fc.nat(), hugeId),
          channel,
          args: fc.oneof(
            fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
            fc.jsonValue({ maxDepth: 1 }),
          ),
        },
        { requiredKeys: [] },
      )
      .map((o) => JSON.stringify(o)),
    // Large, but under the frame limit: the size check is tested on its own below.
    fc
      .integer({ min: 1_000, max: MAX_AUDIO_CHUNK_BYTES - 100 })
      .map((n) => JSON.stringify({ [key]: 'x'.repeat(n), id: 1 })),
  );
};

describe('decodeAudioFrame', () => {
  it('returns null for a short frame, else the id and an own copy of the PCM, at any byte offset', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat({ max: 7 }), (bytes, offset) => {
        // Network buffers are often views into a shared pool, at odd offsets.
        const pool = new Uint8Array(bytes.length + offset);
        pool.set(bytes, offset);
        const frame = pool.subarray(offset);
        const decoded = decodeAudioFrame(frame);
        if (bytes.length < AUDIO_FRAME_ID_BYTES) {
          expect(decoded).toBeNull();
          return;
        }
        expect(decoded!.answerId).toHaveLength(AUDIO_FRAME_ID_BYTES);
        expect(new Uint8Array(decoded!.pcm16)).toEqual(bytes.subarray(AUDIO_FRAME_ID_BYTES));
      }),
      { numRuns: 2_000 },
    );
  });
});

describe('the live server', () => {
  let h: Harness;
  beforeAll(async () => {
    // Thousands of frames a second: the rate limits (tests/server/rateLimits.test.ts) would end the
    // connection before the validators under test here had seen most of them.
    h = await startHarness(model, { limits: { maxMessagesPerSec: 1e6, maxAudioBytesPerSec: 1e12 } });
  });
  afterAll(() => h.server.close());

  const openBridge = () => WsProbe.open(`${h.wsOrigin}/ws/api?token=${TEST_TOKEN}`);
  const openTranscribe = async () => {
    const probe = await WsProbe.open(`${h.wsOrigin}/ws/transcribe?token=${TEST_TOKEN}`);
    await probe.nextOfType('connected');
    return probe;
  };

  /** The server still serves: a fresh bridge client can list sessions. */
  async function bridgeStillServes(): Promise<void> {
    const probe = await openBridge();
    probe.send({ kind: 'invoke', id: 7, channel: 'sessions:list', args: [] });
    expect(await probe.next((m) => m.kind === 'result' && m.id === 7)).toMatchObject({ ok: true });
    probe.close();
  }

  it('/ws/api: every random text frame gets one clear error or result, and the connection stays open', async () => {
    const probe = await openBridge();
    const frames = fc.sample(textFrame('bridge'), { numRuns: 1_500, seed: 7 });
    for (const frame of frames) {
      probe.send(frame);
      const reply = await probe.next((m) => m.kind === 'error' || m.kind === 'result', 10_000);
      if (reply.kind === 'error') {
        oneLine(reply.error);
        expect(reply.error).toMatch(/^(Messages must be JSON|Invalid payload for bridge message: )/);
        continue;
      }
      expect(Number.isSafeInteger(reply.id)).toBe(true);
      if (reply.ok === false) {
        oneLine(reply.error);
        expect(reply.error).not.toMatch(/TypeError|RangeError|undefined|\[object Object\]/);
      }
    }
    expect(probe.socket.readyState).toBe(WebSocket.OPEN);
    probe.close();
    await bridgeStillServes();
  });

  it('/ws/api: every random binary frame gets one clear answer:error, and the connection stays open', async () => {
    const probe = await openBridge();
    const uuid = fc.uuid({ version: 4 }).map((id) => Buffer.from(id, 'latin1'));
    const frames = fc.sample(
      fc.oneof(
        fc.uint8Array({ maxLength: 100 }).map((b) => Buffer.from(b)),
        // A real-looking id that this connection never started, then odd or even PCM.
        fc.tuple(uuid, fc.uint8Array({ maxLength: 64 })).map(([id, pcm]) => Buffer.concat([id, pcm])),
        // A bad id header: the right length, the wrong characters.
        fc
          .tuple(fc.uint8Array({ minLength: 36, maxLength: 36 }), fc.uint8Array({ maxLength: 8 }))
          .map(([id, pcm]) => Buffer.concat([id, pcm])),
      ),
      { numRuns: 800, seed: 11 },
    );
    for (const frame of frames) {
      probe.socket.send(frame);
      const reply = await probe.next((m) => m.kind === 'push' && m.channel === 'answer:error', 10_000);
      const payload = reply.payload as { answerId: string; message: string };
      oneLine(payload.message);
      expect(payload.answerId === '' || UUID.test(payload.answerId)).toBe(true);
      expect(payload.message).toMatch(
        /^(Malformed audio frame|Invalid payload for audio:chunk: |Answer [0-9a-f-]{36} was not started)/,
      );
    }
    expect(probe.socket.readyState).toBe(WebSocket.OPEN);
    probe.close();
    await bridgeStillServes();
  });

  it('/ws/transcribe: every random text frame gets its documented answer or a clear error', async () => {
    const probe = await openTranscribe();
    // end_session is a valid request that ends the session; it is checked last.
    const frames = fc
      .sample(textFrame('transcribe'), { numRuns: 1_500, seed: 13 })
      .filter((f) => !/end_session/.test(f));
    for (const frame of frames) {
      probe.send(frame);
      let expected: string;
      try {
        const json: unknown = JSON.parse(frame);
        const type =
          typeof json === 'object' && json !== null ? (json as { type?: unknown }).type : undefined;
        expected =
          typeof type !== 'string'
            ? 'bad_message'
            : type === 'ping'
              ? 'pong'
              : type === 'session_info'
                ? 'session_info'
                : 'unknown_type';
      } catch {
        expected = 'bad_message';
      }
      const reply = await probe.next(
        (m) => m.type === 'error' || m.type === 'pong' || m.type === 'session_info',
        10_000,
      );
      if (expected === 'pong' || expected === 'session_info') {
        expect(reply.type).toBe(expected);
        continue;
      }
      expect(reply).toMatchObject({ type: 'error', code: expected });
      oneLine(reply.message);
      // An unknown type is named back, so it must be bounded like the frames that carry it.
      expect(String(reply.message).length).toBeLessThan(MAX_AUDIO_CHUNK_BYTES + 200);
    }
    expect(probe.socket.readyState).toBe(WebSocket.OPEN);
    probe.send({ type: 'end_session' });
    expect((await probe.closed).code).toBe(1000);
  });

  it('/ws/transcribe: odd-length and empty binary frames get bad_audio; even ones are taken as audio', async () => {
    const probe = await openTranscribe();
    const frames = fc.sample(
      fc.oneof(
        fc.integer({ min: 0, max: 2_000 }).map((n) => n * 2 + 1),
        fc.constant(0),
        // A little real-sized audio in between (random noise; at most ~0.3 s in all).
        fc.integer({ min: 1, max: 40 }).map((n) => n * 2),
      ),
      { numRuns: 600, seed: 17 },
    );
    for (const size of frames) {
      probe.socket.send(Buffer.alloc(size, 0x11));
      if (size > 0 && size % 2 === 0) continue;
      const reply = await probe.next((m) => m.type === 'error', 10_000);
      expect(reply).toMatchObject({ type: 'error', code: 'bad_audio' });
      expect(reply.message).toContain(`got ${size} bytes`);
    }
    probe.send({ type: 'ping' });
    await probe.nextOfType('pong');
    probe.send({ type: 'end_session' });
    expect((await probe.closed).code).toBe(1000);
  });

  it('closes with 1007 on invalid UTF-8 text and 1009 on an oversized frame, then serves the next client', async () => {
    const bad = await openBridge();
    bad.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await bad.closed).code).toBe(1007);

    for (const binary of [true, false]) {
      const big = await openBridge();
      big.socket.send(Buffer.alloc(MAX_AUDIO_CHUNK_BYTES + 1, 0x20), { binary });
      const reply: Json = await big.next((m) => m.kind === 'error');
      oneLine(reply.error);
      expect(reply.error).toMatch(/exceeds the 65536-byte limit/);
      expect((await big.closed).code).toBe(1009);
    }
    const big = await openTranscribe();
    big.socket.send(Buffer.alloc(MAX_AUDIO_CHUNK_BYTES + 2));
    expect(await big.nextOfType('error')).toMatchObject({ code: 'frame_too_large' });
    expect((await big.closed).code).toBe(1009);

    await bridgeStillServes();
    const good = await openTranscribe();
    good.send({ type: 'ping', timestamp: 1 });
    expect(await good.nextOfType('pong')).toMatchObject({ timestamp: 1 });
    good.send({ type: 'end_session' });
    expect((await good.closed).code).toBe(1000);
  });
});
