import { useEffect, useState } from 'react';
import { useCoachStore } from '../../store';
import { formatClock, formatWpm } from '../../lib/format';

/** How often the elapsed-time chip re-renders while recording. */
const CLOCK_TICK_MS = 250;

function ElapsedChip() {
  const startedAt = useCoachStore((s) => s.recordingStartedAtMs);
  const stoppedAt = useCoachStore((s) => s.recordingStoppedAtMs);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (startedAt === null || stoppedAt !== null) return;
    const timer = setInterval(() => setNow(Date.now()), CLOCK_TICK_MS);
    return () => clearInterval(timer);
  }, [startedAt, stoppedAt]);

  const elapsedSec = startedAt === null ? 0 : Math.max(0, ((stoppedAt ?? now) - startedAt) / 1000);
  return (
    <li className="chip">
      <span className="chip-label">Time</span>
      <span className="chip-value tabular">{formatClock(elapsedSec)}</span>
    </li>
  );
}

function PaceChip() {
  const wpm = useCoachStore((s) => s.liveStats?.wordsPerMinute ?? null);
  return (
    <li className="chip">
      <span className="chip-label">Pace</span>
      <span className="chip-value tabular">
        {wpm !== null && wpm > 0 ? formatWpm(wpm) : '—'} <span className="chip-unit">wpm</span>
      </span>
    </li>
  );
}

function FillersChip() {
  const fillers = useCoachStore((s) => s.liveStats?.fillerCount ?? 0);
  return (
    <li className="chip">
      <span className="chip-label">Fillers</span>
      <span className="chip-value tabular">{fillers}</span>
    </li>
  );
}

function PausesChip() {
  const pauses = useCoachStore((s) => s.liveStats?.longPauseCount ?? 0);
  return (
    <li className="chip" title="Silences of 2 seconds or more between words">
      <span className="chip-label">Long pauses</span>
      <span className="chip-value tabular">{pauses}</span>
    </li>
  );
}

export function LiveChips({ showTime = true }: { showTime?: boolean }) {
  return (
    <ul className="chips" aria-label="Live statistics">
      {showTime && <ElapsedChip />}
      <PaceChip />
      <FillersChip />
      <PausesChip />
    </ul>
  );
}
