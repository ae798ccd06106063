import { Fragment } from 'react';
import type { AnswerResult } from '../../../../core/domain';
import { formatSeconds } from '../../lib/format';
import { attachesToPrevious, buildTranscriptTokens, splitTrailingPunctuation } from './transcriptTokens';

type Props = { result: AnswerResult };

export function TranscriptView({ result }: Props) {
  const marks = result.analysis
    ? { hedges: result.analysis.language.hedges, filledPauses: result.analysis.filledPauseCandidates }
    : undefined;
  const tokens = buildTranscriptTokens(
    result.words,
    result.metrics.fillers,
    result.metrics.longPauses,
    marks,
  );

  if (tokens.length === 0) {
    return (
      <p className="transcript transcript-empty">
        {result.text.trim() ||
          'No speech was detected in this answer. Check the microphone level and try again.'}
      </p>
    );
  }

  return (
    <p className="transcript">
      {tokens.map((token, index) => {
        const attaches = (token.type === 'word' || token.type === 'filler') && attachesToPrevious(token.text);
        const space = index > 0 && !attaches ? ' ' : '';
        switch (token.type) {
          case 'word':
            return (
              <Fragment key={token.key}>
                {space}
                {token.text}
              </Fragment>
            );
          case 'filler':
            return (
              <Fragment key={token.key}>
                {space}
                <mark className={`filler filler-${token.kind}`} title="Filler word">
                  {splitTrailingPunctuation(token.text).word}
                  <span className="visually-hidden"> (filler)</span>
                </mark>
                {splitTrailingPunctuation(token.text).punctuation}
              </Fragment>
            );
          case 'hedge':
            return (
              <Fragment key={token.key}>
                {space}
                <mark className="hedge" title="Hedge: softens what you say">
                  {splitTrailingPunctuation(token.text).word}
                  <span className="visually-hidden"> (hedge)</span>
                </mark>
                {splitTrailingPunctuation(token.text).punctuation}
              </Fragment>
            );
          case 'likely-filler':
            return (
              <Fragment key={token.key}>
                {space}
                <span
                  className="likely-filler"
                  title="Heard in the audio (an “um” or “uh”), missing from the transcript"
                >
                  um?
                  <span className="visually-hidden">
                    {' '}
                    (likely filled pause of {formatSeconds(token.durationSec)})
                  </span>
                </span>
              </Fragment>
            );
          case 'pause':
            return (
              <Fragment key={token.key}>
                {space}
                <span className="pause-marker" title="Long pause">
                  <span className="pause-icon" aria-hidden="true" />
                  <span className="visually-hidden">pause of </span>
                  {formatSeconds(token.durationSec)}
                </span>
              </Fragment>
            );
        }
      })}
    </p>
  );
}
