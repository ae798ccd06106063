// Every limit the local server enforces, in one place, printed when it starts. Each one has a
// clear error (see serverErrors.ts) so a client knows what it hit and what to do.
import { MAX_AUDIO_CHUNK_BYTES } from '../shared/ipcSchemas';

export type ServerLimits = {
  /** Open WebSockets (app bridge and streaming clients together). */
  maxConnections: number;
  /**
   * Answers streaming at once across the whole server, however they arrive: /ws/transcribe and HTTP
   * chunk sessions and answers recorded over the app bridge (/ws/api) share this one cap. An answer
   * holds its place from its start until it has been saved or cancelled.
   */
  maxStreams: number;
  /** Messages (text or binary) one WebSocket may send per second, sustained. */
  maxMessagesPerSec: number;
  /** Audio bytes one WebSocket may send per second, sustained (32 000 is real time). */
  maxAudioBytesPerSec: number;
  /** Both rates may be exceeded in a burst of this many seconds' worth. */
  rateBurstSec: number;
  /** One WebSocket message; 64 KiB is 2 s of 16 kHz 16-bit audio. */
  maxFrameBytes: number;
  /** Audio per streaming session or upload, and a streaming session's wall-clock life. */
  maxSessionSec: number;
  /** A streaming session that receives nothing (no audio, no message, no chunk) this long is ended and saved. */
  idleTimeoutSec: number;
  /** WebSocket ping interval; a peer that has not answered the previous ping is dropped. */
  heartbeatSec: number;
  /** Replaceable updates (tentative captions, live metrics) are skipped while more than this is queued for a client. */
  droppableAfterBytes: number;
  /** A client that lets more than this pile up unread is disconnected: the server never buffers without bound. */
  maxBufferedBytes: number;
  /** Body of one POST /api/stream-chunk (raw PCM; JSON bodies may be a third larger for base64). */
  maxChunkBytes: number;
  /** Body of one POST /api/transcribe (a compressed or WAV recording). */
  maxUploadBytes: number;
};

const KIB = 1024;
const MIB = 1024 * KIB;

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxConnections: 16,
  maxStreams: 4,
  maxMessagesPerSec: 50,
  // 8× real time: a file may be streamed faster than speech, a flood may not.
  maxAudioBytesPerSec: 8 * 32_000,
  rateBurstSec: 4,
  maxFrameBytes: MAX_AUDIO_CHUNK_BYTES,
  maxSessionSec: 30 * 60,
  idleTimeoutSec: 30,
  heartbeatSec: 15,
  droppableAfterBytes: 256 * KIB,
  maxBufferedBytes: 4 * MIB,
  maxChunkBytes: 1 * MIB,
  maxUploadBytes: 256 * MIB,
};

/**
 * Above this, ws itself closes the connection (1009) without reading the frame. Between
 * maxFrameBytes and this, the server reads the frame only to answer with a readable error.
 */
export const hardFrameCapBytes = (limits: ServerLimits): number => Math.max(4 * limits.maxFrameBytes, MIB);

export function describeLimits(limits: ServerLimits): string {
  return Object.entries(limits)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}
