// Saving a finished answer: its coaching report, the repository write, and what happens when the disk
// refuses it (the answer is kept in memory until Save again succeeds). Stop, Transcribe again and
// crash recovery all save through here.
import type { AnswerReport, AnswerResult, Question, TargetLength } from '../../shared/domain';
import { computeAnswerReportWithAudio, transcriptOnlyReport } from '../coaching/answerReport';
import { describeFsError } from '../fsErrors';
import type { LiveWordStore } from '../storage/liveWordStore';
import { pitchTrackPathFor, removePitchTrackFile } from '../storage/pitchTrackFile';
import type { SessionRepository } from '../storage/sessionRepository';
import type { FinishedAnswer } from './crashRecovery';
import { AnswerNotSavedError, UnknownAnswerError } from './practiceErrors';

/** A stopped answer the database could not take (a full disk): kept in memory for `retry`. */
export type UnsavedAnswer = {
  sessionId: string;
  finished: FinishedAnswer;
  question: Question | null;
  target: TargetLength;
};

export type AnswerSaverDeps = {
  repository: SessionRepository;
  answerError: (e: { answerId: string; message: string }) => void;
  liveWords?: LiveWordStore | undefined;
  /** Where an answer's recording is (its pitch frames beside it go once it is saved). */
  wavPathOf: (sessionId: string, answerId: string) => string;
};

export class AnswerSaver {
  /**
   * Stopped answers whose save failed, with their final-pass words and audio, until `retry`
   * succeeds. If the app quits first, the answer is still marked recording, so the start-up
   * recovery finishes it from its recording and live words, as after a crash.
   */
  private readonly unsaved = new Map<string, UnsavedAnswer>();

  constructor(private readonly deps: AnswerSaverDeps) {}

  /** True while an answer of this session waits to be saved again. */
  keepsAnswerOf(sessionId: string): boolean {
    return [...this.unsaved.values()].some((kept) => kept.sessionId === sessionId);
  }

  keeps(answerId: string): boolean {
    return this.unsaved.has(answerId);
  }

  /** Saves an answer whose save failed at Stop (the user freed disk space and pressed Save again). */
  async retry(answerId: string): Promise<AnswerResult> {
    const kept = this.unsaved.get(answerId);
    if (!kept) {
      throw new UnknownAnswerError(
        `No unsaved answer with id ${answerId}: it was saved already, or Interview Coach restarted since (then it was finished from its recording at start).`,
      );
    }
    return this.saveOrKeep(answerId, kept);
  }

  /** Saves the finished answer; if the database refuses it, keeps it in memory for `retry`. */
  async saveOrKeep(answerId: string, answer: UnsavedAnswer): Promise<AnswerResult> {
    const { sessionId, finished, question, target } = answer;
    try {
      const saved = await this.saveFinished(answerId, sessionId, finished, question, target);
      this.unsaved.delete(answerId);
      return saved;
    } catch (err) {
      if (!(err instanceof AnswerNotSavedError)) throw err;
      this.unsaved.set(answerId, answer);
      throw new AnswerNotSavedError(
        err.reason,
        `Could not save this answer: ${err.reason}. Your transcript is kept: free some disk space, then press Save again. (If you quit first, the answer is finished from its recording the next time Interview Coach starts.)`,
        { cause: err.cause },
      );
    }
  }

  async saveFinished(
    answerId: string,
    sessionId: string,
    finished: FinishedAnswer,
    question: Question | null,
    target: TargetLength,
  ): Promise<AnswerResult> {
    const { repository } = this.deps;
    const reason = finished.engineError;
    if (reason !== undefined) {
      // Never scored, never in a total, never "silence": the audio and the reason, for Transcribe again.
      return this.writeAnswer(answerId, sessionId, () =>
        repository.saveUntranscribed(answerId, {
          durationSec: finished.durationSec,
          reason,
          liveWords: finished.words,
        }),
      );
    }
    const text = finished.words.map((w) => w.text).join(' ');
    const report = await this.report(answerId, finished, question, target);
    return this.writeAnswer(answerId, sessionId, () =>
      repository.completeAnswer(answerId, {
        durationSec: finished.durationSec,
        words: finished.words,
        text,
        report,
      }),
    );
  }

  /** Runs the repository write that finishes an answer, then returns the answer as saved. */
  private writeAnswer(answerId: string, sessionId: string, write: () => void): AnswerResult {
    try {
      write();
    } catch (err) {
      // The answer stays marked as recording, so the start-up recovery finishes it from what is on disk.
      const reason = describeFsError(err);
      throw new AnswerNotSavedError(
        reason,
        `Could not save this answer: ${reason}. Free some disk space; what was already saved is kept, and this answer is finished from its recording the next time Interview Coach starts.`,
        { cause: err },
      );
    }
    this.deps.liveWords?.clear(answerId);
    // Saved: crash recovery will not need its pitch frames.
    removePitchTrackFile(pitchTrackPathFor(this.deps.wavPathOf(sessionId, answerId)));
    const saved = this.deps.repository.getAnswer(answerId);
    if (!saved) throw new Error(`Answer ${answerId} was not saved`);
    return { ...saved, sessionId };
  }

  /** A failure in the coaching analysis must not lose the answer: it is saved with the transcript's measures. */
  async report(
    answerId: string,
    finished: FinishedAnswer,
    question: Question | null,
    target: TargetLength,
    { live = false } = {},
  ): Promise<AnswerReport> {
    try {
      return await computeAnswerReportWithAudio(
        finished.audio,
        { words: finished.words, durationSec: finished.durationSec, question, target },
        finished.pitch,
      );
    } catch (err) {
      this.deps.answerError({
        answerId,
        message: live
          ? `The coaching analysis of the live transcript failed; the final report follows: ${(err as Error).message}`
          : `The coaching analysis failed; the transcript was saved: ${(err as Error).message}`,
      });
      return transcriptOnlyReport(finished.words, finished.durationSec);
    }
  }
}
