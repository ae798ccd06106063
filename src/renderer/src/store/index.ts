// The one renderer store, built from slices. Components select single fields; high-frequency values
// (the input level) are read with `useCoachStore.subscribe`.
import { create } from 'zustand';
import { createLiveSlice, type LiveSlice } from './liveSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';
import { createPracticeSlice, type PracticeSlice } from './practiceSlice';
import { createSettingsSlice, type SettingsSlice } from './settingsSlice';
import { createHistorySlice, type HistorySlice } from './historySlice';
import { createModelsSlice, type ModelsSlice } from './modelsSlice';
import { createImportSlice, type ImportSlice } from './importSlice';
import { createConnectionSlice, type ConnectionSlice } from './connectionSlice';
import { createRecoverySlice, type RecoverySlice } from './recoverySlice';

export type CoachState = LiveSlice &
  SessionSlice &
  PracticeSlice &
  SettingsSlice &
  HistorySlice &
  ModelsSlice &
  ImportSlice &
  ConnectionSlice &
  RecoverySlice;

export const useCoachStore = create<CoachState>()((...a) => ({
  ...createLiveSlice(...a),
  ...createSessionSlice(...a),
  ...createPracticeSlice(...a),
  ...createSettingsSlice(...a),
  ...createHistorySlice(...a),
  ...createModelsSlice(...a),
  ...createImportSlice(...a),
  ...createConnectionSlice(...a),
  ...createRecoverySlice(...a),
}));

/** Back to a fresh start (tests, and nothing else). */
export function resetCoachStore(): void {
  useCoachStore.setState(useCoachStore.getInitialState(), true);
}
