import { NO_MODEL_HEADLINE } from '../../../../shared/modelsContract';
import { useCoachStore } from '../../store';

/** Explains why recording is unavailable while the engine loads or after it failed. */
export function EngineStatusNotice() {
  const status = useCoachStore((s) => s.engineStatus);
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
        {status.message.startsWith(NO_MODEL_HEADLINE) && (
          <button
            type="button"
            className="button button-primary button-small"
            onClick={() => useCoachStore.setState({ focusModels: true })}
          >
            Open Settings → Models
          </button>
        )}
      </div>
    </div>
  );
}
