import { describe, expect, it } from 'vitest';
import {
  describeValidationError,
  invokeArgSchemas,
  MAX_AUDIO_CHUNK_BYTES,
  sendArgSchemas,
} from '../../src/shared/ipcSchemas';

const uuid = '8a1f6c2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b';

describe('IPC contract validation', () => {
  it('accepts a well-formed start request and audio chunk', () => {
    expect(
      invokeArgSchemas['answer:start'].safeParse([
        { questionId: 'q1', questionText: 'Why?', sampleRateHz: 16000 },
      ]).success,
    ).toBe(true);
    expect(sendArgSchemas['audio:chunk'].safeParse([uuid, new ArrayBuffer(6400)]).success).toBe(true);
  });

  it.each([
    ['a non-uuid answer id', ['not-an-id', new ArrayBuffer(10)], /answerId|Invalid/i],
    ['a typed array instead of an ArrayBuffer', [uuid, new Int16Array(10)], /ArrayBuffer/],
    ['an odd byte count', [uuid, new ArrayBuffer(7)], /whole 16-bit samples/],
    ['an empty chunk', [uuid, new ArrayBuffer(0)], /empty/],
    ['an oversized chunk', [uuid, new ArrayBuffer(MAX_AUDIO_CHUNK_BYTES + 2)], /exceeds/],
    ['missing arguments', [uuid], /Invalid|expected/i],
  ])('rejects %s with a readable message', (_name, args, pattern) => {
    const r = sendArgSchemas['audio:chunk'].safeParse(args);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeValidationError('audio:chunk', r.error)).toMatch(pattern);
  });

  it('refuses audio at any other sample rate, saying which one it needs', () => {
    const r = invokeArgSchemas['answer:start'].safeParse([
      { questionId: 'q1', questionText: 'Why?', sampleRateHz: 48000 },
    ]);
    expect(r.success).toBe(false);
    if (!r.success)
      expect(describeValidationError('answer:start', r.error)).toMatch(
        /sampleRateHz: audio must be .*16000 Hz/,
      );
  });

  it('rejects malformed invoke payloads', () => {
    expect(invokeArgSchemas['answer:start'].safeParse([{ questionId: '', questionText: 'x' }]).success).toBe(
      false,
    );
    expect(
      invokeArgSchemas['answer:start'].safeParse([{ questionId: 'q', questionText: 'x'.repeat(5000) }])
        .success,
    ).toBe(false);
    expect(invokeArgSchemas['answer:stop'].safeParse([42]).success).toBe(false);
    expect(invokeArgSchemas['session:get'].safeParse(['../../etc/passwd']).success).toBe(false);
    expect(invokeArgSchemas['sessions:list'].safeParse([{ extra: true }]).success).toBe(false);
  });

  it('keeps the speech model out of settings:update: only models:set-active may change it', () => {
    const update = invokeArgSchemas['settings:update'];
    expect(update.safeParse([{ speech: { language: 'fr' } }]).success).toBe(true);
    expect(update.safeParse([{ nudges: { enabled: false } }]).success).toBe(true);
    const r = update.safeParse([{ speech: { model: 'ggml-tiny.bin' } }]);
    expect(r.success).toBe(false);
    if (!r.success) expect(describeValidationError('settings:update', r.error)).toMatch(/model/);
    expect(update.safeParse([{ speech: { language: 'en', model: null } }]).success).toBe(false);
  });
});
