import type { AnswerResult } from '../../../../shared/domain';
import { describeLeft, useFinishingProgress } from '../live/useFinishingProgress';
import { useCoachStore } from '../../store';
import { countChangedWords } from '../result/transcriptChanges';
import { useTranscribeAgain } from '../result/useTranscribeAgain';
import type { LiveReport, ReportUpgrade } from '../../store/liveSlice';

type Props = { live: LiveReport | null; upgrade: ReportUpgrade | null };

/**
 * Where the answer's report stands, in one slot above it: built from the live transcript while the
 * final text is on its way (with the progress, small); upgraded to the final text (and how much that
 * changed); or kept because the final pass failed.
 */
export function ReportStatus({ live, upgrade }: Props) {
  if (live?.state === 'finishing') return <LiveReportNotice />;
  if (live?.state === 'failed') return <FinalPassFailed result={live.result} reason={live.failure ?? ''} />;
  if (!upgrade) return null;
  return (
    <p className="notice notice-info report-status report-upgraded" role="status">
      <span>
        <span className="notice-title">Final transcript ready: </span>
        {upgrade.changedWords === 0
          ? 'no words changed from the live transcript.'
          : `${upgrade.changedWords} ${upgrade.changedWords === 1 ? 'word' : 'words'} changed. The report now uses the final text.`}
      </span>
    </p>
  );
}

function LiveReportNotice() {
  const progress = useFinishingProgress();
  return (
    <div className="notice notice-info report-status report-live" role="status">
      <p>
        <span className="notice-title">Live transcript — the final text is on its way.</span> This report
        updates itself when it arrives.
      </p>
      <div className="report-live-progress">
        <progress
          className="finishing-bar"
          max={100}
          value={progress ? Math.round(progress.share * 100) : undefined}
          aria-label="Final transcript progress"
        />
        <span className="finishing-eta">{progress ? describeLeft(progress.leftMs) : 'Almost done'}</span>
      </div>
    </div>
  );
}

/** The answer was saved as not transcribed; this report of the live transcript is what there is. */
function FinalPassFailed({ result, reason }: { result: AnswerResult; reason: string }) {
  const finished = useCoachStore((s) => s.liveReportFinished);
  const {
    engineReady,
    working,
    failure,
    run: transcribe,
  } = useTranscribeAgain(result.answerId, (final) => {
    // Replaces the saved result the failed Stop returned; the session already counts it.
    useCoachStore.setState({ lastResult: final });
    finished(final, countChangedWords(result.words, final.words));
  });
  return (
    <div className="notice notice-error report-status report-failed" role="alert">
      <p className="notice-title">The final pass failed</p>
      <p className="notice-body">
        This report is from the live transcript, which may have mistakes. Your answer and its recording are
        saved as not transcribed: it has no score and does not count in your Trends until it is transcribed
        again.
      </p>
      <p className="notice-body not-transcribed-reason">{reason}</p>
      {failure && <p className="notice-body">{failure}</p>}
      <button
        type="button"
        className="button button-primary button-small"
        onClick={() => void transcribe()}
        disabled={!engineReady || working}
      >
        {working ? 'Transcribing…' : 'Transcribe again'}
      </button>
    </div>
  );
}
