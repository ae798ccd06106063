// A recording being imported as an answer (Practice → Import a recording): its progress as main (or the
// server) reports it, and the last import's problem, shown next to the import control.
import type { StateCreator } from 'zustand';
import type { ImportProgress } from '../../../shared/ipcContract';

export type RecordingImport = {
  importId: string;
  fileName: string;
  stage: ImportProgress['stage'] | 'starting';
  /** 0–1 of the whole import; only ever grows. */
  fraction: number;
  processedSec: number | null;
  durationSec: number | null;
  cancelling: boolean;
};

export interface ImportSlice {
  recordingImport: RecordingImport | null;
  /** Why the last import failed (or that it was cancelled), until the next one starts or it is dismissed. */
  importProblem: { message: string; cancelled: boolean } | null;

  importStarted: (importId: string, fileName: string) => void;
  importCancelling: () => void;
  importEnded: (problem?: { message: string; cancelled: boolean }) => void;
  dismissImportProblem: () => void;
}

export const createImportSlice: StateCreator<ImportSlice, [], [], ImportSlice> = (set) => ({
  recordingImport: null,
  importProblem: null,

  importStarted: (importId, fileName) =>
    set({
      importProblem: null,
      recordingImport: {
        importId,
        fileName,
        stage: 'starting',
        fraction: 0,
        processedSec: null,
        durationSec: null,
        cancelling: false,
      },
    }),
  importCancelling: () =>
    set((s) => (s.recordingImport ? { recordingImport: { ...s.recordingImport, cancelling: true } } : s)),
  importEnded: (problem) => set({ recordingImport: null, importProblem: problem ?? null }),
  dismissImportProblem: () => set({ importProblem: null }),
});

/** Applied by the IPC bridge; progress for another import (another tab's) is ignored. */
export function applyImportProgress(
  state: ImportSlice,
  p: ImportProgress,
): ImportSlice | Partial<ImportSlice> {
  const current = state.recordingImport;
  if (!current || current.importId !== p.importId) return state;
  return {
    recordingImport: {
      ...current,
      stage: p.stage,
      fraction: Math.max(current.fraction, Math.min(1, p.fraction)),
      processedSec: p.processedSec ?? current.processedSec,
      durationSec: p.durationSec ?? current.durationSec,
    },
  };
}
