// The coaching path through PracticeService: the question's target drives the time nudges, the settings
// reach the NudgeEngine, the disfluency prompt reaches the engine, and every saved answer carries its full
// analysis, voice included, computed from the recorded audio. The transcriber is scripted (it returns the
// fixture's true words) because what is under test is the wiring; the real engine runs in
// tests/integration/pipeline.test.ts.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { EngineHost } from '../../../src/core/asr/engineHost';
import type { AsrResult, TranscribeOptions, Transcriber } from '../../../src/core/asr/transcriber';
import { float32ToPcm16, pcm16ToFloat32 } from '../../../src/core/audio/pcm';
import { detectFilledPauses } from '../../../src/core/coaching/filledPauseDetector';
import { trackPitch } from '../../../src/core/coaching/pitchTracker';
import { readWav16kMono } from '../../../src/core/audio/readWav';
import { dataPaths } from '../../../src/core/dataPaths';
import type { Nudge, Question, Word } from '../../../src/shared/domain';
import { InMemoryCustomQuestions, QuestionCatalog } from '../../../src/core/questions/questionCatalog';
import { openDatabase } from '../../../src/core/storage/database';
import { PracticeService, type StartAnswerRequest } from '../../../src/core/practice/practiceService';
import { SessionRepository } from '../../../src/core/storage/sessionRepository';
import { SettingsStore } from '../../../src/core/settings/settingsStore';
import { DISFLUENCY_PROMPT } from '../../../src/core/streaming/streamParams';
import { ensureCoachingFixtures, type FixtureTruth } from '../../../scripts/makeCoachingFixtures';
import { tempDir } from '../../helpers/fixtures';

const FRAME = 3200;

class ScriptedTranscriber implements Transcriber {
  readonly calls: TranscribeOptions[] = [];
  constructor(private readonly words: Word[]) {}
  async transcribe(audio: Float32Array, options: TranscribeOptions = {}): Promise<AsrResult> {
    this.calls.push(options);
    const words = options.thorough ? this.words.filter((w) => w.endSec <= audio.length / 16_000) : [];
    return { words, text: words.map((w) => w.text).join(' '), computeMs: 1 };
  }
  async dispose(): Promise<void> {}
}

const QUESTIONS: Question[] = [
  {
    id: 'beh-deadline',
    kind: 'behavioural',
    text: 'Tell me about a tight deadline.',
    target: { minSec: 20, maxSec: 35 },
  },
];

describe('PracticeService coaching', () => {
  let truth: FixtureTruth;
  let samples: Float32Array;

  beforeAll(async () => {
    truth = (await ensureCoachingFixtures()).find((f) => f.name === 'fillers-us-male')!;
    samples = readWav16kMono(truth.wavPath).samples;
  });

  function setup(settings = new SettingsStore()) {
    const transcriber = new ScriptedTranscriber(truth.words);
    const nudges: Nudge[] = [];
    const paths = dataPaths(tempDir());
    const service = new PracticeService({
      paths,
      repository: new SessionRepository(openDatabase(paths.dbPath)),
      engine: new EngineHost({
        modelsDir: paths.modelsDir,
        modelPath: inject('syntheticModelPath'),
        load: async () => transcriber,
      }),
      events: { caption: () => {}, stats: () => {}, nudge: (n) => nudges.push(n), answerError: () => {} },
      questions: new QuestionCatalog(QUESTIONS, new InMemoryCustomQuestions()),
      settings,
    });
    const record = async (req: StartAnswerRequest, seconds = truth.durationSec) => {
      const { answerId } = await service.startAnswer(req);
      for (let i = 0; i < Math.min(samples.length, seconds * 16_000); i += FRAME) {
        service.pushAudio(answerId, float32ToPcm16(samples.subarray(i, i + FRAME)).buffer as ArrayBuffer);
        await service.drain(answerId);
      }
      return service.stopAnswer(answerId);
    };
    return { service, transcriber, nudges, record };
  }

  it('passes the disfluency prompt to every live step and to the final pass', async () => {
    const { transcriber, record } = setup();
    await record({ questionId: 'x', questionText: 'Anything' }, 8);
    expect(transcriber.calls.length).toBeGreaterThan(5);
    for (const call of transcriber.calls) expect(call.prompt?.startsWith(DISFLUENCY_PROMPT)).toBe(true);
    expect(transcriber.calls.at(-1)).toMatchObject({ thorough: true, prompt: DISFLUENCY_PROMPT });
  });

  it("times the nudges to the target given at start, else the question's own", async () => {
    const a = setup();
    await a.record({ questionId: 'x', questionText: 'Anything', target: { minSec: 20, maxSec: 45 } });
    expect(a.nudges.filter((n) => n.kind === 'time-left').map((n) => Math.round(n.atSec))).toEqual([15]);
    const timeUp = a.nudges.find((n) => n.kind === 'time-up')!;
    expect(timeUp.atSec).toBeGreaterThanOrEqual(45);
    expect(timeUp.atSec).toBeLessThan(46.5);

    const b = setup();
    await b.record({ questionId: 'beh-deadline', questionText: QUESTIONS[0]!.text });
    const ownTimeUp = b.nudges.find((n) => n.kind === 'time-up')!;
    expect(ownTimeUp.atSec).toBeGreaterThanOrEqual(35);
    expect(ownTimeUp.atSec).toBeLessThan(36.5);
  });

  it('applies the nudge settings to the next answer', async () => {
    const settings = new SettingsStore();
    settings.update({ nudges: { timeNudges: false } });
    const quietTime = setup(settings);
    await quietTime.record({ questionId: 'beh-deadline', questionText: QUESTIONS[0]!.text });
    expect(quietTime.nudges.some((n) => n.kind === 'time-up' || n.kind === 'time-left')).toBe(false);
    settings.update({ nudges: { enabled: false, timeNudges: true } });
    const off = setup(settings);
    await off.record({ questionId: 'beh-deadline', questionText: QUESTIONS[0]!.text });
    expect(off.nudges).toEqual([]);
  });

  it('saves and returns the full analysis, with the voice taken from the recorded audio', async () => {
    const { service, record } = setup();
    const result = await record({ questionId: 'beh-deadline', questionText: QUESTIONS[0]!.text });
    const analysis = result.report.coaching!;
    expect(analysis.questionKind).toBe('behavioural');
    expect(analysis.target).toEqual(QUESTIONS[0]!.target);
    expect(analysis.voice?.medianPitchHz).toBeGreaterThan(60);
    // The scripted transcript, like Whisper's, has no "um"s: the audio check finds them.
    expect(analysis.filledPauseCandidates.length).toBeGreaterThanOrEqual(truth.fillers.length - 2);
    // The app's detector gets the same inputs as the benchmark's: the pitch track and the samples.
    const recorded = pcm16ToFloat32(
      float32ToPcm16(samples.subarray(0, Math.round(result.report.durationSec * 16_000))),
    );
    expect(analysis.filledPauseCandidates).toEqual(
      detectFilledPauses(trackPitch(recorded), result.words, result.report.durationSec, {
        samples: recorded,
      }),
    );
    expect(analysis.structure?.kind).toBe('star');
    expect(analysis.language.length.verdict).toBe('long');
    expect(analysis.suggestions.length).toBeGreaterThanOrEqual(2);

    const session = service.getSession(result.sessionId);
    expect(session.answers[0]!.report.coaching).toEqual(analysis);
    expect(session.sessionScore).toMatchObject({ total: analysis.score.total, answerCount: 1 });
    expect(service.listSessions()[0]!.score).toBe(analysis.score.total);
  });
});
