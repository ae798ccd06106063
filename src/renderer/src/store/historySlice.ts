// The History screen: one page of sessions for the current sort and filters, full-text search, and
// the moment a search hit asked review to jump to.
import type { StateCreator } from 'zustand';
import type { SearchHit, SessionSummary } from '../../../shared/domain';
import type { HistoryQuery } from '../../../shared/reviewSchemas';
import { coachApi } from '../coachApi';
import { errorMessage, type LoadStatus } from './loadStatus';
import type { SessionSlice } from './sessionSlice';

export const HISTORY_PAGE_SIZE = 50;

export type HistoryFilters = Omit<HistoryQuery, 'offset' | 'limit'>;

export interface HistorySlice {
  historyFilters: HistoryFilters;
  historyOffset: number;
  historyRows: SessionSummary[];
  historyTotal: number;
  historyStatus: LoadStatus;
  historyError: string | null;
  searchText: string;
  searchHits: SearchHit[];
  searchStatus: LoadStatus;
  searchError: string | null;

  loadHistory: () => Promise<void>;
  setHistoryFilters: (filters: Partial<HistoryFilters>) => Promise<void>;
  clearHistoryFilters: () => Promise<void>;
  showHistoryPage: (offset: number) => Promise<void>;
  search: (text: string) => Promise<void>;
  openSearchHit: (hit: SearchHit) => Promise<void>;
}

const DEFAULT_FILTERS: HistoryFilters = { sort: 'date', direction: 'desc' };

/** Stamps requests so a slow answer to an old query never overwrites a newer one. */
let historyRequest = 0;
let searchRequest = 0;

export const createHistorySlice: StateCreator<HistorySlice & SessionSlice, [], [], HistorySlice> = (
  set,
  get,
) => ({
  historyFilters: DEFAULT_FILTERS,
  historyOffset: 0,
  historyRows: [],
  historyTotal: 0,
  historyStatus: 'idle',
  historyError: null,
  searchText: '',
  searchHits: [],
  searchStatus: 'idle',
  searchError: null,

  loadHistory: async () => {
    const request = ++historyRequest;
    set({ historyStatus: 'loading', historyError: null });
    const { historyFilters, historyOffset } = get();
    try {
      const page = await coachApi().listHistory({
        ...historyFilters,
        offset: historyOffset,
        limit: HISTORY_PAGE_SIZE,
      });
      if (request !== historyRequest) return;
      set({ historyRows: page.sessions, historyTotal: page.total, historyStatus: 'ready' });
    } catch (error) {
      if (request !== historyRequest) return;
      set({
        historyStatus: 'error',
        historyError: errorMessage(error, 'Saved sessions could not be loaded.'),
      });
    }
  },
  setHistoryFilters: async (filters) => {
    set((s) => ({ historyFilters: { ...s.historyFilters, ...filters }, historyOffset: 0 }));
    await get().loadHistory();
  },
  clearHistoryFilters: async () => {
    set({ historyFilters: DEFAULT_FILTERS, historyOffset: 0 });
    await get().loadHistory();
  },
  showHistoryPage: async (offset) => {
    set({ historyOffset: Math.max(0, offset) });
    await get().loadHistory();
  },
  search: async (text) => {
    const request = ++searchRequest;
    set({ searchText: text });
    if (!text.trim()) {
      set({ searchHits: [], searchStatus: 'idle', searchError: null });
      return;
    }
    set({ searchStatus: 'loading', searchError: null });
    try {
      const hits = await coachApi().searchHistory({ text });
      if (request !== searchRequest) return;
      set({ searchHits: hits, searchStatus: 'ready' });
    } catch (error) {
      if (request !== searchRequest) return;
      set({ searchStatus: 'error', searchError: errorMessage(error, 'The search failed.') });
    }
  },
  openSearchHit: async (hit) => {
    const { sessionId, answerId, atSec, wordIndex } = hit;
    await get().openSession(sessionId, { sessionId, answerId, atSec, wordIndex });
  },
});
