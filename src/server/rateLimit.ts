// Per-connection rate limits for the WebSockets: how many messages a second, and how much audio a
// second. Token buckets: a client may burst (a reconnecting page, a file streamed a little faster
// than speech), but not keep up a flood that would starve the engine and the other clients.
import type { ServerLimits } from './limits';
import type { ErrorCode } from './serverErrors';

/** `ratePerSec` sustained, up to `capacity` at once. The clock is injectable for tests. */
export class TokenBucket {
  private tokens: number;
  private lastMs: number;

  constructor(
    readonly ratePerSec: number,
    readonly capacity: number,
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.tokens = capacity;
    this.lastMs = nowMs();
  }

  /** Takes `amount` if available; false (and nothing taken) if that would exceed the rate. */
  take(amount = 1): boolean {
    const now = this.nowMs();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.lastMs) / 1000) * this.ratePerSec);
    this.lastMs = now;
    if (amount > this.tokens) return false;
    this.tokens -= amount;
    return true;
  }
}

export type RateRefusal = {
  code: Extract<ErrorCode, 'rate_limited' | 'audio_rate_exceeded'>;
  message: string;
};

export type RateLimitedLimits = Pick<
  ServerLimits,
  'maxMessagesPerSec' | 'maxAudioBytesPerSec' | 'rateBurstSec'
>;

/** 16 kHz 16-bit mono: what one second of speech costs. */
const REAL_TIME_BYTES_PER_SEC = 32_000;

/**
 * The limiter of one connection: call it for every message received; null means go ahead, a refusal
 * means the connection has exceeded a limit (the caller reports it and closes the connection).
 */
export function connectionRateLimiter(
  limits: RateLimitedLimits,
  nowMs?: () => number,
): (frameBytes: number, isAudio: boolean) => RateRefusal | null {
  const messages = new TokenBucket(
    limits.maxMessagesPerSec,
    limits.maxMessagesPerSec * limits.rateBurstSec,
    nowMs,
  );
  const audio = new TokenBucket(
    limits.maxAudioBytesPerSec,
    limits.maxAudioBytesPerSec * limits.rateBurstSec,
    nowMs,
  );
  return (frameBytes, isAudio) => {
    if (!messages.take(1)) {
      return {
        code: 'rate_limited',
        message: `More than ${limits.maxMessagesPerSec} messages a second arrived on this connection, so it was closed. Send audio in 100–500 ms chunks and fewer control messages.`,
      };
    }
    if (isAudio && !audio.take(frameBytes)) {
      const factor = Math.round((limits.maxAudioBytesPerSec / REAL_TIME_BYTES_PER_SEC) * 10) / 10;
      return {
        code: 'audio_rate_exceeded',
        message: `Audio arrived faster than ${limits.maxAudioBytesPerSec} bytes a second (${factor}× real time), so the connection was closed and what was received was saved. Stream at the pace of speech, or POST the whole file to /api/transcribe.`,
      };
    }
    return null;
  };
}
