import { useCallback, useEffect, useRef } from 'react';
import { useCoachStore } from '../../store';
import { LiveCaptions } from '../live/LiveCaptions';
import { LiveChips } from '../live/LiveChips';
import { NudgeToast } from '../live/NudgeToast';
import { stopMicCheck, toggleRecording } from './answerRecorder';
import { EngineStatusNotice } from './EngineStatusNotice';
import { LiveError } from './LiveError';
import { MicrophonePanel } from './MicrophonePanel';
import { PracticeResult } from './PracticeResult';
import { QuestionCard } from './QuestionCard';
import { QuestionPicker } from './QuestionPicker';
import { RecordButton } from './RecordButton';
import { SessionBar } from './SessionBar';
import { useSpaceToRecord } from './useSpaceToRecord';
import './practice.css';

function RecordHint() {
  const engineReady = useCoachStore((s) => s.engineStatus.state === 'ready');
  return (
    <p className="record-hint">
      {engineReady
        ? 'Take a breath, then answer as you would in the room.'
        : 'Recording becomes available once the speech engine is ready.'}
    </p>
  );
}

export function PracticeScreen() {
  const questionsStatus = useCoachStore((s) => s.questionsStatus);
  const loadQuestions = useCoachStore((s) => s.loadQuestions);
  const showingResult = useCoachStore((s) => s.lastResult !== null && s.recording === 'idle');
  const recording = useCoachStore((s) => s.recording);
  const recordButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (questionsStatus === 'idle') void loadQuestions();
  }, [questionsStatus, loadQuestions]);

  // Leaving the screen ends a microphone test (a recording keeps going; navigation is locked meanwhile).
  useEffect(() => () => void stopMicCheck(), []);

  const onSpace = useCallback(() => void toggleRecording(), []);
  useSpaceToRecord(onSpace, !showingResult);

  // Back from a result: put the keyboard on the Record button.
  const wasShowingResult = useRef(showingResult);
  useEffect(() => {
    if (wasShowingResult.current && !showingResult) recordButtonRef.current?.focus();
    wasShowingResult.current = showingResult;
  }, [showingResult]);

  if (showingResult) return <PracticeResult />;

  const live = recording !== 'idle';
  return (
    <div className="practice">
      <div className="practice-toolbar">
        <QuestionPicker />
        <SessionBar />
      </div>
      <EngineStatusNotice />
      <QuestionCard />
      <LiveError />
      <div className="record-row">
        <RecordButton buttonRef={recordButtonRef} />
        {live ? <LiveChips /> : <RecordHint />}
      </div>
      <div className="live-area">
        <LiveCaptions />
        {live && <NudgeToast />}
      </div>
      <MicrophonePanel />
    </div>
  );
}
