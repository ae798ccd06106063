// zod schemas for the review channels (issue #5): history list queries, search, coach notes and rubric.
// Kept free of Node APIs so the renderer's type-check can see them too.
import { z } from 'zod';
import { QUESTION_KINDS, RUBRIC_CRITERIA, ROLE_FAMILIES } from './domain';

/** A page the list can render without virtualisation and the database serves in a few ms. */
export const MAX_HISTORY_PAGE = 100;
export const DEFAULT_HISTORY_PAGE = 50;
export const MAX_SEARCH_RESULTS = 100;
export const MAX_SEARCH_CHARS = 200;
export const MAX_NOTE_CHARS = 5000;

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO date');

export const historyQuerySchema = z.object({
  sort: z.enum(['date', 'score', 'duration']).default('date'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  /** Sessions started at or after this instant. */
  from: isoDate.optional(),
  /** Sessions started before this instant. */
  to: isoDate.optional(),
  role: z.enum(ROLE_FAMILIES).optional(),
  kind: z.enum(QUESTION_KINDS).optional(),
  minScore: z.number().min(0).max(100).optional(),
  maxScore: z.number().min(0).max(100).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(MAX_HISTORY_PAGE).default(DEFAULT_HISTORY_PAGE),
});
export type HistoryQuery = z.input<typeof historyQuerySchema>;
export type ParsedHistoryQuery = z.output<typeof historyQuerySchema>;

export const searchQuerySchema = z.object({
  text: z.string().max(MAX_SEARCH_CHARS),
  limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).default(30),
});
export type SearchQuery = z.input<typeof searchQuerySchema>;

const seconds = z
  .number()
  .min(0)
  .max(24 * 3600);
const wordIndex = z.number().int().min(0);

export const newNoteSchema = z
  .object({
    answerId: z.string().uuid(),
    atSec: seconds,
    endSec: seconds.nullable().optional(),
    wordStart: wordIndex.nullable().optional(),
    wordEnd: wordIndex.nullable().optional(),
    body: z.string().trim().min(1, 'write the note first').max(MAX_NOTE_CHARS),
  })
  .refine((n) => n.endSec == null || n.endSec >= n.atSec, 'a note cannot end before it starts')
  .refine(
    (n) => n.wordStart == null || n.wordEnd == null || n.wordEnd >= n.wordStart,
    'the word range is reversed',
  );
export type NewNote = z.input<typeof newNoteSchema>;

export const EXPORT_FORMATS = ['md', 'json', 'pdf', 'coach'] as const;
export const exportFormatSchema = z.enum(EXPORT_FORMATS);
/** The largest bundle import accepted over IPC (a long session with many answers is well under). */
export const MAX_IMPORT_BYTES = 1024 ** 3;
export const bundleBytesSchema = z
  .instanceof(ArrayBuffer, { message: 'a bundle must be sent as an ArrayBuffer' })
  .refine((b) => b.byteLength > 0, 'the file is empty')
  .refine((b) => b.byteLength <= MAX_IMPORT_BYTES, 'the file is too large to be a session bundle');

export const noteIdSchema = z.number().int().min(1);

export const noteUpdateSchema = z.object({
  body: z.string().trim().min(1, 'write the note first').max(MAX_NOTE_CHARS),
});
export type NoteUpdate = z.infer<typeof noteUpdateSchema>;

export const rubricScoreSchema = z.object({
  answerId: z.string().uuid(),
  criterion: z.enum(RUBRIC_CRITERIA),
  /** null clears the score. */
  score: z.number().int().min(1).max(5).nullable(),
});
export type RubricScoreUpdate = z.infer<typeof rubricScoreSchema>;
