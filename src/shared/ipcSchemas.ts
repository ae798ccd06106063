// zod schemas for everything that crosses into main (Electron IPC, the WebSocket bridge, the HTTP API):
// the renderer is treated as untrusted input. Imported by main and the server only; the renderer and
// preload see the same shapes as types in ipcContract.ts (a lint rule keeps zod out of their bundles).
import { z } from 'zod';
import { SAMPLE_RATE_HZ } from './audioFormat';
import {
  newCustomQuestionSchema,
  practiceSetOptionsSchema,
  settingsUpdateSchema,
  targetLengthSchema,
} from './coachingSchemas';
import type {
  ImportRecordingRequest,
  InvokeChannel,
  InvokeChannels,
  SendChannel,
  SendChannels,
  StartAnswerOptions,
} from './ipcContract';
import { ROLE_FAMILIES } from './domain';
import { MODEL_FILE_NAME_PATTERN } from './modelsContract';
import {
  bundleBytesSchema,
  exportFormatSchema,
  historyQuerySchema,
  newNoteSchema,
  noteIdSchema,
  noteUpdateSchema,
  rubricScoreSchema,
  searchQuerySchema,
} from './reviewSchemas';

/** 250 ms frames are 8,000 bytes; anything far larger is a bug or an attack. */
export const MAX_AUDIO_CHUNK_BYTES = 64 * 1024;

export const startAnswerOptionsSchema = z.object({
  /** Continue an existing practice session, or omit to start a new one. */
  sessionId: z.string().uuid().optional(),
  questionId: z.string().min(1).max(200),
  questionText: z.string().min(1).max(2000),
  /** Declared by the sender so a capture path that forgot to resample is refused, not mis-heard. */
  sampleRateHz: z.literal(SAMPLE_RATE_HZ, {
    message: `audio must be 16-bit mono PCM at ${SAMPLE_RATE_HZ} Hz`,
  }),
  /** The answer length aimed for (time nudges, length score); else the question's or the default. */
  target: targetLengthSchema.optional(),
  keepNoHistory: z.boolean().optional(),
  practisedForRole: z.enum(ROLE_FAMILIES).optional(),
}) satisfies z.ZodType<StartAnswerOptions>;

export const answerIdSchema = z.string().uuid();

/** Recording import (Practice → Import a recording): the file is a path on this computer. */
export const importRecordingSchema = z.object({
  importId: z.string().uuid(),
  fileName: z.string().min(1).max(255),
  filePath: z.string().min(1).max(4096),
  questionId: startAnswerOptionsSchema.shape.questionId,
  questionText: startAnswerOptionsSchema.shape.questionText,
  sessionId: z.string().uuid().optional(),
  target: targetLengthSchema.optional(),
  keepNoHistory: z.boolean().optional(),
}) satisfies z.ZodType<ImportRecordingRequest & { filePath: string }>;
export const sessionIdSchema = z.string().uuid();

export const audioChunkSchema = z
  .instanceof(ArrayBuffer, { message: 'audio chunk must be an ArrayBuffer of 16-bit PCM' })
  .refine((b) => b.byteLength > 0, 'audio chunk is empty')
  .refine((b) => b.byteLength % 2 === 0, 'audio chunk must hold whole 16-bit samples')
  .refine((b) => b.byteLength <= MAX_AUDIO_CHUNK_BYTES, `audio chunk exceeds ${MAX_AUDIO_CHUNK_BYTES} bytes`);

/** A model's file name in the models folder; never a path. */
export const modelFileNameSchema = z
  .string()
  .max(200)
  .regex(MODEL_FILE_NAME_PATTERN, 'a model file is named ggml-….bin, without any folder');
/** A local file to import, as chosen by the user (validated as a ggml model before it is copied). */
export const modelImportPathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => /\.bin$/i.test(p.trim()), 'choose a whisper.cpp model file (.bin)');

/** Validators for each inbound channel's arguments, applied in main before any handler runs. */
export const invokeArgSchemas = {
  'app:status': z.tuple([]),
  'questions:list': z.tuple([]),
  'answer:start': z.tuple([startAnswerOptionsSchema]),
  'answer:stop': z.tuple([answerIdSchema]),
  'answer:live-report': z.tuple([answerIdSchema]),
  'answer:cancel': z.tuple([answerIdSchema]),
  'answer:retry-save': z.tuple([answerIdSchema]),
  'answer:transcribe-again': z.tuple([answerIdSchema]),
  'recording:import': z.tuple([importRecordingSchema]),
  'recording:cancel-import': z.tuple([z.string().uuid()]),
  'sessions:list': z.tuple([]),
  'session:get': z.tuple([sessionIdSchema]),
  'questions:add-custom': z.tuple([newCustomQuestionSchema]),
  'questions:delete-custom': z.tuple([z.string().min(1).max(200)]),
  'questions:practice-set': z.tuple([practiceSetOptionsSchema]),
  'settings:get': z.tuple([]),
  'settings:update': z.tuple([settingsUpdateSchema]),
  'settings:reset': z.tuple([]),
  'history:list': z.tuple([historyQuerySchema]),
  'history:search': z.tuple([searchQuerySchema]),
  'history:trends': z.tuple([]),
  'answer:audio': z.tuple([answerIdSchema]),
  'review:get': z.tuple([sessionIdSchema]),
  'notes:add': z.tuple([newNoteSchema]),
  'notes:update': z.tuple([noteIdSchema, noteUpdateSchema]),
  'notes:delete': z.tuple([noteIdSchema]),
  'rubric:set': z.tuple([rubricScoreSchema]),
  'session:delete': z.tuple([sessionIdSchema]),
  'answer:delete': z.tuple([answerIdSchema]),
  'data:usage': z.tuple([]),
  'session:export': z.tuple([sessionIdSchema, exportFormatSchema]),
  'bundle:import': z.tuple([bundleBytesSchema, z.string().min(1).max(255)]),
  'models:list': z.tuple([]),
  'models:download': z.tuple([modelFileNameSchema]),
  'models:cancel-download': z.tuple([modelFileNameSchema]),
  'models:import': z.tuple([modelImportPathSchema]),
  'models:delete': z.tuple([modelFileNameSchema]),
  'models:set-active': z.tuple([modelFileNameSchema.nullable()]),
  'models:reload-engine': z.tuple([]),
  'recovery:notices': z.tuple([]),
  'recovery:dismiss': z.tuple([z.array(answerIdSchema).min(1).max(1000)]),
} satisfies { [C in InvokeChannel]: z.ZodType<Parameters<InvokeChannels[C]>> };

export const sendArgSchemas = {
  'audio:chunk': z.tuple([answerIdSchema, audioChunkSchema]),
} satisfies { [C in SendChannel]: z.ZodType<Parameters<SendChannels[C]>> };

/** Formats a zod failure as one readable line for the user and the log. */
export function describeValidationError(channel: string, error: z.ZodError): string {
  const issues = error.issues.map((i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`);
  return `Invalid payload for ${channel}: ${issues.join('; ')}`;
}
