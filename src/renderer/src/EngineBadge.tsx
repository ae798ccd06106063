import { useCoachStore } from './store';

const LABELS = {
  loading: 'Loading speech model…',
  ready: 'Ready — works offline',
  error: 'Speech engine error',
};

/**
 * What the badge says when the server behind the page (`coach serve`) has gone: the engine may be fine,
 * it is the whole app that stopped, and calling that an engine error sent people to the wrong fix.
 */
const CONNECTION_LABELS = {
  lost: { state: 'error', label: 'Interview Coach stopped', title: 'Start it again, then reload this page' },
  back: { state: 'loading', label: 'Running again — reload', title: 'Reload this page to continue' },
} as const;

/** A quiet, always-visible summary of the engine's state; details live on the Practice screen. */
export function EngineBadge() {
  const state = useCoachStore((s) => s.engineStatus.state);
  const message = useCoachStore((s) => s.engineStatus.message);
  const connection = useCoachStore((s) => s.serverConnection);
  if (connection !== 'up') {
    const shown = CONNECTION_LABELS[connection];
    return (
      <p className={`engine-badge is-${shown.state}`} title={shown.title}>
        <span className="engine-dot" aria-hidden="true" />
        {shown.label}
      </p>
    );
  }
  return (
    <p className={`engine-badge is-${state}`} title={message}>
      <span className="engine-dot" aria-hidden="true" />
      <span className="visually-hidden">Speech engine: </span>
      {LABELS[state]}
    </p>
  );
}
