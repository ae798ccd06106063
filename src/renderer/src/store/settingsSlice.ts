// The coaching settings (nudge thresholds, default answer length), loaded from and saved to main.
import type { StateCreator } from 'zustand';
import type { TargetLength } from '../../../shared/domain';
import type { CoachSettings, SettingsUpdate } from '../../../shared/coachingSchemas';
import { coachApi } from '../coachApi';
import { errorMessage, type LoadStatus } from './loadStatus';
import type { SessionSlice } from './sessionSlice';

/** Used until the settings arrive, and if they can't be loaded: the app's own default. */
export const FALLBACK_TARGET: TargetLength = { minSec: 60, maxSec: 120 };

export interface SettingsSlice {
  settings: CoachSettings | null;
  settingsStatus: LoadStatus;
  settingsError: string | null;
  loadSettings: () => Promise<void>;
  saveSettings: (update: SettingsUpdate) => Promise<boolean>;
  resetSettings: () => Promise<void>;
}

export const createSettingsSlice: StateCreator<SettingsSlice> = (set) => ({
  settings: null,
  settingsStatus: 'idle',
  settingsError: null,

  loadSettings: async () => {
    set({ settingsStatus: 'loading', settingsError: null });
    try {
      set({ settings: await coachApi().getSettings(), settingsStatus: 'ready' });
    } catch (error) {
      set({
        settingsStatus: 'error',
        settingsError: errorMessage(error, 'The settings could not be loaded.'),
      });
    }
  },
  saveSettings: async (update) => {
    try {
      set({ settings: await coachApi().updateSettings(update), settingsError: null });
      return true;
    } catch (error) {
      set({ settingsError: errorMessage(error, 'The settings could not be saved.') });
      return false;
    }
  },
  resetSettings: async () => {
    try {
      set({ settings: await coachApi().resetSettings(), settingsError: null });
    } catch (error) {
      set({ settingsError: errorMessage(error, 'The settings could not be reset.') });
    }
  },
});

/** The answer length to aim for: the question's own, else the user's default. */
export function selectTarget(state: SettingsSlice & SessionSlice): TargetLength {
  const question = state.questions.find((q) => q.id === state.currentQuestionId);
  return question?.target ?? state.settings?.practice.defaultTarget ?? FALLBACK_TARGET;
}
