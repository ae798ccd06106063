// Streaming over plain HTTP: each request carries a chunk of audio for a session (opened by its first
// chunk), and the last one ends and saves it. Shared by POST /api/stream-chunk and /stt/stream-chunk.
import type { StreamFormat } from '../core/audio/streamDecoder';
import type { ServerLimits } from './limits';
import { ServerError } from './serverErrors';
import type { EndedStream, StreamSession, StreamSessionRegistry } from './streamSessions';

export type AudioChunk = {
  sessionId: string | null;
  question: string | null;
  /** The format the request declares; a session keeps the one its first chunk declared. */
  format: StreamFormat;
  /** Whether the request named a format at all (else the session's own is used). */
  formatDeclared: boolean;
  audio: Buffer;
  isFinal: boolean;
  /** Each chunk is a file of its own and may start with its own WAV header. */
  chunkIsFile?: boolean;
};

const sameFormat = (a: StreamFormat, b: StreamFormat): boolean =>
  a.sampleRateHz === b.sampleRateHz && a.encoding === b.encoding && a.channels === b.channels;

/** Adds a chunk to its session (opening it on the first), and ends it on the final chunk. */
export async function takeChunk(
  registry: StreamSessionRegistry,
  limits: Pick<ServerLimits, 'maxSessionSec'>,
  chunk: AudioChunk,
): Promise<{ session: StreamSession; ended: EndedStream | null }> {
  if (chunk.audio.byteLength === 0 && !chunk.isFinal) {
    throw new ServerError(
      'bad_audio',
      'The chunk holds no audio; send audio, or mark it final to end the session.',
    );
  }
  let session = chunk.sessionId ? registry.get(chunk.sessionId) : undefined;
  if (session && session.transport !== 'http') {
    throw new ServerError('session_in_use', `Session ${session.id} is streaming over a WebSocket.`);
  }
  if (
    session &&
    chunk.formatDeclared &&
    !session.decoder.wavHeader &&
    !sameFormat(session.decoder.format, chunk.format)
  ) {
    const f = session.decoder.format;
    throw new ServerError(
      'bad_audio_format',
      `Session ${session.id} streams ${f.encoding} at ${f.sampleRateHz} Hz (${f.channels} channel(s)); a session keeps the format of its first chunk.`,
    );
  }
  const opened = !session;
  session ??= await registry.open({
    id: chunk.sessionId,
    transport: 'http',
    question: chunk.question,
    format: chunk.format,
  });
  registry.touch(session);
  if (chunk.audio.byteLength > 0) {
    if (chunk.chunkIsFile) session.decoder.expectHeader();
    let taken: boolean;
    try {
      taken = await registry.pushEncoded(session, chunk.audio);
    } catch (err) {
      // A first chunk that is not audio leaves no session (nor empty answer) behind.
      if (opened && session.audioBytes === 0) await registry.end(session, 'client');
      throw err;
    }
    if (!taken) {
      await session.ending;
      throw new ServerError(
        'max_duration',
        `Session ${session.id} reached the ${limits.maxSessionSec} s limit; it was ended and saved.`,
      );
    }
  }
  if (!chunk.isFinal) return { session, ended: null };
  return { session, ended: await registry.end(session, 'client') };
}
