import { useEffect, useState } from 'react';
import { useCoachStore } from '../../store';

/** How often the bar and the countdown move between main's updates. */
const TICK_MS = 200;
/** The bar never claims to be done before main says so. */
const MAX_SHOWN_SHARE = 0.95;

export type FinishingView = {
  /** Seconds of audio Stop had left to transcribe. */
  totalSec: number;
  /** 0–1, moving with main's estimate between its updates. */
  share: number;
  leftMs: number;
};

/**
 * After Stop: how far the last passes are, from main's progress and time estimate, ticking between
 * updates. Null when nothing is left to transcribe (only the report is being put together).
 */
export function useFinishingProgress(): FinishingView | null {
  const finishing = useCoachStore((s) => s.finishing);
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  if (!finishing || finishing.totalSec <= 0) return null;
  const { remainingSec, totalSec, estimateMs, receivedAtMs } = finishing;
  const leftMs = Math.max(0, estimateMs - Math.max(0, nowMs - receivedAtMs));
  // Of what was left at this update, the share the estimate says is done by now.
  const doneOfRemaining = estimateMs > 0 ? 1 - leftMs / estimateMs : 1;
  const doneSec = totalSec - remainingSec + remainingSec * doneOfRemaining;
  return { totalSec, leftMs, share: Math.min(MAX_SHOWN_SHARE, doneSec / totalSec) };
}

export function describeLeft(leftMs: number): string {
  return leftMs > 0 ? `About ${Math.ceil(leftMs / 1000)} s left` : 'Almost done';
}

export function formatSec(sec: number): string {
  // No break inside "13 s": a wrapped unit reads as a typo.
  return sec < 60
    ? `${Math.round(sec)}\u00a0s`
    : `${Math.floor(sec / 60)}\u00a0min ${Math.round(sec % 60)}\u00a0s`;
}
