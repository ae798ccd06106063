// The portable bundle: one file (a tar) a client sends to a coach, holding the session's JSON export
// (transcripts with word timings, coaching reports, notes, rubric) and each answer's WAV, listed in a
// manifest with their sizes and SHA-256s. Import validates everything, refuses damaged or foreign files
// with a clear reason, and is idempotent: a session already in the database is not imported twice.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { QUESTION_KINDS, RUBRIC_CRITERIA, type RubricCriterion } from '../../shared/domain';
import type { DataPaths } from '../dataPaths';
import { isInside } from '../pathContainment';
import type { SessionStores } from '../storage/repositories';
import { upgradeLegacyReport } from '../coaching/legacyReport';
import { writeFileAtomic } from '../atomicWrite';
import { SESSION_EXPORT_FORMAT, SESSION_EXPORT_VERSION, type SessionExport } from './sessionExport';
import { readTar, TarError, writeTar } from './tarArchive';

export const BUNDLE_FORMAT = 'interview-coach.bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXTENSION = '.coach';
const MANIFEST = 'manifest.json';
const SESSION_JSON = 'session.json';
/** Refuse anything larger before reading it: 30 min of 16 kHz audio per answer is ~58 MB. */
export const MAX_BUNDLE_BYTES = 2 * 1024 ** 3;

export class BundleError extends Error {}

const uuid = z.string().uuid();
const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  version: z.literal(BUNDLE_VERSION),
  sessionId: uuid,
  createdAt: z.string(),
  files: z
    .array(
      z.object({
        path: z.string().regex(/^(session\.json|audio\/[0-9a-f-]{36}\.wav)$/),
        bytes: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .min(1),
});

const wordSchema = z.object({
  text: z.string(),
  startSec: z.number().min(0),
  endSec: z.number().min(0),
  probability: z.number().optional(),
});
const measuresShape = {
  durationSec: z.number().min(0),
  fillerCount: z.number().int().min(0),
  fillers: z.array(z.object({ wordIndex: z.number().int() }).loose()),
  longPauses: z.array(z.object({ startSec: z.number(), endSec: z.number(), durationSec: z.number() })),
};
// The coaching is the app's own output; it is kept as given and only has to be an object, except for the
// fields that go into SQLite columns, which must have their column's type.
const coachingSchema = z
  .object({
    score: z.object({ total: z.number() }).loose(),
    questionKind: z.enum(QUESTION_KINDS).nullable().optional(),
  })
  .loose();
const reportSchema = z
  .object({
    ...measuresShape,
    pace: z.object({ wordsPerMinute: z.number() }).loose(),
    coaching: coachingSchema.nullable(),
  })
  .loose();
/** Version 1 kept two reports per answer; they are read into the one report on import. */
const legacyReportsShape = {
  metrics: z.object({ ...measuresShape, wordsPerMinute: z.number() }).loose(),
  analysis: coachingSchema.nullable(),
};
const noteSchema = z.object({
  atSec: z.number().min(0),
  endSec: z.number().min(0).nullable(),
  wordStart: z.number().int().min(0).nullable(),
  wordEnd: z.number().int().min(0).nullable(),
  body: z.string().min(1).max(5000),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const answerShape = {
  answerId: uuid,
  position: z.number().int().min(1),
  questionText: z.string().max(2000),
  durationSec: z.number().min(0),
  text: z.string(),
  words: z.array(wordSchema),
  score: z.number().nullable(),
  rubric: z.partialRecord(z.enum(RUBRIC_CRITERIA), z.number().int().min(1).max(5)),
  notes: z.array(noteSchema),
  notTranscribed: z.string().max(2000).optional(),
};
const sessionShape = {
  format: z.literal(SESSION_EXPORT_FORMAT),
  exportedAt: z.string(),
  session: z.object({ id: uuid, title: z.string().min(1).max(500), startedAt: z.string() }).loose(),
};
const sessionExportSchema = z.union([
  z.object({
    ...sessionShape,
    version: z.literal(SESSION_EXPORT_VERSION),
    answers: z.array(z.object({ ...answerShape, report: reportSchema })),
  }),
  z
    .object({
      ...sessionShape,
      version: z.literal(1),
      answers: z.array(z.object({ ...answerShape, ...legacyReportsShape })),
    })
    .transform(({ answers, ...rest }) => ({
      ...rest,
      version: SESSION_EXPORT_VERSION,
      answers: answers.map(({ metrics, analysis, ...a }) => ({
        ...a,
        report: upgradeLegacyReport(metrics, analysis, a.words, a.durationSec),
      })),
    })),
]);

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Packs the export and the recordings it can find; answers without a recording travel without one. */
export function writeSessionBundle(file: string, data: SessionExport, audioPaths: Map<string, string>): void {
  writeFileAtomic(file, buildSessionBundle(data, audioPaths));
}

export function buildSessionBundle(data: SessionExport, audioPaths: Map<string, string>): Buffer {
  const entries = [{ path: SESSION_JSON, data: Buffer.from(JSON.stringify(data)) }];
  for (const answer of data.answers) {
    const audio = audioPaths.get(answer.answerId);
    if (audio && existsSync(audio))
      entries.push({ path: `audio/${answer.answerId}.wav`, data: readFileSync(audio) });
  }
  const manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    sessionId: data.session.id,
    createdAt: new Date().toISOString(),
    files: entries.map((e) => ({ path: e.path, bytes: e.data.length, sha256: sha256(e.data) })),
  };
  return writeTar([{ path: MANIFEST, data: Buffer.from(JSON.stringify(manifest, null, 2)) }, ...entries]);
}

function describe(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
    .join('; ');
}

export type ReadBundle = { data: SessionExport; audio: Map<string, Buffer> };

export function readSessionBundle(buf: Buffer, name = 'This file'): ReadBundle {
  const foreign = `${name} is not an Interview Coach session bundle`;
  let entries;
  try {
    entries = readTar(buf);
  } catch (err) {
    throw new BundleError(`${foreign} (${err instanceof TarError ? err.message : 'unreadable'}).`);
  }
  const files = new Map(entries.map((e) => [e.path, e.data]));
  const manifestBytes = files.get(MANIFEST);
  if (!manifestBytes || entries[0]?.path !== MANIFEST) throw new BundleError(`${foreign} (no manifest).`);
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(manifestBytes.toString('utf8'));
  } catch {
    throw new BundleError(`${foreign} (its manifest is not JSON).`);
  }
  const manifest = manifestSchema.safeParse(manifestJson);
  if (!manifest.success) throw new BundleError(`${foreign} (manifest: ${describe(manifest.error)}).`);

  const listed = new Set(manifest.data.files.map((f) => f.path));
  for (const e of entries) {
    if (e.path !== MANIFEST && !listed.has(e.path))
      throw new BundleError(`${name} is damaged: ${JSON.stringify(e.path)} is not in its manifest.`);
  }
  for (const f of manifest.data.files) {
    const data = files.get(f.path);
    if (!data) throw new BundleError(`${name} is damaged: ${JSON.stringify(f.path)} is missing.`);
    if (data.length !== f.bytes || sha256(data) !== f.sha256) {
      throw new BundleError(`${name} is damaged: ${JSON.stringify(f.path)} does not match its checksum.`);
    }
  }
  let sessionJson: unknown;
  try {
    sessionJson = JSON.parse(files.get(SESSION_JSON)?.toString('utf8') ?? 'null');
  } catch {
    throw new BundleError(`${name} is damaged: session.json is not JSON.`);
  }
  const parsed = sessionExportSchema.safeParse(sessionJson);
  if (!parsed.success)
    throw new BundleError(`${name} holds a session this version cannot read (${describe(parsed.error)}).`);
  if (parsed.data.session.id !== manifest.data.sessionId)
    throw new BundleError(`${name} is damaged: its manifest names another session.`);
  const data = parsed.data as unknown as SessionExport;
  const audio = new Map<string, Buffer>();
  for (const a of data.answers) {
    const wav = files.get(`audio/${a.answerId}.wav`);
    if (wav) audio.set(a.answerId, wav);
  }
  return { data, audio };
}

export type ImportResult = { status: 'imported' | 'already-imported'; sessionId: string; answers: number };

/** Adds the bundle's session to this data folder: recordings first, then the rows in one transaction. */
export function importSessionBundle(stores: SessionStores, paths: DataPaths, file: string): ImportResult {
  const name = path.basename(file);
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new BundleError(`${name} cannot be read: ${(err as Error).message}`);
  }
  if (size > MAX_BUNDLE_BYTES) throw new BundleError(`${name} is larger than any session bundle can be.`);
  return importBundleBytes(stores, paths, readFileSync(file), name);
}

export function importBundleBytes(
  stores: SessionStores,
  paths: DataPaths,
  bytes: Buffer,
  name: string,
): ImportResult {
  const { data, audio } = readSessionBundle(bytes, name);
  const sessionId = data.session.id;
  const { sessions: repo, notes } = stores;
  if (repo.sessionExists(sessionId))
    return { status: 'already-imported', sessionId, answers: data.answers.length };
  const clash = data.answers.find((a) => repo.answerExists(a.answerId));
  if (clash)
    throw new BundleError(`${name} holds answer ${clash.answerId}, which another session here already has.`);

  const dir = path.join(paths.audioDir, sessionId);
  if (!isInside(paths.audioDir, dir)) throw new BundleError(`${name} names an unusable session id.`);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  try {
    for (const [answerId, wav] of audio) {
      const target = path.join(dir, `${answerId}.wav`);
      writeFileSync(`${target}.tmp`, wav);
      renameSync(`${target}.tmp`, target);
      written.push(target);
    }
    repo.transaction(() => {
      repo.createSession({ id: sessionId, startedAt: data.session.startedAt, title: data.session.title });
      for (const a of [...data.answers].sort((x, y) => x.position - y.position)) {
        repo.createAnswer({
          id: a.answerId,
          sessionId,
          questionId: 'imported',
          questionText: a.questionText,
          startedAt: data.session.startedAt,
          audioPath: path.join(dir, `${a.answerId}.wav`),
          questionKind: a.report.coaching?.questionKind ?? null,
        });
        if (a.notTranscribed !== undefined) {
          // Still untranscribed here, with its recording: "Transcribe again" works after the import too.
          repo.saveUntranscribed(a.answerId, {
            durationSec: a.durationSec,
            reason: a.notTranscribed,
            liveWords: a.words,
          });
        } else {
          repo.completeAnswer(a.answerId, {
            durationSec: a.durationSec,
            words: a.words,
            text: a.text,
            report: a.report,
          });
        }
        for (const n of a.notes) notes.importNote(a.answerId, n);
        for (const [criterion, score] of Object.entries(a.rubric)) {
          notes.importRubricScore(a.answerId, criterion as RubricCriterion, score, data.exportedAt);
        }
      }
    });
  } catch (err) {
    for (const f of written) rmSync(f, { force: true });
    throw err;
  }
  return { status: 'imported', sessionId, answers: data.answers.length };
}
