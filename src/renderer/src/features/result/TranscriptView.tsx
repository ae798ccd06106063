import type { AnswerResult } from '../../../../shared/domain';
import { MarkedTranscript } from './MarkedTranscript';

type Props = { result: AnswerResult };

export function TranscriptView({ result }: Props) {
  return (
    <MarkedTranscript
      result={result}
      emptyText={
        result.notTranscribed
          ? 'Not transcribed: the speech engine failed on this answer.'
          : 'No speech was detected in this answer. Check the microphone level and try again.'
      }
    />
  );
}
