// "Transcribe again": the final pass run once more over the saved recording of an answer the engine
// failed on, then saved like any other answer (scored, in the totals). If the engine fails again, the
// answer stays as it was and the engine's status says so.
import type { AnswerResult, Question, TargetLength } from '../../shared/domain';
import type { EngineHost } from '../asr/engineHost';
import { samplesToSec } from '../audio/pcm';
import { readWav16kMono } from '../audio/readWav';
import type { SessionRepository } from '../storage/sessionRepository';
import { finalPassOptions, type StreamParams } from '../streaming/streamParams';
import type { AnswerSaver } from './answerSaver';
import { UnknownAnswerError } from './practiceErrors';

export type TranscribeAgainDeps = {
  repository: SessionRepository;
  engine: EngineHost;
  saver: AnswerSaver;
  streamParams: StreamParams;
  /** The question a saved answer was for and its target, to analyse it after the fact. */
  questionAndTarget: (answerId: string) => { question: Question | null; target: TargetLength };
};

export class TranscribeAgain {
  /** Answers whose pass is running, so a second click does not run a second pass. */
  private readonly running = new Set<string>();

  constructor(private readonly deps: TranscribeAgainDeps) {}

  async run(answerId: string): Promise<AnswerResult> {
    const saved = this.deps.repository.untranscribedAnswer(answerId);
    if (!saved) {
      throw new UnknownAnswerError(
        `No untranscribed answer with id ${answerId}: it was transcribed already, or it was deleted.`,
      );
    }
    if (this.running.has(answerId)) throw new Error('This answer is already being transcribed again.');
    this.running.add(answerId);
    try {
      const audio = readWav16kMono(saved.audioPath).samples;
      let words: AnswerResult['words'];
      try {
        words = await this.finalPassOver(audio);
      } catch (err) {
        const reason = this.deps.engine.reportFailure((err as Error).message);
        throw new Error(`${reason}. The recording is still saved; try again once the engine works.`, {
          cause: err,
        });
      }
      const { question, target } = this.deps.questionAndTarget(answerId);
      const durationSec = samplesToSec(audio.length);
      return await this.deps.saver.saveFinished(
        answerId,
        saved.sessionId,
        { words, durationSec, audio },
        question,
        target,
      );
    } finally {
      this.running.delete(answerId);
    }
  }

  private async finalPassOver(audio: Float32Array): Promise<AnswerResult['words']> {
    const transcriber = await this.deps.engine.transcriber();
    const options = finalPassOptions(this.deps.streamParams, samplesToSec(audio.length));
    return (await transcriber.transcribe(audio, options)).words;
  }
}
