// The files behind saved sessions: reading an answer's recording for the review player, deleting a
// session with its audio, and how much space the data folder takes. Paths come from the database,
// so every one is checked to be inside the data folder's audio/ before it is read or removed.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataPaths } from '../dataPaths';
import type { DataUsage } from '../../shared/domain';
import { isInside } from '../pathContainment';
import type { SessionRepository } from './sessionRepository';

export class MissingRecordingError extends Error {}

/** The answer's WAV file as bytes, for a Blob URL in the renderer. */
export async function readAnswerAudio(
  sessions: SessionRepository,
  paths: DataPaths,
  answerId: string,
): Promise<ArrayBuffer> {
  const file = sessions.answerAudioPath(answerId);
  if (!file || !isInside(paths.audioDir, file) || !existsSync(file)) {
    throw new MissingRecordingError(`No saved recording for answer ${answerId}.`);
  }
  const bytes = await readFile(file);
  // A copy that owns exactly its bytes: a Buffer may view a slice of a larger pool.
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Deletes a session, its answers, notes and scores (cascade), then its recordings. */
export function deleteSessionWithAudio(
  sessions: SessionRepository,
  paths: DataPaths,
  sessionId: string,
): boolean {
  const files = sessions.sessionAudioPaths(sessionId);
  if (!sessions.deleteSession(sessionId)) return false;
  // After the rows are gone: a crash in between leaves orphan files, never rows without audio.
  for (const file of files) if (isInside(paths.audioDir, file)) rmSync(file, { force: true });
  const dir = path.join(paths.audioDir, sessionId);
  if (isInside(paths.audioDir, dir)) rmSync(dir, { recursive: true, force: true });
  return true;
}

/** Deletes one answer (its notes and scores cascade), then its recording; a session left empty goes too. */
export function deleteAnswerWithAudio(
  sessions: SessionRepository,
  paths: DataPaths,
  answerId: string,
): boolean {
  const answer = sessions.getAnswer(answerId);
  if (!answer) return false;
  sessions.deleteAnswer(answerId);
  if (answer.audioPath && isInside(paths.audioDir, answer.audioPath))
    rmSync(answer.audioPath, { force: true });
  sessions.deleteSessionIfEmpty(answer.sessionId);
  return true;
}

function folderBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

function fileBytes(file: string): number {
  return existsSync(file) ? statSync(file).size : 0;
}

export function dataUsage(sessions: SessionRepository, paths: DataPaths): DataUsage {
  const databaseBytes =
    fileBytes(paths.dbPath) + fileBytes(`${paths.dbPath}-wal`) + fileBytes(`${paths.dbPath}-shm`);
  const audioBytes = folderBytes(paths.audioDir);
  const modelsBytes = folderBytes(paths.modelsDir);
  return {
    dataDir: paths.dataDir,
    sessionCount: sessions.countSessions(),
    databaseBytes,
    audioBytes,
    modelsBytes,
    totalBytes: folderBytes(paths.dataDir),
  };
}
