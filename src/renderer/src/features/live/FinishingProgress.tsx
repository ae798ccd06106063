import { useEffect } from 'react';
import { useCoachStore } from '../../store';
import { showLiveReport } from '../practice/answerRecorder';
import { describeLeft, formatSec, useFinishingProgress } from './useFinishingProgress';

/**
 * Where Enter is typing. Elsewhere it means "show the report now", even on a focused button: after a
 * click on Stop the focus is still on it, and Enter there would do nothing while Stop finishes.
 */
const TYPING = 'input, select, textarea, [contenteditable]';

type Props = {
  /** Offer "Show the report now" (the practice screen; a mock interview moves on by itself). */
  offerLiveReport?: boolean;
};

/**
 * After Stop: how much of the answer is still being transcribed, as a determinate bar that moves with
 * main's estimate, and the time left. Most answers have nothing left (every utterance was final
 * before Stop), and then it only says the report is being put together. Meanwhile the report of the
 * live transcript can be had at once (Enter), and upgrades itself when the final text arrives.
 */
export function FinishingProgress({ offerLiveReport = false }: Props) {
  const progress = useFinishingProgress();
  const requested = useCoachStore((s) => s.liveReportRequested);

  useEffect(() => {
    if (!offerLiveReport) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.repeat) return;
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (event.target instanceof Element && event.target.closest(TYPING)) return;
      event.preventDefault();
      void showLiveReport();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [offerLiveReport]);

  const button = offerLiveReport && (
    <button
      type="button"
      className="button button-secondary button-small live-report-button"
      onClick={() => void showLiveReport()}
      disabled={requested}
      aria-keyshortcuts="Enter"
    >
      {requested ? 'Building the report…' : 'Show the report with the live transcript now'}
      {!requested && <kbd aria-hidden="true">Enter</kbd>}
    </button>
  );

  if (!progress) {
    return (
      <div className="captions-overlay finishing" role="status">
        <div className="finishing-box">
          <span>
            <span className="spinner" aria-hidden="true" /> Preparing your report…
          </span>
          {button}
        </div>
      </div>
    );
  }
  return (
    <div className="captions-overlay finishing" role="status">
      <div className="finishing-box">
        <span>Finishing the transcript of your last {formatSec(progress.totalSec)}…</span>
        <progress
          className="finishing-bar"
          max={100}
          value={Math.round(progress.share * 100)}
          aria-label="Transcript progress"
        />
        <span className="finishing-eta">{describeLeft(progress.leftMs)}</span>
        {button}
      </div>
    </div>
  );
}
