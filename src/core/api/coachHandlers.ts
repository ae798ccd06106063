// The handler table behind every invoke channel. Electron IPC registers it today; the WebSocket
// bridge can register the same table, so no handler is written twice.
import type { InvokeChannels, SendChannels } from '../../shared/ipcContract';
import type { EngineHost } from '../asr/engineHost';
import type { DataPaths } from '../dataPaths';
import type { Question } from '../../shared/domain';
import { buildPracticeSet } from '../questions/practiceSet';
import { InMemoryCustomQuestions, QuestionCatalog } from '../questions/questionCatalog';
import type { PracticeService } from '../practice/practiceService';
import type { Repositories } from '../storage/repositories';
import {
  dataUsage,
  deleteAnswerWithAudio,
  deleteSessionWithAudio,
  readAnswerAudio,
} from '../storage/sessionFiles';
import { exportSessionBytes, type PdfRenderer } from '../export/exportSession';
import { importBundleBytes } from '../export/sessionBundle';
import { SettingsStore } from '../settings/settingsStore';
import type { ModelManager } from '../models/modelManager';
import type { RecordingImports } from '../practice/recordingImport';
import type { RecoveryNoticeRepository } from '../storage/recoveryNoticeRepository';

export type CoachHandlers = { [C in keyof InvokeChannels]: InvokeChannels[C] };

export function createCoachHandlers(deps: {
  service: PracticeService;
  engine: EngineHost;
  paths: DataPaths;
  questions: Question[];
  /** The bank plus the user's questions; without it custom questions last only as long as the process. */
  catalog?: QuestionCatalog;
  /** Without it settings are the defaults, kept in memory. */
  settings?: SettingsStore;
  /** History, search, notes and the session files (issue #5); without it those channels refuse. */
  review?: Pick<Repositories, 'sessions' | 'history' | 'notes'>;
  /** Renders the HTML report as a PDF: Electron's printToPDF in the app, headless Chromium elsewhere. */
  renderPdf?: PdfRenderer;
  /** Settings → Models; without it those channels refuse. */
  models?: ModelManager;
  /** Practice → Import a recording; without it those channels refuse. */
  imports?: RecordingImports;
  /** The start-up crash recovery's notices; without it there are none. */
  recovery?: { notices: RecoveryNoticeRepository; done: Promise<unknown> };
}): CoachHandlers {
  const { service, engine, paths } = deps;
  const catalog = deps.catalog ?? new QuestionCatalog(deps.questions, new InMemoryCustomQuestions());
  const settings = deps.settings ?? new SettingsStore();
  const review = () => {
    if (!deps.review) throw new Error('History is not available in this mode.');
    return deps.review;
  };
  const imports = () => {
    if (!deps.imports) throw new Error('Importing recordings is not available in this mode.');
    return deps.imports;
  };
  const models = () => {
    if (!deps.models) throw new Error('Model management is not available in this mode.');
    return deps.models;
  };
  return {
    'app:status': async () => ({ dataDir: paths.dataDir, modelsDir: paths.modelsDir, engine: engine.status }),
    'questions:list': async () => catalog.list(),
    'answer:start': (options) => service.startAnswer(options),
    'answer:stop': (answerId) => service.stopAnswer(answerId),
    'answer:cancel': (answerId) => service.cancelAnswer(answerId),
    'answer:live-report': (answerId) => service.liveReport(answerId),
    'answer:retry-save': (answerId) => service.retrySave(answerId),
    'answer:transcribe-again': (answerId) => service.transcribeAgain(answerId),
    'recording:import': (request) => imports().run(request),
    'recording:cancel-import': async (importId) => imports().cancel(importId),
    'sessions:list': async () => service.listSessions(),
    'session:get': async (sessionId) => service.getSession(sessionId),
    'questions:add-custom': async (question) => catalog.addCustom(question),
    'questions:delete-custom': async (questionId) => catalog.deleteCustom(questionId),
    'questions:practice-set': async (options) => buildPracticeSet(catalog.list(), options),
    'settings:get': async () => settings.get(),
    'settings:update': async (update) => settings.update(update),
    'settings:reset': async () => settings.reset(),
    'history:list': async (query) => review().history.listHistory(query),
    'history:search': async (query) => review().history.search(query),
    'history:trends': async () => review().history.trends(),
    'answer:audio': (answerId) => readAnswerAudio(review().sessions, paths, answerId),
    'review:get': async (sessionId) => review().notes.sessionReview(sessionId),
    'notes:add': async (note) => review().notes.addNote(note),
    'notes:update': async (noteId, update) => review().notes.updateNote(noteId, update.body),
    'notes:delete': async (noteId) => review().notes.deleteNote(noteId),
    'rubric:set': async (u) => review().notes.setRubricScore(u.answerId, u.criterion, u.score),
    'session:delete': async (sessionId) => {
      if (service.isRecordingIn(sessionId)) {
        throw new Error('This session is still recording an answer; stop it first.');
      }
      if (!deleteSessionWithAudio(review().sessions, paths, sessionId)) {
        throw new Error(`No saved session with id ${sessionId}`);
      }
    },
    'answer:delete': async (answerId) => {
      // An answer still recording has no saved result yet, so it is "not found" here, never half-deleted.
      if (!deleteAnswerWithAudio(review().sessions, paths, answerId)) {
        throw new Error(`No saved answer with id ${answerId}`);
      }
    },
    'data:usage': async () => dataUsage(review().sessions, paths),
    'session:export': async (sessionId, format) => {
      const file = await exportSessionBytes(review(), paths, sessionId, `.${format}`, deps.renderPdf);
      const { bytes } = file;
      // An ArrayBuffer that owns exactly these bytes, for IPC's structured clone.
      const copy = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
      return { fileName: file.fileName, mimeType: file.mimeType, bytes: copy };
    },
    'bundle:import': async (bytes, fileName) =>
      importBundleBytes(review(), paths, Buffer.from(bytes), fileName),
    'models:list': async () => models().overview(),
    'models:download': async (fileName) => models().startDownload(fileName),
    'models:cancel-download': async (fileName) => models().cancelDownload(fileName),
    'models:import': (sourcePath) => models().importModel(sourcePath.trim()),
    'models:delete': (fileName) => models().deleteModel(fileName),
    'models:set-active': (fileName) => models().setActive(fileName),
    'models:reload-engine': () => models().reloadEngine(),
    // Listed once the start-up recovery has finished, so a page never misses an answer still being recovered.
    'recovery:notices': async () => {
      if (!deps.recovery) return [];
      await deps.recovery.done;
      return deps.recovery.notices.list();
    },
    'recovery:dismiss': async (answerIds) => {
      deps.recovery?.notices.dismiss(answerIds, new Date().toISOString());
    },
  };
}

export type CoachSendHandlers = { [C in keyof SendChannels]: SendChannels[C] };

/** The fire-and-forget channels (audio), shared the same way by both transports. */
export function createCoachSendHandlers(deps: { service: PracticeService }): CoachSendHandlers {
  return {
    'audio:chunk': (answerId, pcm16) => deps.service.pushAudio(answerId, pcm16),
  };
}
