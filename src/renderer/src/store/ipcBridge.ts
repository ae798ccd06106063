// The only place that listens to main's pushes (`window.api.on*`) and writes them into the store.
import type { CoachApi } from '../../../shared/ipcContract';
import { useCoachStore } from './index';
import { applyAnswerError, applyCaptionUpdate, applyLiveStats, applyNudge } from './liveSlice';
import { errorMessage } from './sessionSlice';

/** Subscribes to every push channel and fetches the initial app status; returns one unsubscribe for all. */
export function startIpcBridge(api: CoachApi = window.api): () => void {
  const { setState } = useCoachStore;
  let disposed = false;
  let engineStatusPushed = false;

  const unsubscribers = [
    api.onCaption((update) => setState((s) => applyCaptionUpdate(s, update))),
    api.onLiveStats((stats) => setState((s) => applyLiveStats(s, stats))),
    api.onNudge((nudge) => setState((s) => applyNudge(s, nudge))),
    api.onAnswerError((error) => setState((s) => applyAnswerError(s, error))),
    api.onEngineStatus((engineStatus) => {
      engineStatusPushed = true;
      setState({ engineStatus });
    }),
  ];

  api.getStatus().then(
    (status) => {
      if (disposed) return;
      // A pushed status is newer than the answer to this request.
      setState(
        engineStatusPushed
          ? { dataDir: status.dataDir }
          : { dataDir: status.dataDir, engineStatus: status.engine },
      );
    },
    (error: unknown) => {
      if (disposed || engineStatusPushed) return;
      setState({
        engineStatus: { state: 'error', message: errorMessage(error, 'The speech engine did not respond.') },
      });
    },
  );

  return () => {
    disposed = true;
    for (const unsubscribe of unsubscribers) unsubscribe();
  };
}
