// /stt/stream: the STT streaming service's WebSocket, for clients written to its common description.
//   URL query        language (default en) · sample_rate (8000–192000, default 16000) · encoding
//                    (pcm16 | float32) · channels · question — checked before any audio is accepted
//   client → server  binary: audio in that format (or a stream that starts with a WAV header)
//                    text:   {"type":"end"} (or "end_session", "stop") · {"type":"ping"} · {"type":"session_info"}
//   server → client  session_started (session_id, language, sample_rate) · transcription (text,
//                    is_final, confidence, language, timestamp) · error (error, timestamp) · session_ended
// The same streaming session as /ws/transcribe underneath: only the wording differs.
import type WebSocket from 'ws';
import type { StreamFormat } from '../core/audio/streamDecoder';
import type { Word } from '../shared/domain';
import type { ServerLimits } from './limits';
import { ServerError } from './serverErrors';
import { serveStreamSocket, type StreamDialect } from './streamSocket';
import type { StreamSessionRegistry } from './streamSessions';

export const STT_STREAM_PATH = '/stt/stream';
export const DEFAULT_STT_LANGUAGE = 'en';

/** A language tag as the description uses them: "en", "de", "pt-BR", or "auto". */
const LANGUAGE_PATTERN = /^([a-z]{2,3}(-[A-Za-z0-9]{2,8})?|auto)$/;

export function parseSttLanguage(raw: string | null | undefined): string {
  const language = raw?.trim() || DEFAULT_STT_LANGUAGE;
  if (!LANGUAGE_PATTERN.test(language)) {
    throw new ServerError(
      'bad_request',
      `language must be a code like "en" or "pt-BR"; got "${language.slice(0, 40)}".`,
    );
  }
  return language;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const timestamp = (): string => new Date().toISOString();

/** The mean of the engine's word probabilities; null when it reported none. */
export function wordsConfidence(words: readonly Word[]): number | null {
  const known = words.flatMap((w) => (w.probability === undefined ? [] : [w.probability]));
  return known.length === 0 ? null : round3(known.reduce((a, b) => a + b, 0) / known.length);
}

function sttDialect(language: string): StreamDialect {
  return {
    name: STT_STREAM_PATH,
    errorMessage: (code, message) => ({ type: 'error', error: message, code, timestamp: timestamp() }),
    started: (s, { format }) => ({
      type: 'session_started',
      session_id: s.id,
      language,
      sample_rate: format.sampleRateHz,
      encoding: format.encoding,
      channels: format.channels,
      answer_id: s.answerId,
      timestamp: timestamp(),
    }),
    words: (s, words, isFinal) => ({
      type: 'transcription',
      session_id: s.id,
      text: words.map((w) => w.text).join(' '),
      is_final: isFinal,
      confidence: wordsConfidence(words),
      language,
      timestamp: timestamp(),
      start: round3(words[0]?.startSec ?? 0),
      end: round3(words.at(-1)?.endSec ?? 0),
    }),
    sessionInfo: (s) => ({ type: 'session_info', ...s.info(), language, timestamp: timestamp() }),
    ended: (s, ended) => [
      {
        type: 'session_ended',
        session_id: s.id,
        reason: ended.reason,
        saved: ended.result !== null,
        duration_sec: round3(s.audioSec),
        transcript: ended.result?.text ?? s.committedText,
        language,
        timestamp: timestamp(),
      },
    ],
  };
}

type Options = {
  registry: StreamSessionRegistry;
  limits: ServerLimits;
  language: string;
  question: string | null;
  format: StreamFormat;
  nowMs?: () => number;
  log: (line: string) => void;
};

export function serveSttSocket(socket: WebSocket, opts: Options): void {
  serveStreamSocket(socket, sttDialect(opts.language), { ...opts, sessionId: null });
}
