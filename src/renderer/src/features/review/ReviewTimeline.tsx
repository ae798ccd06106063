import type { KeyboardEvent, MouseEvent, RefObject } from 'react';
import type { CoachNote, FillerHit, Pause } from '../../../../shared/domain';
import { formatClock } from '../../lib/format';

type Props = {
  durationSec: number;
  fillers: readonly FillerHit[];
  pauses: readonly Pause[];
  notes: readonly CoachNote[];
  /** Moved by AnswerReview during playback (outside React). */
  playheadRef: RefObject<HTMLDivElement | null>;
  currentSec: number;
  onSeek: (sec: number) => void;
  onKey: (event: KeyboardEvent<HTMLDivElement>) => void;
  onNoteClick: (note: CoachNote) => void;
};

const percent = (sec: number, durationSec: number) =>
  `${Math.min(100, Math.max(0, (sec / Math.max(durationSec, 0.001)) * 100))}%`;

/** The answer's time line: fillers, long pauses and coach notes where they happened; click to seek. */
export function ReviewTimeline(props: Props) {
  const { durationSec, fillers, pauses, notes, playheadRef, currentSec, onSeek } = props;
  const seekFromClick = (event: MouseEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    if (box.width <= 0) return;
    onSeek(((event.clientX - box.left) / box.width) * durationSec);
  };
  return (
    <div className="review-timeline-wrap">
      <div
        className="review-timeline"
        role="slider"
        tabIndex={0}
        aria-label="Playback position"
        aria-valuemin={0}
        aria-valuemax={Math.round(durationSec)}
        aria-valuenow={Math.round(currentSec)}
        aria-valuetext={`${formatClock(currentSec)} of ${formatClock(durationSec)}`}
        onClick={seekFromClick}
        onKeyDown={props.onKey}
      >
        {pauses.map((p) => (
          <span
            key={`p${p.startSec}`}
            className="timeline-pause"
            style={{ left: percent(p.startSec, durationSec), width: percent(p.durationSec, durationSec) }}
            title={`Long pause, ${p.durationSec.toFixed(1)} s`}
          />
        ))}
        {fillers.map((f) => (
          <span
            key={`f${f.wordIndex}`}
            className="timeline-filler"
            style={{ left: percent(f.startSec, durationSec) }}
            title={`Filler “${f.text}” at ${formatClock(f.startSec)}`}
          />
        ))}
        <div
          className="timeline-playhead"
          ref={playheadRef}
          style={{ left: percent(currentSec, durationSec) }}
        />
      </div>
      {notes.length > 0 && (
        <div className="timeline-notes" aria-label="Notes on the time line">
          {notes.map((note) => (
            <button
              key={note.id}
              type="button"
              className="timeline-note"
              style={{ left: percent(note.atSec, durationSec) }}
              title={note.body}
              aria-label={`Note at ${formatClock(note.atSec)}: ${note.body}`}
              onClick={() => props.onNoteClick(note)}
            />
          ))}
        </div>
      )}
    </div>
  );
}
