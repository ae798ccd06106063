import { useCoachStore } from '../../store';
import { SessionDetailView } from './SessionDetailView';
import { SessionList } from './SessionList';
import './history.css';

export function HistoryScreen() {
  const selectedSessionId = useCoachStore((s) => s.selectedSessionId);
  const dataDir = useCoachStore((s) => s.dataDir);
  const lastOpened = useCoachStore((s) => s.lastOpenedSessionId);

  if (selectedSessionId) return <SessionDetailView />;

  return (
    <div className="history">
      <header className="history-header">
        <h1 className="page-title">History</h1>
        <p className="muted">
          Every answer is saved on this computer only
          {dataDir ? (
            <>
              {' '}
              (in <code>{dataDir}</code>)
            </>
          ) : null}
          .
        </p>
      </header>
      <SessionList returnFocusTo={lastOpened} />
    </div>
  );
}
