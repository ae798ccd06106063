import { Fragment, type ReactNode } from 'react';
import type { AnswerResult } from '../../../../shared/domain';
import { formatSeconds } from '../../lib/format';
import { attachesToPrevious, buildTranscriptTokens, splitTrailingPunctuation } from './transcriptTokens';

type Props = {
  result: AnswerResult;
  /**
   * Renders the words [index, end) of a word, filler or hedge token. By default the token's text is
   * printed; the review passes clickable word spans instead.
   */
  renderWords?: (index: number, end: number) => ReactNode;
  className?: string;
  title?: string;
  emptyText: string;
};

/** The transcript with fillers, hedges, likely "um"s and long pauses marked inline. */
export function MarkedTranscript({ result, renderWords, className, title, emptyText }: Props) {
  const { coaching } = result.report;
  const marks = coaching
    ? { hedges: coaching.language.hedges, filledPauses: coaching.filledPauseCandidates }
    : undefined;
  const tokens = buildTranscriptTokens(result.words, result.report.fillers, result.report.longPauses, marks);

  if (tokens.length === 0) {
    return <p className="transcript transcript-empty">{result.text.trim() || emptyText}</p>;
  }

  /** A token's words, and the punctuation that stays outside its highlight. */
  const wordsOf = (token: { text: string; index: number; end: number }): [ReactNode, string] => {
    if (renderWords) return [renderWords(token.index, token.end), ''];
    const { word, punctuation } = splitTrailingPunctuation(token.text);
    return [word, punctuation];
  };

  return (
    <p className={className ? `transcript ${className}` : 'transcript'} title={title}>
      {tokens.map((token, n) => {
        const attaches = (token.type === 'word' || token.type === 'filler') && attachesToPrevious(token.text);
        const space = n > 0 && !attaches ? ' ' : '';
        switch (token.type) {
          case 'word':
            return (
              <Fragment key={token.key}>
                {space}
                {renderWords ? renderWords(token.index, token.end) : token.text}
              </Fragment>
            );
          case 'filler':
          case 'hedge': {
            const [inner, after] = wordsOf(token);
            const isFiller = token.type === 'filler';
            return (
              <Fragment key={token.key}>
                {space}
                <mark
                  className={isFiller ? `filler filler-${token.kind}` : 'hedge'}
                  title={isFiller ? 'Filler word' : 'Hedge: softens what you say'}
                >
                  {inner}
                  <span className="visually-hidden">{isFiller ? ' (filler)' : ' (hedge)'}</span>
                </mark>
                {after}
              </Fragment>
            );
          }
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
