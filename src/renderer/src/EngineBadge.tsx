import { useCoachStore } from './store';

const LABELS = {
  loading: 'Loading speech model…',
  ready: 'Ready — works offline',
  error: 'Speech engine error',
};

/** A quiet, always-visible summary of the engine's state; details live on the Practice screen. */
export function EngineBadge() {
  const state = useCoachStore((s) => s.engineStatus.state);
  const message = useCoachStore((s) => s.engineStatus.message);
  return (
    <p className={`engine-badge is-${state}`} title={message}>
      <span className="engine-dot" aria-hidden="true" />
      <span className="visually-hidden">Speech engine: </span>
      {LABELS[state]}
    </p>
  );
}
