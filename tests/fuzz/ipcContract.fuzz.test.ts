// Issue #7 "Nothing let in": every inbound IPC/bridge channel's validator takes random, malformed and
// oversized payloads without throwing, explains each refusal in one line naming the channel, and
// accepts every payload its schema describes (so the fuzzing is not just testing a wall).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLE_FAMILIES, RUBRIC_CRITERIA } from '../../src/shared/domain';
import { QUESTION_KINDS } from '../../src/shared/domain';
import {
  type InvokeChannel,
  type InvokeChannels,
  type SendChannel,
  type SendChannels,
} from '../../src/shared/ipcContract';
import {
  describeValidationError,
  invokeArgSchemas,
  MAX_AUDIO_CHUNK_BYTES,
  sendArgSchemas,
} from '../../src/shared/ipcSchemas';
import { EXPORT_FORMATS } from '../../src/shared/reviewSchemas';

/** zod's z.string().uuid() is RFC 9562 strict: version 1–8 and the 10xx variant. */
const uuid = fc.uuid({ version: [1, 4, 7] });
const text = (min: number, max: number) =>
  fc.string({ minLength: min, maxLength: max }).filter((s) => s.trim().length >= min);
const target = fc
  .tuple(fc.double({ min: 10, max: 600, noNaN: true }), fc.double({ min: 10, max: 600, noNaN: true }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ minSec: Math.min(a, b), maxSec: Math.max(a, b) }));
const isoDate = fc
  .date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString());
const bytes = (min: number, max: number, even = false) =>
  fc
    .integer({ min, max })
    .map((n) => (even ? n - (n % 2) || 2 : n))
    .map((n) => new ArrayBuffer(n));

const modelFileName = fc.stringMatching(/^ggml-[a-z0-9][a-z0-9._-]{0,40}\.bin$/);

type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never;

/** One arbitrary per channel, typed so a new channel without one fails the type-check. */
const validInvokeArgs: { [C in InvokeChannel]: fc.Arbitrary<ArgsOf<InvokeChannels[C]>> } = {
  'app:status': fc.constant([]),
  'questions:list': fc.constant([]),
  'answer:start': fc
    .record(
      {
        sessionId: uuid,
        questionId: fc.string({ minLength: 1, maxLength: 200 }),
        questionText: fc.string({ minLength: 1, maxLength: 2000 }),
        sampleRateHz: fc.constant(16_000 as const),
        target,
        keepNoHistory: fc.boolean(),
      },
      { requiredKeys: ['questionId', 'questionText', 'sampleRateHz'] },
    )
    .map((o) => [o]),
  'recording:import': fc
    .record(
      {
        importId: uuid,
        fileName: fc.string({ minLength: 1, maxLength: 255 }),
        filePath: fc.string({ minLength: 1, maxLength: 4096 }),
        questionId: fc.string({ minLength: 1, maxLength: 200 }),
        questionText: fc.string({ minLength: 1, maxLength: 2000 }),
        sessionId: uuid,
        target,
        keepNoHistory: fc.boolean(),
      },
      { requiredKeys: ['importId', 'fileName', 'filePath', 'questionId', 'questionText'] },
    )
    .map((o) => [o]),
  'recording:cancel-import': uuid.map((id) => [id]),
  'answer:stop': uuid.map((id) => [id]),
  'answer:live-report': uuid.map((id) => [id]),
  'answer:cancel': uuid.map((id) => [id]),
  'answer:retry-save': uuid.map((id) => [id]),
  'answer:transcribe-again': uuid.map((id) => [id]),
  'sessions:list': fc.constant([]),
  'session:get': uuid.map((id) => [id]),
  'questions:add-custom': fc
    .record(
      {
        text: text(5, 500),
        kind: fc.constantFrom(...QUESTION_KINDS),
        roles: fc.uniqueArray(fc.constantFrom(...ROLE_FAMILIES)),
        covers: fc.string({ maxLength: 1000 }),
        target,
      },
      { requiredKeys: ['text', 'kind'] },
    )
    .map((q) => [q]),
  'questions:delete-custom': fc.string({ minLength: 1, maxLength: 200 }).map((id) => [id]),
  'questions:practice-set': fc
    .record(
      {
        role: fc.constantFrom(...ROLE_FAMILIES, 'any' as const),
        count: fc.integer({ min: 1, max: 30 }),
        kinds: fc.array(fc.constantFrom(...QUESTION_KINDS), { maxLength: 4 }),
        order: fc.constantFrom('shuffle' as const, 'bank' as const),
        questionIds: fc.array(fc.string({ minLength: 1, maxLength: 200 }), { maxLength: 30 }),
      },
      { requiredKeys: ['role', 'count', 'order'] },
    )
    .map((o) => [o]),
  'settings:get': fc.constant([]),
  'settings:update': fc
    .record(
      {
        nudges: fc.record(
          {
            enabled: fc.boolean(),
            timeNudges: fc.boolean(),
            slowDownAboveWpm: fc.integer({ min: 100, max: 300 }),
            speedUpBelowWpm: fc.integer({ min: 40, max: 200 }),
            fillerBurstCount: fc.integer({ min: 2, max: 10 }),
            fillerBurstWindowSec: fc.double({ min: 5, max: 60, noNaN: true }),
            longSilenceSec: fc.double({ min: 2, max: 30, noNaN: true }),
            minSpacingSec: fc.double({ min: 3, max: 60, noNaN: true }),
            sameKindSpacingSec: fc.double({ min: 5, max: 180, noNaN: true }),
            encouragementAfterSec: fc.double({ min: 0, max: 300, noNaN: true }),
          },
          { requiredKeys: [] },
        ),
        practice: fc.record({ defaultTarget: target }, { requiredKeys: [] }),
      },
      { requiredKeys: [] },
    )
    .map((u) => [u]),
  'settings:reset': fc.constant([]),
  'history:list': fc
    .record(
      {
        sort: fc.constantFrom('date' as const, 'score' as const, 'duration' as const),
        direction: fc.constantFrom('asc' as const, 'desc' as const),
        from: isoDate,
        to: isoDate,
        role: fc.constantFrom(...ROLE_FAMILIES),
        kind: fc.constantFrom(...QUESTION_KINDS),
        minScore: fc.double({ min: 0, max: 100, noNaN: true }),
        maxScore: fc.double({ min: 0, max: 100, noNaN: true }),
        offset: fc.nat(),
        limit: fc.integer({ min: 1, max: 100 }),
      },
      { requiredKeys: [] },
    )
    .map((q) => [q]),
  'history:search': fc
    .record(
      { text: fc.string({ maxLength: 200 }), limit: fc.integer({ min: 1, max: 100 }) },
      { requiredKeys: ['text'] },
    )
    .map((q) => [q]),
  'answer:audio': uuid.map((id) => [id]),
  'review:get': uuid.map((id) => [id]),
  'notes:add': fc
    .record({
      answerId: uuid,
      atSec: fc.double({ min: 0, max: 24 * 3600, noNaN: true }),
      span: fc.option(fc.double({ min: 0, max: 24 * 3600, noNaN: true }), { nil: undefined }),
      words: fc.option(fc.tuple(fc.nat(), fc.nat()), { nil: undefined }),
      body: text(1, 5000),
    })
    .map(({ answerId, atSec, span, words, body }) => {
      const endSec = span === undefined ? null : Math.max(atSec, span);
      const [a, b] = words ?? [];
      return [
        {
          answerId,
          atSec,
          endSec,
          ...(a === undefined || b === undefined
            ? {}
            : { wordStart: Math.min(a, b), wordEnd: Math.max(a, b) }),
          body,
        },
      ];
    }),
  'notes:update': fc.tuple(fc.integer({ min: 1 }), fc.record({ body: text(1, 5000) })),
  'notes:delete': fc.integer({ min: 1 }).map((id) => [id]),
  'rubric:set': fc
    .record({
      answerId: uuid,
      criterion: fc.constantFrom(...RUBRIC_CRITERIA),
      score: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
    })
    .map((r) => [r]),
  'session:delete': uuid.map((id) => [id]),
  'answer:delete': uuid.map((id) => [id]),
  'data:usage': fc.constant([]),
  'history:trends': fc.constant([]),
  'session:export': fc.tuple(uuid, fc.constantFrom(...EXPORT_FORMATS)),
  'bundle:import': fc.tuple(bytes(1, 4096), fc.string({ minLength: 1, maxLength: 255 })),
  'models:list': fc.constant([]),
  'models:download': modelFileName.map((f) => [f]),
  'models:cancel-download': modelFileName.map((f) => [f]),
  'models:import': fc.string({ minLength: 1, maxLength: 300 }).map((p) => [`/tmp/${p}.bin`]),
  'models:delete': modelFileName.map((f) => [f]),
  'models:set-active': fc.option(modelFileName, { nil: null }).map((f) => [f]),
  'models:reload-engine': fc.constant([]),
  'recovery:notices': fc.constant([]),
  'recovery:dismiss': fc.array(uuid, { minLength: 1, maxLength: 20 }).map((ids) => [ids]),
};

const validSendArgs: { [C in SendChannel]: fc.Arbitrary<ArgsOf<SendChannels[C]>> } = {
  'audio:chunk': fc.tuple(uuid, bytes(2, MAX_AUDIO_CHUNK_BYTES, true)),
};

/** Everything a hostile or buggy renderer could put in one argument slot. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withSparseArray: true,
    withNullPrototype: true,
  }),
  fc.jsonValue(),
  fc.string({ unit: 'binary', maxLength: 64 }),
  // Huge strings: a validator must bound them without echoing them back.
  fc.integer({ min: 1_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, 2 ** 53, 1.5, -1, 0),
  // Odd-length and oversized buffers, views instead of buffers, shared memory.
  fc.integer({ min: 0, max: 3 * MAX_AUDIO_CHUNK_BYTES }).map((n) => new ArrayBuffer(n)),
  fc.uint8Array({ maxLength: 33 }),
  fc.integer({ min: 0, max: 64 }).map((n) => new SharedArrayBuffer(n)),
  fc.integer({ min: 0, max: 64 }).map((n) => Buffer.alloc(n)),
  fc.constant({ __proto__: null, then: 1 }),
  fc.constant(Object.create({ answerId: '00000000-0000-4000-8000-000000000000' })),
);

/** Wrong arities, wrong containers, or a valid payload with one argument or field spoiled. */
const hostileArgs = (valid: fc.Arbitrary<unknown[]>): fc.Arbitrary<unknown> =>
  fc.oneof(
    hostileValue,
    fc.array(hostileValue, { maxLength: 4 }),
    fc.array(fc.constant(0), { minLength: 5, maxLength: 10_000 }),
    fc.tuple(valid, fc.nat(), hostileValue).map(([args, i, v]) => {
      const out = [...args];
      out[args.length === 0 ? 0 : i % args.length] = v;
      return out;
    }),
    fc
      .tuple(valid, fc.string({ maxLength: 20 }), hostileValue)
      .map(([args, key, v]) =>
        args.map((a) => (a && typeof a === 'object' && !(a instanceof ArrayBuffer) ? { ...a, [key]: v } : a)),
      ),
    valid.map((args) => [...args, 'extra']),
    valid.map((args) => args.slice(0, -1)),
  );

type Schemas = Record<
  string,
  { safeParse: (v: unknown) => ReturnType<(typeof invokeArgSchemas)['app:status']['safeParse']> }
>;
const channels = [
  ...Object.keys(invokeArgSchemas).map((c) => ({
    channel: c,
    schema: (invokeArgSchemas as unknown as Schemas)[c]!,
    valid: validInvokeArgs[c as InvokeChannel] as fc.Arbitrary<unknown[]>,
  })),
  ...Object.keys(sendArgSchemas).map((c) => ({
    channel: c,
    schema: (sendArgSchemas as unknown as Schemas)[c]!,
    valid: validSendArgs[c as SendChannel] as fc.Arbitrary<unknown[]>,
  })),
];

// 26 channels: 500 hostile and 150 valid payloads each, ~17,000 inputs in all.
const HOSTILE_RUNS = 500;
const VALID_RUNS = 150;

describe.each(channels)('$channel', ({ channel, schema, valid }) => {
  it('refuses hostile payloads with one readable line naming the channel, and never throws', () => {
    fc.assert(
      fc.property(hostileArgs(valid), (raw) => {
        const parsed = schema.safeParse(raw);
        if (parsed.success) return;
        const message = describeValidationError(channel, parsed.error);
        expect(message.startsWith(`Invalid payload for ${channel}: `)).toBe(true);
        expect(message).not.toMatch(/[\n\r]/);
        // Bounded: the refusal explains, it does not echo a 300 KB string back.
        expect(message.length).toBeLessThan(2_000);
        expect(message.length).toBeGreaterThan(`Invalid payload for ${channel}: `.length);
      }),
      { numRuns: HOSTILE_RUNS },
    );
  });

  it('accepts every payload its schema describes', () => {
    fc.assert(
      fc.property(valid, (args) => {
        const parsed = schema.safeParse(args);
        if (!parsed.success) throw new Error(describeValidationError(channel, parsed.error));
      }),
      { numRuns: VALID_RUNS },
    );
  });
});
