import { plural } from '../../lib/format';
import { useCoachStore } from '../../store';
import { selectSetProgress } from '../../store/practiceSlice';
import { useShallow } from 'zustand/react/shallow';

/** Where the speaker is in the practice set: question n of N, how many answered, skip and end. */
export function SetProgress() {
  const progress = useCoachStore(useShallow(selectSetProgress));
  const skipQuestion = useCoachStore((s) => s.skipQuestion);
  const endPracticeSet = useCoachStore((s) => s.endPracticeSet);
  const busy = useCoachStore((s) => s.recording !== 'idle');
  const takes = useCoachStore((s) => s.activeSessionAnswerCount);
  if (!progress) return null;
  return (
    <div className="set-progress">
      <div className="set-progress-text">
        <p className="set-position">
          Question <strong>{progress.position}</strong> of {progress.total}
        </p>
        <p className="set-answered muted" aria-live="polite">
          {progress.answered} of {progress.total} answered
          {takes > 0 && <> · {plural(takes, 'take')}</>}
        </p>
      </div>
      <div
        className="set-bar"
        role="progressbar"
        aria-label="Answered in this set"
        aria-valuemin={0}
        aria-valuemax={progress.total}
        aria-valuenow={progress.answered}
      >
        <span className="set-bar-fill" style={{ width: `${(progress.answered / progress.total) * 100}%` }} />
      </div>
      <div className="set-actions">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={skipQuestion}
          disabled={busy}
        >
          Skip question
        </button>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={endPracticeSet}
          disabled={busy}
        >
          End set
        </button>
      </div>
    </div>
  );
}
