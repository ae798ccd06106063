import { Fragment, memo } from 'react';
import type { AnswerResult } from '../../../../shared/domain';
import { MarkedTranscript } from '../result/MarkedTranscript';
import { splitTrailingPunctuation } from '../result/transcriptTokens';

type Props = {
  result: AnswerResult;
  onSeekToWord: (wordIndex: number) => void;
};

/**
 * The marked transcript with every word clickable to seek. The word being played is highlighted by
 * AnswerReview through `data-word`, outside React, so playback does not re-render 200 words many
 * times a second.
 */
export const ReviewTranscript = memo(function ReviewTranscript({ result, onSeekToWord }: Props) {
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
    <MarkedTranscript
      result={result}
      renderWords={wordSpans}
      className="review-transcript"
      title="Click a word to play from there"
      emptyText={
        result.notTranscribed
          ? 'Not transcribed: the speech engine failed on this answer.'
          : 'No speech was detected in this answer.'
      }
    />
  );
});
