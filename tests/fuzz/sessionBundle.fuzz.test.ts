// Issue #7 "Nothing let in": a session bundle is a file from someone else. Random bytes, damaged
// copies of a real bundle, and well-checksummed bundles carrying hostile session JSON must each be
// imported or refused with a BundleError naming the file, never with a TypeError or a SQLite error.
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataPaths } from '../../src/core/dataPaths';
import { exportSessionBytes } from '../../src/core/export/exportSession';
import { BundleError, importBundleBytes, readSessionBundle } from '../../src/core/export/sessionBundle';
import { readTar, writeTar } from '../../src/core/export/tarArchive';
import { openDatabase } from '../../src/core/storage/database';
import { createRepositories } from '../../src/core/storage/repositories';
import { NoteRepository } from '../../src/core/storage/noteRepository';
import { SessionRepository } from '../../src/core/storage/sessionRepository';
import { tempDir } from '../helpers/fixtures';
import { saveSession } from '../helpers/savedSession';

const NAME = 'fuzz.coach';

function expectClearRefusal(err: unknown, oneLine = true): void {
  if (!(err instanceof BundleError)) throw err;
  expect(err.message).toContain(NAME);
  if (oneLine) expect(err.message).not.toMatch(/[\n\r]/);
  expect(err.message.length).toBeLessThan(2_000);
}

/** A real bundle, exported from a real saved session with notes, a rubric score and recordings. */
async function realBundle(): Promise<Buffer> {
  const paths = dataPaths(tempDir('coach-fuzz-bundle-src-'));
  const db = openDatabase(paths.dbPath);
  const { sessionId, answerIds } = saveSession(new SessionRepository(db), {
    startedAt: '2026-03-01T10:00:00.000Z',
    title: 'Fuzz source',
    audioDir: paths.audioDir,
    answers: [{ text: 'So um I led the billing rewrite.', score: 72 }, { text: 'I would ask first.' }],
  });
  for (const id of answerIds) {
    const file = path.join(paths.audioDir, sessionId, `${id}.wav`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(1500, id.charCodeAt(0))]));
  }
  const notes = new NoteRepository(db);
  notes.addNote({
    answerId: answerIds[0]!,
    atSec: 1.2,
    wordStart: 3,
    wordEnd: 4,
    body: 'Lead with the result',
  });
  notes.setRubricScore(answerIds[0]!, 'clarity', 4);
  const { bytes } = await exportSessionBytes(createRepositories(db), paths, sessionId, '.coach', undefined);
  db.close();
  return bytes;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Rewrites a bundle around new session JSON, with a manifest whose sizes and checksums match it. */
function repack(original: Buffer, session: unknown, renameIds: boolean): Buffer {
  const entries = readTar(original);
  const manifest = JSON.parse(entries[0]!.data.toString('utf8')) as {
    sessionId: string;
    files: { path: string; bytes: number; sha256: string }[];
  };
  let json = JSON.stringify(session);
  const rest = entries.slice(1).filter((e) => e.path !== 'session.json');
  if (renameIds) {
    // Fresh ids for every case, so each import really inserts rather than finding it already there.
    const ids = new Map<string, string>();
    json = json.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, (id) => {
      if (!ids.has(id)) ids.set(id, randomUUID());
      return ids.get(id)!;
    });
    manifest.sessionId = ids.get(manifest.sessionId) ?? manifest.sessionId;
    for (const e of rest) e.path = e.path.replace(/[0-9a-f-]{36}/, (id) => ids.get(id) ?? id);
  }
  const files = [{ path: 'session.json', data: Buffer.from(json) }, ...rest];
  manifest.files = files.map((f) => ({ path: f.path, bytes: f.data.length, sha256: sha256(f.data) }));
  return writeTar([{ path: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }, ...files]);
}

describe('session bundle import', () => {
  let bundle: Buffer;
  let session: Record<string, unknown>;
  beforeAll(async () => {
    bundle = await realBundle();
    session = JSON.parse(
      readTar(bundle)
        .find((e) => e.path === 'session.json')!
        .data.toString('utf8'),
    ) as Record<string, unknown>;
  });

  it('reads the untouched bundle', () => {
    expect(readSessionBundle(bundle, NAME).data.answers).toHaveLength(2);
  });

  it('refuses random bytes and random tar-like files clearly', () => {
    const tarHeader = (name: string, size: string) => {
      const h = Buffer.alloc(512);
      h.write(name, 0, 'utf8');
      h.write(size, 124, 'ascii');
      h.write('ustar\0', 257, 'ascii');
      let sum = 0;
      for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
      h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'ascii');
      return h;
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
          // Valid header checksums around hostile names and sizes reach past the tar reader's first check.
          fc
            .tuple(
              fc.string({ unit: 'binary', maxLength: 99 }),
              fc.oneof(fc.stringMatching(/^[0-7]{1,11}$/), fc.string({ maxLength: 11 })),
              fc.uint8Array({ maxLength: 1024 }),
            )
            .map(([name, size, body]) => Buffer.concat([tarHeader(name, size), body])),
        ),
        (bytes) => {
          try {
            readSessionBundle(bytes, NAME);
          } catch (err) {
            expectClearRefusal(err);
          }
        },
      ),
      { numRuns: 1_500 },
    );
  });

  // Found by the test above: entry names used to be echoed raw, newlines included, into messages.
  it('keeps a refusal on one line when an entry name holds a newline', () => {
    const cut = writeTar([{ path: 'evil\nname', data: Buffer.alloc(1000) }]).subarray(0, 700);
    try {
      readSessionBundle(cut, NAME);
    } catch (err) {
      expectClearRefusal(err);
      return;
    }
    throw new Error('a cut-short archive was accepted');
  });

  // Found by fuzzing: `analysis.questionKind` went straight into SQLite, so an object there escaped as
  // better-sqlite3's TypeError instead of a BundleError.
  it('refuses an analysis whose questionKind is not a string clearly', () => {
    const paths = dataPaths(tempDir('coach-fuzz-bundle-kind-'));
    const db = openDatabase(paths.dbPath);
    try {
      for (const kind of [{}, [1], true, 3]) {
        const copy = structuredClone(session) as { answers: { analysis: Record<string, unknown> | null }[] };
        copy.answers[0]!.analysis = {
          ...(copy.answers[0]!.analysis ?? { score: { total: 1 } }),
          questionKind: kind,
        };
        try {
          importBundleBytes(createRepositories(db), paths, repack(bundle, copy, true), NAME);
        } catch (err) {
          expectClearRefusal(err);
        }
      }
    } finally {
      db.close();
    }
  });

  it('refuses truncated and bit-flipped copies of a real bundle clearly', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: bundle.length }), { nil: undefined }),
        fc.array(fc.record({ at: fc.nat({ max: bundle.length - 1 }), bit: fc.nat({ max: 7 }) }), {
          maxLength: 4,
        }),
        (cut, flips) => {
          const bytes = Buffer.from(bundle);
          for (const f of flips) bytes[f.at]! ^= 1 << f.bit;
          try {
            readSessionBundle(cut === undefined ? bytes : bytes.subarray(0, cut), NAME);
          } catch (err) {
            expectClearRefusal(err);
          }
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it('imports or clearly refuses well-checksummed bundles with hostile session JSON', () => {
    const paths = dataPaths(tempDir('coach-fuzz-bundle-dst-'));
    const db = openDatabase(paths.dbPath);
    const junk = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(null, -1, 0, 1.5, 1e308, '', 'x'.repeat(6000), [], {}, '../../etc', 'structure'),
    );
    /** Replaces the value at a random path (1–4 levels deep) with junk, or adds a junk key there. */
    const spoiled = fc.tuple(
      fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
      junk,
      fc.boolean(),
      fc.string({ maxLength: 12 }),
    );
    try {
      fc.assert(
        fc.property(fc.array(spoiled, { maxLength: 3 }), (spoils) => {
          const copy = structuredClone(session) as unknown;
          for (const [steps, value, addKey, key] of spoils) {
            let node = copy as Record<string, unknown>;
            for (let i = 0; i < steps.length; i++) {
              const keys = Object.keys(node);
              if (keys.length === 0) break;
              const k = keys[steps[i]! % keys.length]!;
              const last = i === steps.length - 1;
              const child = node[k];
              if (last || child === null || typeof child !== 'object') {
                if (addKey && !Array.isArray(node)) node[key] = value;
                else node[k] = value;
                break;
              }
              node = child as Record<string, unknown>;
            }
          }
          try {
            const result = importBundleBytes(createRepositories(db), paths, repack(bundle, copy, true), NAME);
            expect(result.status).toBe('imported');
          } catch (err) {
            expectClearRefusal(err);
          }
        }),
        { numRuns: 400 },
      );
    } finally {
      db.close();
    }
  });
});
