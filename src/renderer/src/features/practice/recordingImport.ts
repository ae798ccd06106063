// Import a recording as the answer to the current question: main (or the server) decodes and analyses
// it with the real pipeline and reports progress; the result shows like a recorded answer's.
import { coachApi } from '../../coachApi';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';
import { selectCurrentQuestion } from '../../store/sessionSlice';

/** What the file picker offers; anything else dropped is still tried, and refused with a clear message. */
export const RECORDING_ACCEPT =
  'audio/*,video/*,.wav,.mp3,.m4a,.aac,.ogg,.oga,.opus,.flac,.webm,.mp4,.mov,.mkv,.wma,.aiff,.aif';

const CANCELLED = 'Import cancelled — nothing of it was saved.';

const store = () => useCoachStore.getState();

/** A v4 UUID; `crypto.randomUUID` exists only in secure contexts (not a LAN address over http). */
export function newImportId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Why an import cannot start now, or null when it can. */
export function importBlockedReason(): string | null {
  const s = store();
  if (s.recordingImport) return 'A recording is being imported already.';
  if (s.recording !== 'idle') return 'Stop the answer being recorded first.';
  if (s.engineStatus.state !== 'ready') return 'Importing becomes available once the speech engine is ready.';
  if (!selectCurrentQuestion(s)) return 'Choose a question first: the recording is analysed as its answer.';
  return null;
}

export async function importRecordingFile(file: File): Promise<void> {
  const blocked = importBlockedReason();
  if (blocked) {
    if (!store().recordingImport) store().importEnded({ message: blocked, cancelled: false });
    return;
  }
  const state = store();
  const question = selectCurrentQuestion(state)!;
  const importId = newImportId();
  state.importStarted(importId, file.name);
  state.dismissLiveError();
  try {
    const result = await coachApi().importRecording(file, {
      importId,
      fileName: file.name,
      questionId: question.id,
      questionText: question.text,
      ...(state.keepNoHistory
        ? { keepNoHistory: true }
        : state.activeSessionId
          ? { sessionId: state.activeSessionId }
          : {}),
    });
    if (store().recordingImport?.importId !== importId) return;
    store().importEnded();
    store().answerSaved(result);
    store().markQuestionAnswered(question.id);
  } catch (error) {
    if (store().recordingImport?.importId !== importId) return;
    const message = errorMessage(error, 'The recording could not be imported.');
    const cancelled = store().recordingImport?.cancelling === true || message === CANCELLED;
    store().importEnded({ message: cancelled ? CANCELLED : message, cancelled });
  }
}

export async function cancelImport(): Promise<void> {
  const current = store().recordingImport;
  if (!current || current.cancelling) return;
  store().importCancelling();
  await coachApi()
    .cancelImport(current.importId)
    .catch(() => undefined);
}
