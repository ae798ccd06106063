// An axis that fits its data: round bounds a step beyond the values, and the ticks between them. The
// Trends charts and the PDF report's charts use it, so no value falls off a fixed axis.

export type Scale = { min: number; max: number; ticks: number[] };

export type ScaleOptions = {
  /** Values the axis must also show (a reference band's edges, say), beside the data. */
  include?: readonly number[];
  /** The axis never goes beyond these, e.g. [0, 100] for a score. */
  bounds?: readonly [number, number];
  /** The smallest span worth drawing, so a flat line is not blown up into noise. */
  minSpan?: number;
  /** About this many intervals between ticks. */
  intervals?: number;
};

/** 1, 2 or 5 times a power of ten: the step people read without effort. */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const power = 10 ** Math.floor(Math.log10(rough));
  const fraction = rough / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

export function fitScale(values: readonly (number | null)[], options: ScaleOptions = {}): Scale {
  const present = [...values, ...(options.include ?? [])].filter(
    (v): v is number => v !== null && Number.isFinite(v),
  );
  const [lowBound, highBound] = options.bounds ?? [-Infinity, Infinity];
  let lo = present.length ? Math.min(...present) : 0;
  let hi = present.length ? Math.max(...present) : 1;
  const minSpan = options.minSpan ?? 1;
  if (hi - lo < minSpan) {
    const middle = (hi + lo) / 2;
    lo = middle - minSpan / 2;
    hi = middle + minSpan / 2;
    // A flat line on the floor (no pauses at all) sits at the bottom, not in the middle of nothing.
    if (lo < lowBound) [lo, hi] = [lowBound, lowBound + minSpan];
  }
  const step = niceStep((hi - lo) / (options.intervals ?? 4));
  let min = Math.max(lowBound, Math.floor(lo / step) * step);
  let max = Math.min(highBound, Math.ceil(hi / step) * step);
  if (max <= min) max = min + step;
  min = Number(min.toFixed(10));
  max = Number(max.toFixed(10));
  const ticks: number[] = [];
  for (let t = Math.ceil(min / step) * step; t <= max + step / 1e6; t += step)
    ticks.push(Number(t.toFixed(10)));
  return { min, max, ticks };
}
