// Whisper emits sub-word BPE tokens; everything downstream (captions, fillers, pace, pauses) works on words.
import type { Word } from '../../shared/domain';

export type TimedToken = { text: string; startSec: number; endSec: number; probability?: number };

/** Control tokens such as "[_BEG_]", "[_TT_150]", "[_SOT_]" or "<|endoftext|>" carry no speech. */
const SPECIAL_TOKEN_PATTERNS: readonly RegExp[] = [/^\[_.*\]$/, /^<\|.*\|>$/];

/**
 * Whisper's own annotations for non-speech audio, e.g. "[BLANK_AUDIO]". Counting them as words would
 * inflate word counts and pace, so whole words of this shape are dropped.
 */
const NON_SPEECH_ANNOTATION = /^\[[^\]]*\]$/;

const PUNCTUATION_ONLY = /^\p{P}+$/u;

/**
 * Opening brackets and quotes belong to the word that follows them. Straight quotes are ambiguous, so they
 * count as opening only when the token starts with a space (a closing quote hugs the previous word).
 */
const OPENING_PUNCTUATION = /^[\p{Ps}\p{Pi}"'¿¡]+$/u;

const LEADING_WHITESPACE = /^\s/;

type DraftWord = { text: string; startSec: number; endSec: number; probabilities: number[] };

export function isSpecialToken(text: string): boolean {
  const trimmed = text.trim();
  return SPECIAL_TOKEN_PATTERNS.some((pattern) => pattern.test(trimmed));
}

export function tokensToWords(tokens: TimedToken[]): Word[] {
  const drafts: DraftWord[] = [];
  // Whether the next token without a leading space may continue the last draft word.
  let lastWordOpen = false;
  // Opening punctuation waiting for the word it belongs to.
  let prefix = '';

  for (const token of tokens) {
    const text = token.text.trim();
    if (text === '') {
      // A bare space token still marks a word boundary.
      if (token.text.length > 0) lastWordOpen = false;
      continue;
    }
    if (isSpecialToken(text)) continue;

    const startsWithSpace = LEADING_WHITESPACE.test(token.text);
    const last = drafts.at(-1);

    if (PUNCTUATION_ONLY.test(text)) {
      // Punctuation is not speech: it joins a word's text but never its timing, because whisper often
      // stretches a punctuation token over the silence that follows, which would hide real pauses.
      const opensNextWord = startsWithSpace && OPENING_PUNCTUATION.test(text);
      if (opensNextWord || prefix !== '' || last === undefined) {
        prefix += text;
        lastWordOpen = false;
      } else {
        last.text += text;
      }
      continue;
    }

    const probabilities = token.probability === undefined ? [] : [token.probability];
    if (last !== undefined && lastWordOpen && !startsWithSpace && prefix === '') {
      last.text += text;
      last.endSec = token.endSec;
      last.probabilities.push(...probabilities);
    } else {
      drafts.push({ text: prefix + text, startSec: token.startSec, endSec: token.endSec, probabilities });
      prefix = '';
      lastWordOpen = true;
    }
  }

  const words = drafts.filter((draft) => !NON_SPEECH_ANNOTATION.test(draft.text)).map(draftToWord);
  return clampWordTimes(words);
}

function draftToWord(draft: DraftWord): Word {
  const word: Word = { text: draft.text.trim(), startSec: draft.startSec, endSec: draft.endSec };
  if (draft.probabilities.length > 0) {
    word.probability = draft.probabilities.reduce((sum, p) => sum + p, 0) / draft.probabilities.length;
  }
  return word;
}

/**
 * Decoder timestamps can overlap, run backwards or start below zero. Pause and pace maths assume
 * non-negative, ordered, non-overlapping words, so times are clamped forward rather than trusted.
 * Empty words are dropped. Returns new objects; the input is not modified.
 */
export function clampWordTimes(words: readonly Word[]): Word[] {
  const result: Word[] = [];
  let previousEndSec = 0;
  for (const word of words) {
    const text = word.text.trim();
    if (text === '') continue;
    const startSec = Math.max(word.startSec, previousEndSec);
    const endSec = Math.max(word.endSec, startSec);
    result.push({ ...word, text, startSec, endSec });
    previousEndSec = endSec;
  }
  return result;
}
