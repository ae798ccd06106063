import { useCallback, useEffect, useRef } from 'react';
import { useCoachStore } from '../../store';
import { LiveCaptions } from '../live/LiveCaptions';
import { LiveChips } from '../live/LiveChips';
import { NudgeToast } from '../live/NudgeToast';
import { stopMicCheck, toggleRecording } from './answerRecorder';
import { DiscardTake } from './DiscardTake';
import { MockInterview } from '../mock/MockInterview';
import { ImportRecording } from './ImportRecording';
import { EngineStatusNotice } from './EngineStatusNotice';
import { LevelMeter } from './LevelMeter';
import { LiveError } from './LiveError';
import { AnswerTimer } from './AnswerTimer';
import { MicrophonePanel } from './MicrophonePanel';
import { PracticeResult, selectShowingResult } from './PracticeResult';
import { PracticeSetup } from './PracticeSetup';
import { QuestionCard } from './QuestionCard';
import { QuestionPicker } from './QuestionPicker';
import { RecordButton } from './RecordButton';
import { ServerGoneNotice } from './ServerGoneNotice';
import { SessionBar } from './SessionBar';
import { SetProgress } from './SetProgress';
import { SetSummary } from './SetSummary';
import { useSpaceToRecord } from './useSpaceToRecord';
import './practice.css';

function RecordHint() {
  const engineReady = useCoachStore((s) => s.engineStatus.state === 'ready');
  const keepNoHistory = useCoachStore((s) => s.keepNoHistory);
  const connection = useCoachStore((s) => s.serverConnection);
  return (
    <p className="record-hint">
      {connection === 'lost' ? (
        <>
          Interview Coach has stopped. Start it again with <code>coach serve</code>, then reload this page to
          record.
        </>
      ) : connection === 'back' ? (
        'Interview Coach is running again: reload this page to record.'
      ) : !engineReady ? (
        'Recording becomes available once the speech engine is ready.'
      ) : keepNoHistory ? (
        'Keep no history is on: you get captions and a report, and nothing is saved.'
      ) : (
        'Take a breath, then answer as you would in the room.'
      )}
    </p>
  );
}

export function PracticeScreen() {
  const questionsStatus = useCoachStore((s) => s.questionsStatus);
  const loadQuestions = useCoachStore((s) => s.loadQuestions);
  const showingResult = useCoachStore(selectShowingResult);
  const recording = useCoachStore((s) => s.recording);
  const inSet = useCoachStore((s) => s.practiceSet !== null);
  const mock = useCoachStore((s) => s.practiceSet?.mock === true);
  const showingSetSummary = useCoachStore((s) => s.showingSetSummary);
  const settingsStatus = useCoachStore((s) => s.settingsStatus);
  const loadSettings = useCoachStore((s) => s.loadSettings);
  const keepNoHistory = useCoachStore((s) => s.keepNoHistory);
  const answerCut = useCoachStore((s) => s.cutAnswer !== null);
  const recordButtonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (questionsStatus === 'idle') void loadQuestions();
  }, [questionsStatus, loadQuestions]);

  // The target length and thresholds come from the settings; the defaults stand in until they arrive.
  useEffect(() => {
    if (settingsStatus === 'idle') void loadSettings();
  }, [settingsStatus, loadSettings]);

  // Leaving the screen ends a microphone test (a recording keeps going; navigation is locked meanwhile).
  useEffect(() => () => void stopMicCheck(), []);

  const onSpace = useCallback(() => void toggleRecording(), []);
  // A mock interview starts its takes by itself; Space there only stops one.
  useSpaceToRecord(onSpace, !showingResult && !showingSetSummary && !mock);

  // Back from a result: put the keyboard on the Record button.
  const wasShowingResult = useRef(showingResult);
  useEffect(() => {
    if (wasShowingResult.current && !showingResult) recordButtonRef.current?.focus();
    wasShowingResult.current = showingResult;
  }, [showingResult]);

  if (showingSetSummary) return <SetSummary />;
  if (mock) return <MockInterview />;
  if (showingResult) return <PracticeResult />;

  const live = recording !== 'idle';
  return (
    <div className="practice" data-live={live || undefined}>
      <div className="practice-toolbar">
        {inSet ? <SetProgress /> : <QuestionPicker />}
        {!inSet && <SessionBar />}
      </div>
      {!inSet && !live && <PracticeSetup />}
      {/* After a lost server, its notice by the recorder says it all (and what to do). */}
      {!answerCut && <EngineStatusNotice />}
      <QuestionCard />
      <ServerGoneNotice />
      <LiveError />
      <DiscardTake />
      <div className="record-row">
        <RecordButton buttonRef={recordButtonRef} />
        {/* The answer timer shows the time against the target, so the chips leave it out. */}
        {live ? <LiveChips showTime={false} /> : <RecordHint />}
        {live && <AnswerTimer />}
        {/* The toolbar is hidden while recording: the promise that nothing is kept stays in view. */}
        {live && keepNoHistory && (
          <p className="no-history-badge" role="note">
            <span className="no-history-icon" aria-hidden="true" />
            Nothing is saved
          </p>
        )}
        {/* While recording, the level sits by the timer, so it stays in view in a small window. */}
        {live && (
          <div className="live-level">
            <LevelMeter />
          </div>
        )}
      </div>
      {!live && <ImportRecording />}
      <div className="live-area">
        <LiveCaptions offerLiveReport />
        {live && <NudgeToast />}
      </div>
      {!live && <MicrophonePanel />}
    </div>
  );
}
