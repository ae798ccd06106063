import { useEffect, useState } from 'react';
import { formatClock, formatTarget } from '../../lib/format';
import { useCoachStore } from '../../store';
import { selectTarget } from '../../store/settingsSlice';

/** How often the timer re-renders while recording. */
const TICK_MS = 250;
/** The "30 seconds left" warning (the same moment as main's time-left nudge). */
export const TIME_LEFT_WARNING_SEC = 30;

export type TimerPhase = 'before-target' | 'in-target' | 'closing' | 'over';

export function timerPhase(elapsedSec: number, minSec: number, maxSec: number): TimerPhase {
  if (elapsedSec >= maxSec) return 'over';
  if (
    maxSec > TIME_LEFT_WARNING_SEC &&
    elapsedSec >= maxSec - TIME_LEFT_WARNING_SEC &&
    elapsedSec >= minSec
  ) {
    return 'closing';
  }
  return elapsedSec >= minSec ? 'in-target' : 'before-target';
}

const PHASE_LABEL: Record<TimerPhase, (left: number) => string> = {
  'before-target': () => 'Building up',
  'in-target': () => 'In the target range',
  closing: (left) => `${left} s left`,
  over: () => "Time's up — wrap up",
};

/** The answer's clock against its target length: a bar with the target range marked, and where you are. */
export function AnswerTimer() {
  const target = useCoachStore(selectTarget);
  const startedAt = useCoachStore((s) => s.recordingStartedAtMs);
  const stoppedAt = useCoachStore((s) => s.recordingStoppedAtMs);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (startedAt === null || stoppedAt !== null) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [startedAt, stoppedAt]);

  const elapsedSec = startedAt === null ? 0 : Math.max(0, ((stoppedAt ?? now) - startedAt) / 1000);
  const scaleSec = target.maxSec * 1.15;
  const phase = timerPhase(elapsedSec, target.minSec, target.maxSec);
  const pct = (sec: number) => `${Math.min(100, (sec / scaleSec) * 100).toFixed(2)}%`;
  return (
    <div
      className={`answer-timer phase-${phase}`}
      role="timer"
      aria-label={`Answer time against a ${formatTarget(target)} target`}
    >
      <div className="timer-readout">
        <span className="timer-clock tabular">{formatClock(elapsedSec)}</span>
        <span className="timer-target">/ {formatTarget(target)}</span>
        <span className="timer-phase">{PHASE_LABEL[phase](Math.ceil(target.maxSec - elapsedSec))}</span>
      </div>
      <div className="timer-track" aria-hidden="true">
        <span
          className="timer-range"
          style={{ left: pct(target.minSec), width: `calc(${pct(target.maxSec)} - ${pct(target.minSec)})` }}
        />
        <span className="timer-fill" style={{ width: pct(elapsedSec) }} />
      </div>
    </div>
  );
}
