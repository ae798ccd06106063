// Reads the corpus markup (see scripts.ts) into timed-free tokens with their labels, and names the filler
// types the benchmark reports on.
import { normalizeWord } from '../../src/core/coaching/fillerWords';

export const FILLER_TYPES = [
  'vocal',
  'like',
  'you know',
  'I mean',
  'so',
  'basically/actually/literally',
  'kind of/sort of',
] as const;
export type FillerType = (typeof FILLER_TYPES)[number];

export type ScriptToken =
  | { type: 'word'; text: string; filler: FillerType | null; fillerStart: boolean }
  | { type: 'vocal'; text: 'um' | 'uh' | 'er'; drawnOut: boolean };

export function fillerTypeOf(phrase: string): FillerType {
  const norm = phrase.split(/\s+/).map(normalizeWord).join(' ');
  if (norm === 'like') return 'like';
  if (norm === 'you know') return 'you know';
  if (norm === 'i mean') return 'I mean';
  if (norm === 'so') return 'so';
  if (norm === 'basically' || norm === 'actually' || norm === 'literally')
    return 'basically/actually/literally';
  if (norm === 'kind of' || norm === 'sort of') return 'kind of/sort of';
  if (['um', 'uh', 'er', 'erm', 'ah', 'hmm'].includes(norm)) return 'vocal';
  throw new Error(`Unknown filler in the corpus markup: ${phrase}`);
}

export function parseMarkup(script: string): ScriptToken[] {
  const tokens: ScriptToken[] = [];
  for (const match of script.matchAll(/\[([^\]]+)\]([^\s[{]*)|\{(um|uh|er)(\+?)\}|(\S+)/g)) {
    if (match[1] !== undefined) {
      const type = fillerTypeOf(match[1]);
      const parts = `${match[1]}${match[2] ?? ''}`.split(/\s+/);
      parts.forEach((text, i) => tokens.push({ type: 'word', text, filler: type, fillerStart: i === 0 }));
    } else if (match[3] !== undefined) {
      tokens.push({ type: 'vocal', text: match[3] as 'um' | 'uh' | 'er', drawnOut: match[4] === '+' });
    } else {
      tokens.push({ type: 'word', text: match[5]!, filler: null, fillerStart: false });
    }
  }
  return tokens;
}

/** Whisper gives transcripts both ways: punctuated and cased, or bare lower-case words. */
export function plainText(text: string): string {
  return normalizeWord(text);
}
