import { useEffect, useState } from 'react';
import { errorMessage } from '../../store/loadStatus';
import { coachApi } from '../../coachApi';

export type AnswerAudioState =
  { state: 'loading' } | { state: 'ready'; src: string } | { state: 'error'; message: string };

/**
 * The answer's recording as a Blob URL. One code path for both front doors: Electron returns the WAV
 * bytes over IPC, the browser bridge fetches them from `coach serve`; a Blob URL seeks everywhere.
 */
export function useAnswerAudio(answerId: string): AnswerAudioState {
  // Tagged with its answer, so a stale result for a previous answer reads as loading.
  const [audio, setAudio] = useState<{ answerId: string; value: AnswerAudioState } | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let live = true;
    coachApi()
      .getAnswerAudio(answerId)
      .then(
        (bytes) => {
          if (!live) return;
          url = URL.createObjectURL(new Blob([bytes], { type: 'audio/wav' }));
          setAudio({ answerId, value: { state: 'ready', src: url } });
        },
        (error: unknown) => {
          if (!live) return;
          const message = errorMessage(error, 'The recording could not be loaded.');
          setAudio({ answerId, value: { state: 'error', message } });
        },
      );
    return () => {
      live = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [answerId]);
  return audio?.answerId === answerId ? audio.value : { state: 'loading' };
}
