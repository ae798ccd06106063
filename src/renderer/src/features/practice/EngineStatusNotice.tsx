import { useState } from 'react';
import { NO_MODEL_HEADLINE } from '../../../../shared/modelsContract';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';
import { coachApi } from '../../coachApi';

/**
 * Explains why recording is unavailable while the engine loads or after it failed; "Try again"
 * loads the model again (after a damaged file was replaced, say), its outcome pushed as engine status.
 */
export function EngineStatusNotice() {
  const status = useCoachStore((s) => s.engineStatus);
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<string | null>(null);
  const retry = async () => {
    setRetrying(true);
    setRetryError(null);
    try {
      await coachApi().reloadEngine();
    } catch (error) {
      setRetryError(errorMessage(error, 'The speech model could not be loaded again.'));
    } finally {
      setRetrying(false);
    }
  };
  if (status.state === 'ready') return null;
  if (status.state === 'loading') {
    return (
      <div className="notice notice-info" role="status">
        <span className="spinner spinner-small" aria-hidden="true" />
        <div>
          <p className="notice-title">Getting the speech engine ready</p>
          <p className="notice-body">{status.message}</p>
        </div>
      </div>
    );
  }
  return (
    <div className="notice notice-error" role="alert">
      <div>
        <p className="notice-title">The speech engine is not available</p>
        <p className="notice-body">{status.message}</p>
        {retryError && <p className="notice-body">{retryError}</p>}
        {status.message.startsWith(NO_MODEL_HEADLINE) && (
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => useCoachStore.setState({ focusModels: true })}
          >
            Open Settings → Models
          </button>
        )}{' '}
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void retry()}
          disabled={retrying}
        >
          {retrying ? 'Trying…' : 'Try again'}
        </button>
      </div>
    </div>
  );
}
