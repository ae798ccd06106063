// Answer length against its target: long enough to tell a whole story, short enough to keep attention.
import type { LanguageAnalysis, TargetLength } from '../../shared/domain';

/** Most interview answers land best between one and two minutes. */
export const DEFAULT_TARGET: Readonly<TargetLength> = { minSec: 60, maxSec: 120 };

export function judgeLength(durationSec: number, target: TargetLength): LanguageAnalysis['length'] {
  const verdict = durationSec < target.minSec ? 'short' : durationSec > target.maxSec ? 'long' : 'on-target';
  return { durationSec, target, verdict };
}
