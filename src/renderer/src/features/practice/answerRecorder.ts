// The record/stop flow: startAnswer → open the microphone → stream frames → stop the microphone →
// stopAnswer → result. Also the optional microphone check (level meter without recording).
import { startMicrophone, toMicrophoneError, type Microphone } from '../../audio/microphone';
import { SAMPLE_RATE_HZ } from '../../../../shared/audioFormat';
import { ROLE_FAMILIES, type RoleFamily } from '../../../../shared/domain';
import type { PracticeSet } from '../../store/practiceSlice';
import { useCoachStore } from '../../store';
import { errorMessage } from '../../store/loadStatus';
import { selectCurrentQuestion } from '../../store/sessionSlice';
import { coachApi } from '../../coachApi';
import { countChangedWords } from '../result/transcriptChanges';

const MIC_CHECK_DISCONNECTED = 'The microphone was disconnected. Reconnect it, or choose another microphone.';

let microphone: Microphone | null = null;
let checkMicrophone: Microphone | null = null;
/** Stop was pressed while the answer was still starting; stop as soon as it is running. */
let stopRequested = false;
let unwatchAnswerError: (() => void) | null = null;
/** The session before this answer started; a discarded first answer must not leave an empty session active. */
let sessionBeforeAnswer: string | null = null;

const store = () => useCoachStore.getState();

export async function toggleRecording(): Promise<void> {
  const { recording } = store();
  if (recording === 'idle') await startRecording();
  else if (recording === 'starting' || recording === 'recording') await stopRecording();
}

/** `asked` replaces the current question's text (a mock interview's follow-up, answered as its own take). */
export async function startRecording(asked?: { questionText: string }): Promise<void> {
  const state = store();
  const current = selectCurrentQuestion(state);
  const question = current && asked ? { ...current, text: asked.questionText } : current;
  if (state.recording !== 'idle' || !question || state.engineStatus.state !== 'ready') return;
  // One answer at a time: an import in progress is one.
  if (state.recordingImport) return;

  // Leave 'idle' before any await, so a second key press cannot start a second answer.
  state.answerStarting();
  stopRequested = false;
  sessionBeforeAnswer = state.activeSessionId;
  await stopMicCheck();
  await releaseMicrophone();

  let answerId: string;
  try {
    const started = await coachApi().startAnswer({
      questionId: question.id,
      questionText: question.text,
      sampleRateHz: SAMPLE_RATE_HZ,
      ...(state.keepNoHistory
        ? { keepNoHistory: true }
        : state.activeSessionId
          ? { sessionId: state.activeSessionId }
          : {}),
      ...setRoleOf(state.practiceSet),
    });
    answerId = started.answerId;
    store().answerStarted(started);
  } catch (error) {
    store().answerFailed(errorMessage(error, 'The answer could not be started.'));
    return;
  }

  try {
    microphone = await startMicrophone({
      deviceId: state.microphoneId || undefined,
      onFrame: (pcm16) => coachApi().sendAudio(answerId, pcm16),
      onLevel: (level) => {
        if (store().recording === 'recording') store().setInputLevel(level);
      },
      onFailure: (error) => void stopAfterMicrophoneFailure(error.message),
    });
  } catch (error) {
    await coachApi()
      .cancelAnswer(answerId)
      .catch(() => undefined);
    discardAnswer(toMicrophoneError(error).message);
    return;
  }
  if (store().serverConnection === 'lost') {
    // The server went away while the microphone was opening: nothing can be recorded.
    await releaseMicrophone();
    return;
  }

  // Main keeps recording through a failed live step (the final pass redoes the transcript), so
  // an answer error is shown, not treated as the end of the answer.
  unwatchAnswerError = useCoachStore.subscribe((s, prev) => {
    if (s.answerError && s.answerError !== prev.answerError) store().showLiveError(s.answerError);
    // The server is gone (the store has ended the answer): the microphone stops now, not at Stop.
    if (s.serverConnection === 'lost' && prev.serverConnection !== 'lost') void releaseMicrophone();
  });
  store().recordingStarted(Date.now());
  const early = store().answerError;
  if (early) store().showLiveError(early);
  if (stopRequested) await stopRecording();
}

export async function stopRecording(): Promise<void> {
  const { recording, answerId } = store();
  if (recording === 'starting') {
    stopRequested = true;
    return;
  }
  if (recording !== 'recording' || !answerId) return;

  store().answerFinalising(Date.now());
  await releaseMicrophone();
  try {
    const result = await coachApi().stopAnswer(answerId);
    const live = store().liveReport;
    if (live?.result.answerId === answerId) {
      store().liveReportFinished(result, countChangedWords(live.result.words, result.words));
    }
    store().answerSaved(result);
    store().markQuestionAnswered(store().currentQuestionId ?? '');
    store().answerEnded();
  } catch (error) {
    // The server went away during the final pass: the cut-answer notice says what is kept, and where.
    if (store().serverConnection === 'lost') return;
    // Main keeps an answer it could not save (a full disk); the error then offers "Save again".
    store().answerNotSaved(answerId, errorMessage(error, 'The transcript could not be finalised.'));
  }
}

/**
 * "Show the report with the live transcript now": while Stop finishes, the report of what the live
 * transcript has. Stop's own result replaces it when it arrives (stopRecording above).
 */
export async function showLiveReport(): Promise<void> {
  const { recording, answerId, liveReportRequested } = store();
  if (recording !== 'finalising' || !answerId || liveReportRequested) return;
  store().liveReportRequestedNow();
  try {
    store().liveReportArrived(await coachApi().liveReport(answerId));
  } catch (error) {
    // Stop returned first: its final report is on screen already.
    if (store().recording === 'finalising' && store().answerId === answerId) {
      store().liveReportCleared();
      store().showLiveError(errorMessage(error, 'The live report could not be built.'));
    }
  }
}

/** "Save again" after Stop could not save the answer (the user freed some disk space). */
export async function retrySave(): Promise<void> {
  const { unsavedAnswerId, recording } = store();
  if (!unsavedAnswerId || recording !== 'idle') return;
  try {
    const result = await coachApi().retrySaveAnswer(unsavedAnswerId);
    store().answerSaved(result);
    store().markQuestionAnswered(store().currentQuestionId ?? '');
    store().unsavedAnswerSaved();
  } catch (error) {
    store().showLiveError(errorMessage(error, 'The answer could not be saved.'));
  }
}

/** The microphone went away mid-answer: save what was said so far, then say why it stopped. */
async function stopAfterMicrophoneFailure(message: string): Promise<void> {
  if (store().recording !== 'recording') return;
  await stopRecording();
  store().showLiveError(`${message} Your answer up to that moment was saved.`);
}

function discardAnswer(message: string): void {
  if (sessionBeforeAnswer === null) store().startNewSession();
  store().answerFailed(message);
}

async function releaseMicrophone(): Promise<void> {
  unwatchAnswerError?.();
  unwatchAnswerError = null;
  const current = microphone;
  microphone = null;
  await current?.stop();
}

export async function toggleMicCheck(): Promise<void> {
  const state = store();
  if (state.micCheck !== 'off') {
    await stopMicCheck();
    return;
  }
  if (state.recording !== 'idle') return;
  state.setMicCheck('starting');
  state.dismissLiveError();
  try {
    const mic = await startMicrophone({
      deviceId: state.microphoneId || undefined,
      onFrame: () => undefined,
      onLevel: (level) => store().setInputLevel(level),
      onFailure: (error) => {
        checkMicrophone = null;
        store().setMicCheck('off');
        store().showLiveError(error.kind === 'disconnected' ? MIC_CHECK_DISCONNECTED : error.message);
      },
    });
    if (store().micCheck !== 'starting') {
      await mic.stop();
      return;
    }
    checkMicrophone = mic;
    store().setMicCheck('on');
  } catch (error) {
    store().setMicCheck('off');
    store().showLiveError(toMicrophoneError(error).message);
  }
}

export async function stopMicCheck(): Promise<void> {
  const mic = checkMicrophone;
  checkMicrophone = null;
  if (store().micCheck !== 'off') store().setMicCheck('off');
  await mic?.stop();
}

/** Esc → "Discard": the take is thrown away (main deletes its rows and recording); nothing is saved. */
export async function discardTake(): Promise<boolean> {
  const { recording, answerId } = store();
  if (recording !== 'recording' || !answerId) return false;
  store().answerFinalising(Date.now());
  await releaseMicrophone();
  await coachApi()
    .cancelAnswer(answerId)
    .catch(() => undefined);
  if (sessionBeforeAnswer === null) store().startNewSession();
  store().answerEnded();
  return true;
}

/** The role a practice set was chosen for, if any, so the answer is found under it in History. */
function setRoleOf(set: PracticeSet | null): { practisedForRole?: RoleFamily } {
  const role = set?.role;
  return role && role !== 'any' && (ROLE_FAMILIES as readonly string[]).includes(role)
    ? { practisedForRole: role }
    : {};
}
