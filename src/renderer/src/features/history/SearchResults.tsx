import type { SearchHit } from '../../../../shared/domain';
import { formatClock, formatDateTime } from '../../lib/format';
import { navigate } from '../../routing/navigation';
import { sessionRoute } from '../../routing/routes';
import { useCoachStore } from '../../store';

function hitKey(hit: SearchHit): string {
  return hit.source === 'note' ? `n${hit.noteId}` : `t${hit.answerId}`;
}

/** Matches in transcripts and coach notes; each opens the session at the moment it was said. */
export function SearchResults() {
  const hits = useCoachStore((s) => s.searchHits);
  const status = useCoachStore((s) => s.searchStatus);
  const error = useCoachStore((s) => s.searchError);
  const text = useCoachStore((s) => s.searchText);
  const openHit = useCoachStore((s) => s.openSearchHit);

  if (status === 'error') {
    return (
      <div className="notice notice-error" role="alert">
        <div>
          <p className="notice-title">The search failed</p>
          <p className="notice-body">{error}</p>
        </div>
      </div>
    );
  }
  if (status === 'loading' && hits.length === 0) {
    return (
      <p className="muted loading-line" role="status">
        <span className="spinner spinner-small" aria-hidden="true" /> Searching…
      </p>
    );
  }
  if (hits.length === 0) {
    return (
      <div className="empty-state" role="status">
        <p className="empty-title">Nothing matches “{text.trim()}”</p>
        <p className="muted">Search looks in every transcript and coach note. Try fewer or shorter words.</p>
      </div>
    );
  }
  return (
    <ul className="search-results" aria-label="Search results">
      {hits.map((hit) => {
        const when = formatDateTime(hit.startedAt);
        return (
          <li key={hitKey(hit)}>
            <button
              type="button"
              className="search-hit"
              onClick={() => {
                void openHit(hit);
                navigate(sessionRoute(hit.sessionId, hit.answerId));
              }}
            >
              <span className="search-hit-head">
                <span className={`search-source search-source-${hit.source}`}>
                  {hit.source === 'note' ? 'Coach note' : 'Transcript'}
                </span>
                <span className="search-hit-where">
                  {hit.sessionTitle} · {when.date} · at {formatClock(hit.atSec)}
                </span>
              </span>
              <span className="search-hit-question">{hit.questionText}</span>
              <span className="search-snippet">
                {hit.snippet.map((part, i) =>
                  part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
                )}
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
