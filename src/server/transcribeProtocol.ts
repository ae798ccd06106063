// /ws/transcribe[/{session_id}]: the streaming protocol common real-time transcription clients speak.
//   URL query        sample_rate (8000–192000, default 16000) · encoding (pcm16 | float32) · channels ·
//                    question — checked before any audio is accepted
//   client → server  binary: audio in that format (or a stream that starts with a WAV header), any
//                    length up to the frame limit
//                    text:   {"type":"ping"} | {"type":"session_info"} | {"type":"end_session"}
//   server → client  connected · transcript (text, is_final, start, end, session_id; a final-pass
//                    revision adds `revision` and `replaces`) · metrics (pace, fillers) · pong ·
//                    session_info · error (code, message)
// Every session is one answer in PracticeService, so it is saved like a recording made in the app.
import type WebSocket from 'ws';
import type { AnswerResult, LiveStats, Word } from '../shared/domain';
import type { FinalUtterance } from '../core/streaming/utteranceFinalizer';
import type { ServerLimits } from './limits';
import { serveStreamSocket, type StreamDialect, type StreamSocketOptions } from './streamSocket';
import type { StreamSession } from './streamSessions';

export const TRANSCRIBE_PATH = '/ws/transcribe';

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function transcriptMessage(sessionId: string, words: Word[], isFinal: boolean) {
  return {
    type: 'transcript',
    session_id: sessionId,
    text: words.map((w) => w.text).join(' '),
    is_final: isFinal,
    start: round3(words[0]?.startSec ?? 0),
    end: round3(words.at(-1)?.endSec ?? 0),
    words: words.map((w) => ({ word: w.text, start: round3(w.startSec), end: round3(w.endSec) })),
  };
}

/**
 * An utterance's final-pass text: it replaces every `is_final` transcript sent so far for times within
 * [replaces.start, replaces.end), which the client should drop. Revisions count up from 1.
 */
function revisionMessage(sessionId: string, u: FinalUtterance, revision: number) {
  return {
    ...transcriptMessage(sessionId, u.words, true),
    start: round3(u.startSec),
    end: round3(u.endSec),
    revision,
    replaces: { start: round3(u.startSec), end: round3(u.endSec) },
  };
}

function liveMetricsMessage(sessionId: string, s: LiveStats) {
  return {
    type: 'metrics',
    session_id: sessionId,
    final: false,
    elapsed_sec: round3(s.elapsedSec),
    words_per_minute: Math.round(s.wordsPerMinute),
    filler_count: s.fillerCount,
    long_pause_count: s.longPauseCount,
    behind: s.behind,
  };
}

function finalMetricsMessage(sessionId: string, result: AnswerResult) {
  const m = result.report;
  return {
    type: 'metrics',
    session_id: sessionId,
    final: true,
    elapsed_sec: round3(m.durationSec),
    words_per_minute: Math.round(m.pace.wordsPerMinute),
    filler_count: m.fillerCount,
    fillers_per_minute: round3(m.transcriptFillersPerMinute),
    fillers: m.fillers.map((f) => ({
      text: f.text,
      kind: f.kind,
      start: round3(f.startSec),
      end: round3(f.endSec),
    })),
    long_pauses: m.longPauses.map((p) => ({ start: round3(p.startSec), end: round3(p.endSec) })),
    speaking_sec: round3(m.speakingSec),
    word_count: m.wordCount,
  };
}

/** The wire name of an encoding, as /ws/transcribe has always reported it. */
const WIRE_ENCODING = { pcm16: 'pcm_s16le', float32: 'pcm_f32le' } as const;

const transcribeDialect: StreamDialect = {
  name: '/ws/transcribe',
  errorMessage: (code, message) => ({ type: 'error', code, message }),
  started: (s, { limits, format }) => ({
    type: 'connected',
    session_id: s.id,
    practice_session_id: s.practiceSessionId,
    answer_id: s.answerId,
    audio: {
      encoding: WIRE_ENCODING[format.encoding],
      sample_rate: format.sampleRateHz,
      channels: format.channels,
    },
    limits: {
      max_frame_bytes: limits.maxFrameBytes,
      max_session_sec: limits.maxSessionSec,
      idle_timeout_sec: limits.idleTimeoutSec,
    },
  }),
  words: (s, words, isFinal) => transcriptMessage(s.id, words, isFinal),
  finalText: (s, u, revision) => revisionMessage(s.id, u, revision),
  liveMetrics: (s, stats) => liveMetricsMessage(s.id, stats),
  sessionInfo,
  ended: (s, ended, { droppedUpdates }) => [
    ...(ended.result ? [finalMetricsMessage(s.id, ended.result)] : []),
    {
      ...sessionInfo(s, { droppedUpdates }),
      state: 'ended',
      reason: ended.reason,
      saved: ended.result !== null,
      duration_sec: round3(s.audioSec),
      // The final text of every utterance: what the revisions added up to.
      transcript: ended.result?.text ?? s.committedText,
    },
  ],
};

function sessionInfo(s: StreamSession, extra: { droppedUpdates: number; limits?: ServerLimits }) {
  return {
    type: 'session_info',
    ...s.info(),
    dropped_updates: extra.droppedUpdates,
    ...(extra.limits
      ? {
          limits: {
            max_session_sec: extra.limits.maxSessionSec,
            idle_timeout_sec: extra.limits.idleTimeoutSec,
          },
        }
      : {}),
  };
}

/** `sessionId` comes from the URL (/ws/transcribe/{session_id}), or null for a new id. */
export function serveTranscribeSocket(socket: WebSocket, opts: StreamSocketOptions): void {
  serveStreamSocket(socket, transcribeDialect, opts);
}
