// Settings → Models: the overview from main, downloads under way (pushed by main) and the request
// to show the section (first run without a model, or the Practice screen's "Open Models" button).
import type { StateCreator } from 'zustand';
import type { ModelDownloadProgress, ModelsOverview } from '../../../shared/modelsContract';
import { coachApi } from '../coachApi';
import { errorMessage } from './loadStatus';

export interface ModelsSlice {
  models: ModelsOverview | null;
  modelsError: string | null;
  /** The latest progress of each download, including how it ended (until the next one starts). */
  modelDownloads: Record<string, ModelDownloadProgress>;
  /** Set to open Settings and bring the Models section into view; cleared once it is shown. */
  focusModels: boolean;
  loadModels: () => Promise<void>;
  /** Runs a models call that answers with the new overview; false (and an error shown) if it failed. */
  runModelAction: (action: () => Promise<ModelsOverview>, failure: string) => Promise<boolean>;
  /**
   * Like runModelAction, but the failure is returned for the caller to show beside its own control
   * (the Import button), not at the top of the section where it may be off-screen.
   */
  runModelActionInPlace: (action: () => Promise<ModelsOverview>, failure: string) => Promise<string | null>;
}

export const createModelsSlice: StateCreator<ModelsSlice> = (set) => ({
  models: null,
  modelsError: null,
  modelDownloads: {},
  focusModels: false,

  loadModels: async () => {
    try {
      set({ models: await coachApi().listModels() });
    } catch (error) {
      set({ modelsError: errorMessage(error, 'The list of models could not be loaded.') });
    }
  },
  runModelAction: async (action, failure) => {
    set({ modelsError: null });
    try {
      set({ models: await action() });
      return true;
    } catch (error) {
      set({ modelsError: errorMessage(error, failure) });
      return false;
    }
  },
  runModelActionInPlace: async (action, failure) => {
    try {
      set({ models: await action(), modelsError: null });
      return null;
    } catch (error) {
      return errorMessage(error, failure);
    }
  },
});

/**
 * A pushed progress update, kept per file. A finished download also changes the overview; reloading
 * it is ipcBridge.ts's job (it calls loadModels when a download ends), not this function's.
 */
export function applyModelDownload(
  state: ModelsSlice,
  progress: ModelDownloadProgress,
): Partial<ModelsSlice> {
  return { modelDownloads: { ...state.modelDownloads, [progress.fileName]: progress } };
}
