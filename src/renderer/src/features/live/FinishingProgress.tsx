import { useEffect, useState } from 'react';
import { useCoachStore } from '../../store';

/** How often the bar and the countdown move between main's updates. */
const TICK_MS = 200;
/** The bar never claims to be done before main says so. */
const MAX_SHOWN_SHARE = 0.95;

/**
 * After Stop: how much of the answer is still being transcribed, as a determinate bar that moves with
 * main's estimate, and the time left. Most answers have nothing left (every utterance was final
 * before Stop), and then it only says the report is being put together.
 */
export function FinishingProgress() {
  const finishing = useCoachStore((s) => s.finishing);
  const [nowMs, setNowMs] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNowMs(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);

  if (!finishing || finishing.totalSec <= 0) {
    return (
      <div className="captions-overlay" role="status">
        <span className="spinner" aria-hidden="true" />
        Preparing your report…
      </div>
    );
  }
  const { remainingSec, totalSec, estimateMs, receivedAtMs } = finishing;
  const leftMs = Math.max(0, estimateMs - Math.max(0, nowMs - receivedAtMs));
  // Of what was left at this update, the share the estimate says is done by now.
  const doneOfRemaining = estimateMs > 0 ? 1 - leftMs / estimateMs : 1;
  const doneSec = totalSec - remainingSec + remainingSec * doneOfRemaining;
  const share = Math.min(MAX_SHOWN_SHARE, doneSec / totalSec);
  const leftSec = Math.ceil(leftMs / 1000);
  return (
    <div className="captions-overlay finishing" role="status">
      <div className="finishing-box">
        <span>Finishing the transcript of your last {formatSec(totalSec)}…</span>
        <progress
          className="finishing-bar"
          max={100}
          value={Math.round(share * 100)}
          aria-label="Transcript progress"
        />
        <span className="finishing-eta">{leftMs > 0 ? `About ${leftSec} s left` : 'Almost done'}</span>
      </div>
    </div>
  );
}

function formatSec(sec: number): string {
  return sec < 60 ? `${Math.round(sec)} s` : `${Math.floor(sec / 60)} min ${Math.round(sec % 60)} s`;
}
