// "Transcribe again" on an answer saved as not transcribed (the engine failed on it): runs the final
// pass over its recording once the engine works, and keeps the reason when it cannot. The not-transcribed
// report, the live report whose final pass failed and the recovery notices each show it their own way.
import { useState } from 'react';
import type { AnswerResult } from '../../../../shared/domain';
import { coachApi } from '../../coachApi';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';

export function useTranscribeAgain(answerId: string, onTranscribed: (result: AnswerResult) => void) {
  const engineReady = useCoachStore((s) => s.engineStatus.state === 'ready');
  const [working, setWorking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async () => {
    setWorking(true);
    setFailure(null);
    try {
      onTranscribed(await coachApi().transcribeAgain(answerId));
    } catch (error) {
      setFailure(errorMessage(error, 'The answer could not be transcribed.'));
    } finally {
      setWorking(false);
    }
  };
  return { engineReady, working, failure, run };
}
