// Bursts: several fillers within a few seconds. A cluster marks the moment the speaker lost their thread,
// which an interviewer notices far more than the same number of fillers spread over two minutes.
import type { FillerBurst } from '../../shared/domain';

/** This many fillers… */
export const BURST_MIN_FILLERS = 3;
/** …starting within this many seconds of each other make a burst. */
export const BURST_WINDOW_SEC = 8;

export type TimedFiller = { text: string; startSec: number };

/** Maximal runs of fillers where every BURST_MIN_FILLERS consecutive ones fit in BURST_WINDOW_SEC. */
export function findFillerBursts(
  fillers: readonly TimedFiller[],
  minFillers = BURST_MIN_FILLERS,
  windowSec = BURST_WINDOW_SEC,
): FillerBurst[] {
  const sorted = [...fillers].sort((a, b) => a.startSec - b.startSec);
  const dense = sorted.map(() => false);
  for (let i = 0; i + minFillers - 1 < sorted.length; i += 1) {
    if (sorted[i + minFillers - 1]!.startSec - sorted[i]!.startSec <= windowSec) {
      for (let k = i; k < i + minFillers; k += 1) dense[k] = true;
    }
  }
  const bursts: FillerBurst[] = [];
  let current: TimedFiller[] = [];
  const close = () => {
    if (current.length >= minFillers) {
      bursts.push({
        startSec: current[0]!.startSec,
        endSec: current.at(-1)!.startSec,
        count: current.length,
        texts: current.map((f) => f.text),
      });
    }
    current = [];
  };
  sorted.forEach((filler, i) => {
    const last = current.at(-1);
    // Two dense runs further apart than the window are separate bursts.
    if (!dense[i] || (last && filler.startSec - last.startSec > windowSec)) close();
    if (dense[i]) current.push(filler);
  });
  close();
  return bursts;
}
