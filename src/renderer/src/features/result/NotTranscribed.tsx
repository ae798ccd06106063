import type { AnswerResult } from '../../../../shared/domain';
import { useTranscribeAgain } from './useTranscribeAgain';

type Props = {
  result: AnswerResult & { notTranscribed: { reason: string } };
  /** The answer, transcribed and scored, once "Transcribe again" worked. */
  onTranscribed: (result: AnswerResult) => void;
};

/**
 * An answer the speech engine failed on: its recording is saved, but there is nothing to score, and it is
 * never presented as silence. "Transcribe again" runs the final pass over the recording once the engine
 * works again (after "Try again" in the engine notice).
 */
export function NotTranscribed({ result, onTranscribed }: Props) {
  const {
    engineReady,
    working,
    failure,
    run: transcribe,
  } = useTranscribeAgain(result.answerId, onTranscribed);
  const seconds = Math.round(result.report.durationSec);

  return (
    <section className="card not-transcribed notice notice-error" role="alert" aria-label="Not transcribed">
      <div>
        <p className="notice-title">The speech engine failed on this answer</p>
        <p className="notice-body">
          Your recording ({seconds} s) is saved, but it was not transcribed, so it has no transcript or scores
          yet. It does not count in your Trends.
        </p>
        <p className="notice-body not-transcribed-reason">{result.notTranscribed.reason}</p>
        {failure && <p className="notice-body">{failure}</p>}
        {!engineReady && (
          <p className="notice-body">
            Load the speech engine again first (“Try again” on the Practice screen), then transcribe this
            answer.
          </p>
        )}
        <button
          type="button"
          className="button button-primary button-small"
          onClick={() => void transcribe()}
          disabled={!engineReady || working}
        >
          {working ? 'Transcribing…' : 'Transcribe again'}
        </button>
      </div>
    </section>
  );
}
