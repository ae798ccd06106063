import type { ReactNode } from 'react';
import type { AnswerResult } from '../../../../core/domain';
import { MetricsCards } from './MetricsCards';
import { TranscriptView } from './TranscriptView';
import './result.css';

type Props = {
  result: AnswerResult;
  /** Heading level for "Transcript", so the view fits under the page's own headings. */
  headingLevel?: 2 | 3 | 4;
  actions?: ReactNode;
};

/** One answer's metrics and transcript; used after recording and in a saved session. */
export function AnswerResultView({ result, headingLevel = 3, actions }: Props) {
  const Heading = `h${headingLevel}` as const;
  return (
    <div className="answer-result">
      <MetricsCards metrics={result.metrics} />
      <section className="card transcript-card" aria-label="Transcript">
        <div className="transcript-head">
          <Heading className="section-title">Transcript</Heading>
          <p className="transcript-legend" aria-hidden="true">
            <mark className="filler">filler</mark>
            <span className="pause-marker">
              <span className="pause-icon" />
              long pause
            </span>
          </p>
        </div>
        <TranscriptView result={result} />
      </section>
      {actions && <div className="result-actions">{actions}</div>}
    </div>
  );
}
