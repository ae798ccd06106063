import { useSessionRoute } from '../../routing/useRouteSync';
import { useCoachStore } from '../../store';
import { HistoryFilters } from './HistoryFilters';
import { ImportBundle } from './ImportBundle';
import { HistorySearch } from './HistorySearch';
import { SearchResults } from './SearchResults';
import { SessionDetailView } from './SessionDetailView';
import { SessionList } from './SessionList';
import './history.css';

export function HistoryScreen() {
  const selectedSessionId = useCoachStore((s) => s.selectedSessionId);
  const dataDir = useCoachStore((s) => s.dataDir);
  const lastOpened = useCoachStore((s) => s.lastOpenedSessionId);
  const searching = useCoachStore((s) => s.searchText.trim().length > 0);
  useSessionRoute();

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
        <ImportBundle />
      </header>
      <HistorySearch />
      {searching ? (
        <SearchResults />
      ) : (
        <>
          <HistoryFilters />
          <SessionList returnFocusTo={lastOpened} />
        </>
      )}
    </div>
  );
}
