import { useCallback, useEffect, useState } from 'react';
import { QUESTION_KIND_LABELS } from '../../lib/format';
import { useCoachStore } from '../../store';
import { selectCurrentQuestion } from '../../store/sessionSlice';
import { LiveCaptions } from '../live/LiveCaptions';
import { NudgeToast } from '../live/NudgeToast';
import { startRecording, stopRecording } from '../practice/answerRecorder';
import { useSpaceToRecord } from '../practice/useSpaceToRecord';
import { AnswerTimer } from '../practice/AnswerTimer';
import { DiscardTake } from '../practice/DiscardTake';
import { EngineStatusNotice } from '../practice/EngineStatusNotice';
import { LevelMeter } from '../practice/LevelMeter';
import { LiveError } from '../practice/LiveError';
import { RecordButton } from '../practice/RecordButton';
import { speakQuestion, stopSpeaking, type VoiceOutcome } from './interviewerVoice';
import { startCountdown, stepAfterAnswer } from './mockScript';
import './mock.css';

/** Used until the settings arrive (the app's default). */
const DEFAULT_THINK_TIME_SEC = 5;

type Phase =
  | { step: 'asking' }
  | { step: 'thinking'; secondsLeft: number }
  | { step: 'answering' }
  /** The take ended without an answer (discarded, a microphone problem): the user records again. */
  | { step: 'retry' };

/**
 * A mock interview, one question (and its follow-up) at a time: the question read aloud, the
 * think-time countdown, then recording by itself with the time limit in view. Each answer is its own
 * take in the interview's one session; the set summary closes it.
 */
export function MockInterview() {
  const practiceSet = useCoachStore((s) => s.practiceSet)!;
  const question = useCoachStore(selectCurrentQuestion);
  const followUpsOn = useCoachStore((s) => s.settings?.mock.followUps ?? true);
  const recording = useCoachStore((s) => s.recording);
  const endPracticeSet = useCoachStore((s) => s.endPracticeSet);
  const [followUp, setFollowUp] = useState<string | null>(null);

  const onAnswered = useCallback(() => {
    const next = stepAfterAnswer({
      wasFollowUp: followUp !== null,
      followUpsOn,
      kind: question?.kind ?? 'behavioural',
    });
    useCoachStore.getState().dismissResult();
    if (next.kind === 'follow-up') {
      setFollowUp(next.text);
    } else {
      setFollowUp(null);
      useCoachStore.getState().advancePracticeSet();
    }
  }, [followUp, followUpsOn, question?.kind]);

  const position = Math.min(practiceSet.index + 1, practiceSet.questionIds.length);
  const asked = followUp ?? question?.text ?? '';
  return (
    <div className="practice mock" data-live={recording !== 'idle' || undefined}>
      <div className="mock-bar">
        <p className="mock-progress">
          <span className="mock-badge">Mock interview</span> Question {position} of{' '}
          {practiceSet.questionIds.length}
          {followUp && ' · follow-up'}
        </p>
        <button
          type="button"
          className="button button-quiet button-small"
          onClick={endPracticeSet}
          disabled={recording !== 'idle'}
        >
          End interview
        </button>
      </div>
      <EngineStatusNotice />
      {question && (
        <MockTurn
          // Each question and each follow-up is a turn of its own, asked from the start.
          key={`${question.id}:${followUp ?? ''}`}
          asked={asked}
          eyebrow={
            followUp ? 'Interviewer · follow-up' : `Interviewer · ${QUESTION_KIND_LABELS[question.kind]}`
          }
          followUp={followUp}
          onAnswered={onAnswered}
        />
      )}
    </div>
  );
}

type TurnProps = {
  asked: string;
  eyebrow: string;
  followUp: string | null;
  onAnswered: () => void;
};

function MockTurn({ asked, eyebrow, followUp, onAnswered }: TurnProps) {
  const thinkTimeSec = useCoachStore((s) => s.settings?.mock.thinkTimeSec ?? DEFAULT_THINK_TIME_SEC);
  const recording = useCoachStore((s) => s.recording);
  const engineReady = useCoachStore((s) => s.engineStatus.state === 'ready');
  const [phase, setPhase] = useState<Phase>({ step: 'asking' });
  const [voice, setVoice] = useState<VoiceOutcome | null>(null);

  // Asking: read aloud where a local voice exists; then the think time.
  useEffect(() => {
    if (phase.step !== 'asking' || !engineReady) return;
    let current = true;
    void speakQuestion(asked).then((outcome) => {
      if (!current) return;
      setVoice(outcome);
      setPhase({ step: 'thinking', secondsLeft: thinkTimeSec });
    });
    return () => {
      current = false;
      stopSpeaking();
    };
  }, [phase.step, asked, engineReady, thinkTimeSec]);

  const begin = useCallback(() => {
    stopSpeaking();
    setPhase({ step: 'answering' });
    void startRecording(followUp ? { questionText: followUp } : undefined);
  }, [followUp]);

  // Thinking: the countdown, then recording starts by itself.
  const thinking = phase.step === 'thinking';
  useEffect(() => {
    if (!thinking) return;
    return startCountdown(thinkTimeSec, {
      onTick: (secondsLeft) => setPhase({ step: 'thinking', secondsLeft }),
      onDone: begin,
    });
  }, [thinking, thinkTimeSec, begin]);

  // Answering: when the take ends, a saved answer moves the interview on; none means answer again.
  const answering = phase.step === 'answering';
  useEffect(() => {
    if (!answering) return;
    const seen = useCoachStore.getState().lastResult?.answerId ?? null;
    return useCoachStore.subscribe((s, prev) => {
      if (prev.recording === 'idle' || s.recording !== 'idle') return;
      if (s.lastResult && s.lastResult.answerId !== seen) onAnswered();
      else setPhase({ step: 'retry' });
    });
  }, [answering, onAnswered]);

  // Space: start now while thinking (or after a lost take), stop while recording. Enter starts too.
  const live = recording !== 'idle';
  const onSpace = useCallback(() => {
    if (live) void stopRecording();
    else if (thinking || phase.step === 'retry') begin();
  }, [live, thinking, phase.step, begin]);
  useSpaceToRecord(onSpace);
  useEffect(() => {
    if (!thinking && phase.step !== 'retry') return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || e.target instanceof HTMLButtonElement) return;
      e.preventDefault();
      begin();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [thinking, phase.step, begin]);

  return (
    <>
      <section className="interviewer card" aria-label="Interviewer">
        <p className="eyebrow">{eyebrow}</p>
        <h1 className="interviewer-question">{asked}</h1>
        <p className="interviewer-status muted" role="status">
          {phase.step === 'asking'
            ? 'The interviewer is asking…'
            : voice === 'text-only'
              ? 'No system voice is installed for reading aloud, so the question is shown as text.'
              : 'Read aloud by your system’s voice.'}
        </p>
      </section>
      <LiveError />
      <DiscardTake />
      {thinking && (
        <div className="think-time" role="timer" aria-label="Time to think">
          <p className="think-count tabular" aria-live="polite">
            Recording starts in <strong>{phase.secondsLeft}</strong>
          </p>
          <button type="button" className="button button-primary" onClick={begin}>
            Start now <kbd>Space</kbd>
          </button>
        </div>
      )}
      {phase.step === 'retry' && (
        <div className="think-time">
          <p className="think-count">That take was not kept.</p>
          <button type="button" className="button button-primary" onClick={begin}>
            Answer again <kbd>Space</kbd>
          </button>
        </div>
      )}
      {(answering || live) && (
        <>
          <div className="record-row">
            <RecordButton />
            {live && <AnswerTimer />}
            {live && (
              <div className="live-level">
                <LevelMeter />
              </div>
            )}
          </div>
          <div className="live-area">
            <LiveCaptions />
            {live && <NudgeToast />}
          </div>
        </>
      )}
    </>
  );
}
