// Process memory while a stream runs: RSS sampled every second, summarised as the peak overall and
// the peaks of the first and last minute, whose ratio shows whether memory stays flat.
import type { RssSummary } from './streamingReport';

const RSS_SAMPLE_MS = 1000;
/** RSS flatness compares the first and the last minute, so it needs streams at least two minutes long. */
const RSS_WINDOW_SEC = 60;

export type RssSample = { sec: number; mb: number };

/** Samples the process's RSS every second while a stream runs. */
export function startRssSampler(): () => RssSample[] {
  const started = performance.now();
  const samples: RssSample[] = [];
  const sample = () =>
    samples.push({ sec: (performance.now() - started) / 1000, mb: process.memoryUsage().rss / 2 ** 20 });
  sample();
  const timer = setInterval(sample, RSS_SAMPLE_MS);
  return () => {
    clearInterval(timer);
    sample();
    return samples;
  };
}

export function summariseRss(samples: RssSample[], audioSec: number): RssSummary {
  const peak = (xs: { mb: number }[]) => (xs.length ? Math.round(Math.max(...xs.map((s) => s.mb))) : null);
  const long = audioSec >= 2 * RSS_WINDOW_SEC;
  const first = long ? peak(samples.filter((s) => s.sec < RSS_WINDOW_SEC)) : null;
  const last = long ? peak(samples.filter((s) => s.sec >= audioSec - RSS_WINDOW_SEC)) : null;
  return {
    peakMb: peak(samples) ?? 0,
    firstMinutePeakMb: first,
    lastMinutePeakMb: last,
    growth: first && last ? Number(((last - first) / first).toFixed(4)) : null,
  };
}
