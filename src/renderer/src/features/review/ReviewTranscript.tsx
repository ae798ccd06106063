import { Fragment, memo } from 'react';
import type { AnswerResult } from '../../../../core/domain';
import { formatSeconds } from '../../lib/format';
import {
  attachesToPrevious,
  buildTranscriptTokens,
  splitTrailingPunctuation,
} from '../result/transcriptTokens';

type Props = {
  result: AnswerResult;
  onSeekToWord: (wordIndex: number) => void;
};

/**
 * The marked transcript (fillers, hedges, likely "um"s, long pauses) with every word clickable to
 * seek. The word being played is highlighted by AnswerReview through `data-word`, outside React,
 * so playback does not re-render 200 words many times a second.
 */
export const ReviewTranscript = memo(function ReviewTranscript({ result, onSeekToWord }: Props) {
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
        {result.text.trim() || 'No speech was detected in this answer.'}
      </p>
    );
  }

  const wordSpans = (index: number, end: number) =>
    result.words.slice(index, end).map((word, offset) => {
      const i = index + offset;
      const { word: text, punctuation } = splitTrailingPunctuation(word.text.trim());
      return (
        <Fragment key={i}>
          {offset > 0 ? ' ' : ''}
          <span className="review-word" data-word={i} onClick={() => onSeekToWord(i)}>
            {text}
          </span>
          {punctuation}
        </Fragment>
      );
    });

  return (
    <p className="transcript review-transcript" title="Click a word to play from there">
      {tokens.map((token, n) => {
        const attaches = (token.type === 'word' || token.type === 'filler') && attachesToPrevious(token.text);
        const space = n > 0 && !attaches ? ' ' : '';
        switch (token.type) {
          case 'word':
            return (
              <Fragment key={token.key}>
                {space}
                {wordSpans(token.index, token.end)}
              </Fragment>
            );
          case 'filler':
            return (
              <Fragment key={token.key}>
                {space}
                <mark className={`filler filler-${token.kind}`} title="Filler word">
                  {wordSpans(token.index, token.end)}
                  <span className="visually-hidden"> (filler)</span>
                </mark>
              </Fragment>
            );
          case 'hedge':
            return (
              <Fragment key={token.key}>
                {space}
                <mark className="hedge" title="Hedge: softens what you say">
                  {wordSpans(token.index, token.end)}
                  <span className="visually-hidden"> (hedge)</span>
                </mark>
              </Fragment>
            );
          case 'likely-filler':
            return (
              <Fragment key={token.key}>
                {space}
                <span className="likely-filler" title="Heard in the audio, missing from the transcript">
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
});
