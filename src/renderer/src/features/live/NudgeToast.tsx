import { useState } from 'react';
import { useCoachStore } from '../../store';

/** The nudge fades out after this long (the CSS animation's duration uses the same value). */
export const NUDGE_VISIBLE_MS = 4000;

/** One glanceable piece of advice at a time; the newest replaces the previous one. */
export function NudgeToast() {
  const nudge = useCoachStore((s) => s.nudge);
  const [fadedId, setFadedId] = useState<number | null>(null);
  const visible = nudge !== null && nudge.id !== fadedId;

  return (
    <div className="nudge-slot" role="status" aria-live="polite">
      {visible && (
        <p
          key={nudge.id}
          className={`nudge nudge-${nudge.kind}`}
          style={{ animationDuration: `${NUDGE_VISIBLE_MS}ms` }}
          onAnimationEnd={() => setFadedId(nudge.id)}
        >
          <span className="nudge-dot" aria-hidden="true" />
          {nudge.message}
        </p>
      )}
    </div>
  );
}
