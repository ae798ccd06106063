// Imports a timed transcript from JSON so answers transcribed elsewhere can be scored like live ones.
import { z } from 'zod';
import type { Word } from '../../shared/domain';
import { clampWordTimes, tokensToWords, type TimedToken } from './tokensToWords';

const MS_PER_SEC = 1000;
/** Enough issues to locate the problem without burying it. */
const MAX_REPORTED_ISSUES = 3;

const ACCEPTED_FORMATS =
  'Accepted transcript formats: (a) an array of words [{ "text": string, "startSec": number, "endSec": number }], ' +
  'or (b) whisper.cpp full JSON output (-ojf): { "transcription": [{ "offsets": { "from": ms, "to": ms }, ' +
  '"text": string, "tokens": [{ "text": string, "offsets": { "from": ms, "to": ms }, "p"?: number }] }] }.';

const timeSec = z.number().nonnegative();
const probability = z.number().min(0).max(1);

const ownWordSchema = z.object({
  text: z.string(),
  startSec: timeSec,
  endSec: timeSec,
  probability: probability.optional(),
});
const ownFormatSchema = z.array(ownWordSchema);

const offsetsSchema = z.object({ from: z.number().nonnegative(), to: z.number().nonnegative() });

const whisperTokenSchema = z.object({
  text: z.string(),
  offsets: offsetsSchema,
  // whisper.cpp reports a probability per token; older builds or hand-edited files may lack it.
  p: probability.optional(),
});

const whisperSegmentSchema = z.object({
  offsets: offsetsSchema,
  text: z.string(),
  tokens: z.array(whisperTokenSchema).optional(),
});

const whisperFullSchema = z.object({ transcription: z.array(whisperSegmentSchema) });

type WhisperSegment = z.infer<typeof whisperSegmentSchema>;

/**
 * Accepts the already-parsed JSON value (not the file's text) and returns words in time order.
 * Throws an Error naming the accepted formats and what was wrong when the shape matches neither.
 */
export function parseTranscriptJson(json: unknown): Word[] {
  if (Array.isArray(json)) {
    const parsed = ownFormatSchema.safeParse(json);
    if (!parsed.success) throw invalidTranscript('a word array', parsed.error);
    return clampWordTimes(parsed.data);
  }
  if (isRecord(json) && 'transcription' in json) {
    const parsed = whisperFullSchema.safeParse(json);
    if (!parsed.success) throw invalidTranscript('whisper.cpp -ojf output', parsed.error);
    return clampWordTimes(parsed.data.transcription.flatMap(segmentToWords));
  }
  return throwUnrecognised(json);
}

function segmentToWords(segment: WhisperSegment): Word[] {
  const tokens: TimedToken[] =
    segment.tokens && segment.tokens.length > 0
      ? segment.tokens.map((token) => ({
          text: token.text,
          startSec: token.offsets.from / MS_PER_SEC,
          endSec: token.offsets.to / MS_PER_SEC,
          ...(token.p === undefined ? {} : { probability: token.p }),
        }))
      : evenlyTimedTokens(segment);
  return tokensToWords(tokens);
}

/** Without token timings the best available guess is that the segment's words share its span equally. */
function evenlyTimedTokens(segment: WhisperSegment): TimedToken[] {
  const pieces = segment.text.split(/\s+/).filter((piece) => piece !== '');
  const startSec = segment.offsets.from / MS_PER_SEC;
  const spanSec = Math.max(0, segment.offsets.to / MS_PER_SEC - startSec);
  const perPieceSec = pieces.length > 0 ? spanSec / pieces.length : 0;
  return pieces.map((piece, index) => ({
    text: ` ${piece}`,
    startSec: startSec + index * perPieceSec,
    endSec: startSec + (index + 1) * perPieceSec,
  }));
}

function invalidTranscript(formatName: string, error: z.ZodError): Error {
  const problems = error.issues
    .slice(0, MAX_REPORTED_ISSUES)
    .map((issue) => `at ${formatPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length - problems.length;
  const moreNote = more > 0 ? ` (and ${more} more)` : '';
  return new Error(
    `Invalid transcript JSON: it looks like ${formatName} but is invalid ${problems.join('; ')}${moreNote}. ${ACCEPTED_FORMATS}`,
  );
}

function throwUnrecognised(json: unknown): never {
  const got = isRecord(json)
    ? `an object without a "transcription" array (keys: ${Object.keys(json).slice(0, MAX_REPORTED_ISSUES).join(', ') || 'none'})`
    : describeType(json);
  throw new Error(`Invalid transcript JSON: got ${got}. ${ACCEPTED_FORMATS}`);
}

function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return 'a string (pass the parsed JSON value, not its text)';
  return `a ${typeof value}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
