// Logistic regression by plain batch gradient descent with L2, on sparse rows: the filled-pause
// classifier (a dozen dense features, a few thousand runs) and the text filler classifiers (a few
// thousand binary context features, some hundred phrases each) need nothing more.
export type SparseRow = { indices: readonly number[]; values: readonly number[]; y: 0 | 1 };

export type FitOptions = {
  iterations: number;
  learningRate: number;
  l2: number;
  /** Weight of each positive row; the default weighs the classes equally (rare fillers are not drowned). */
  positiveWeight?: number;
};

export function fitLogistic(
  rows: readonly SparseRow[],
  dims: number,
  options: FitOptions,
): { weights: number[]; bias: number } {
  const positives = rows.reduce((s, r) => s + r.y, 0);
  const positiveWeight =
    options.positiveWeight ?? (positives > 0 ? (rows.length - positives) / positives : 1);
  const weights = new Array<number>(dims).fill(0);
  let bias = 0;
  for (let it = 0; it < options.iterations; it += 1) {
    const grad = new Array<number>(dims).fill(0);
    let gradBias = 0;
    let total = 0;
    for (const row of rows) {
      let z = bias;
      for (let k = 0; k < row.indices.length; k += 1) z += row.values[k]! * weights[row.indices[k]!]!;
      const p = 1 / (1 + Math.exp(-z));
      const w = row.y === 1 ? positiveWeight : 1;
      const err = (p - row.y) * w;
      for (let k = 0; k < row.indices.length; k += 1) grad[row.indices[k]!]! += err * row.values[k]!;
      gradBias += err;
      total += w;
    }
    for (let d = 0; d < dims; d += 1) {
      weights[d]! -= options.learningRate * (grad[d]! / total + options.l2 * weights[d]!);
    }
    bias -= options.learningRate * (gradBias / total);
  }
  return { weights, bias };
}

/**
 * The lowest threshold at which the rows scored at or above it keep `targetPrecision`: scanning from the
 * most confident down, the last probability where precision still holds.
 */
export function thresholdForPrecision(
  scored: readonly { p: number; y: boolean }[],
  targetPrecision: number,
  fallback = 0.5,
): number {
  const sorted = [...scored].sort((a, b) => b.p - a.p);
  let tp = 0;
  let fp = 0;
  let best = fallback;
  for (const { p, y } of sorted) {
    if (y) tp += 1;
    else fp += 1;
    if (tp / (tp + fp) >= targetPrecision) best = p;
  }
  return best;
}
