// The only place that listens to main's pushes (`window.api.on*`) and writes them into the store.
import type { CoachApi } from '../../../shared/apiMethods';
import { useCoachStore } from './index';
import {
  applyAnswerError,
  applyAnswerFinishing,
  applyCaptionUpdate,
  applyLiveStats,
  applyNudge,
} from './liveSlice';
import { applyModelDownload } from './modelsSlice';
import { applyImportProgress } from './importSlice';
import { coachApi } from '../coachApi';
import { errorMessage } from './loadStatus';

/** Subscribes to every push channel and fetches the initial app status; returns one unsubscribe for all. */
export function startIpcBridge(api: CoachApi = coachApi()): () => void {
  const { setState } = useCoachStore;
  let disposed = false;
  let engineStatusPushed = false;

  const unsubscribers = [
    api.onImportProgress((progress) => setState((s) => applyImportProgress(s, progress))),
    api.onCaption((update) => setState((s) => applyCaptionUpdate(s, update))),
    api.onLiveStats((stats) => setState((s) => applyLiveStats(s, stats))),
    api.onNudge((nudge) => setState((s) => applyNudge(s, nudge))),
    api.onAnswerError((error) => setState((s) => applyAnswerError(s, error))),
    api.onAnswerFinishing((progress) => setState((s) => applyAnswerFinishing(s, progress))),
    api.onEngineStatus((engineStatus) => {
      engineStatusPushed = true;
      setState({ engineStatus });
      // The active model may have changed (a reload after Set active, a first download).
      if (engineStatus.state !== 'loading' && useCoachStore.getState().models) {
        void useCoachStore.getState().loadModels();
      }
    }),
    api.onModelDownload((progress) => {
      setState((s) => applyModelDownload(s, progress));
      if (progress.state !== 'downloading' && progress.state !== 'verifying') {
        void useCoachStore.getState().loadModels();
      }
    }),
  ];

  // Browser mode only: the server went away (the recorder reacts to it) or answers again.
  const unwatchServer = api.onServerConnection?.((state) => {
    if (state === 'lost') return useCoachStore.getState().serverLost(Date.now());
    useCoachStore.getState().serverBack();
    // A restarted server has recovered what the lost one was recording: announce it here too.
    void useCoachStore.getState().loadRecoveryNotices();
  });
  if (unwatchServer) unsubscribers.push(unwatchServer);
  // Resolves once the start-up recovery has run, however long its passes take.
  void useCoachStore.getState().loadRecoveryNotices();

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
