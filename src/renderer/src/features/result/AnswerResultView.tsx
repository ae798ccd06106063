import { useState, type ReactNode } from 'react';
import type { AnswerResult } from '../../../../shared/domain';
import { AnalysisDetails } from './AnalysisDetails';
import { FillerTimeline } from './FillerTimeline';
import { MetricsCards } from './MetricsCards';
import { NotTranscribed } from './NotTranscribed';
import { PaceChart } from './PaceChart';
import { ScoreCard } from './ScoreCard';
import { Suggestions } from './Suggestions';
import { TranscriptView } from './TranscriptView';
import './result.css';

type Props = {
  result: AnswerResult;
  /** Heading level for "Transcript", so the view fits under the page's own headings. */
  headingLevel?: 2 | 3 | 4;
  actions?: ReactNode;
  /** Replaces the plain marked transcript; `false` leaves it out (review shows its own beside the player). */
  transcript?: ReactNode;
};

/** One answer's report: score, suggestions, metrics, charts, marked transcript and the findings behind them. */
export function AnswerResultView({ result: given, headingLevel = 3, actions, transcript }: Props) {
  // "Transcribe again" replaces an answer the engine failed on with its transcribed self, here and now.
  const [transcribed, setTranscribed] = useState<AnswerResult | null>(null);
  const result = transcribed?.answerId === given.answerId ? transcribed : given;
  const Heading = `h${headingLevel}` as const;
  if (result.notTranscribed) {
    const failed = { ...result, notTranscribed: result.notTranscribed };
    return (
      <div className="answer-result">
        <NotTranscribed result={failed} onTranscribed={setTranscribed} />
        {actions && <div className="result-actions">{actions}</div>}
      </div>
    );
  }
  const analysis = result.report.coaching;
  const detailLevel = Math.min(headingLevel + 1, 5) as 3 | 4 | 5;
  return (
    <div className="answer-result">
      {analysis && analysis.score.breakdown.length > 0 && (
        <div className="report-top">
          <ScoreCard score={analysis.score} title="This answer" headingLevel={headingLevel} />
          <Suggestions suggestions={analysis.suggestions} headingLevel={headingLevel} />
        </div>
      )}
      {actions && <div className="result-actions">{actions}</div>}
      <MetricsCards report={result.report} />
      {analysis && (result.report.pace.timeline.length > 1 || result.words.length > 0) && (
        <section className="card charts-card" aria-label="Charts">
          <PaceChart pace={result.report.pace} />
          <FillerTimeline
            analysis={analysis}
            fillers={result.report.fillers}
            durationSec={result.report.durationSec}
          />
        </section>
      )}
      {transcript !== false && (
        <section className="card transcript-card" aria-label="Transcript">
          <div className="transcript-head">
            <Heading className="section-title">Transcript</Heading>
            <p className="transcript-legend" aria-hidden="true">
              <mark className="filler">filler</mark>
              {analysis && <mark className="hedge">hedge</mark>}
              {analysis && <span className="likely-filler">um?</span>}
              <span className="pause-marker">
                <span className="pause-icon" />
                long pause
              </span>
            </p>
          </div>
          {transcript ?? <TranscriptView result={result} />}
        </section>
      )}
      {analysis && <AnalysisDetails analysis={analysis} headingLevel={detailLevel} />}
    </div>
  );
}
