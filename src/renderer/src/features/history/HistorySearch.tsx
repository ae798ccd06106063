import { useEffect, useState } from 'react';
import { useCoachStore } from '../../store';

/** Typing pauses this long before the query runs, so each keystroke is not a search. */
const SEARCH_DEBOUNCE_MS = 150;

export function HistorySearch() {
  const search = useCoachStore((s) => s.search);
  const current = useCoachStore((s) => s.searchText);
  const [text, setText] = useState(current);

  useEffect(() => {
    if (text === current) return;
    const timer = setTimeout(() => void search(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, current, search]);

  return (
    <div className="history-search" role="search">
      <label className="visually-hidden" htmlFor="history-search-input">
        Search transcripts and notes
      </label>
      <input
        id="history-search-input"
        type="search"
        placeholder="Search transcripts and coach notes…"
        value={text}
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.stopPropagation();
            setText('');
            void search('');
          }
        }}
      />
    </div>
  );
}
