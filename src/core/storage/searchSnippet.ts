// Pure helpers for full-text search: the user's words as a safe FTS5 query, and the sentence of a
// transcript (or note) that matched, with the matching words marked and the moment to jump to.
import type { SnippetPart, Word } from '../../shared/domain';

/** Letters and digits in any script; everything else separates terms (FTS5's unicode61 does the same). */
const TERM_PATTERN = /[\p{L}\p{N}]+/gu;
/** Longest snippet shown, in words, when a sentence runs on (transcripts often lack full stops). */
const MAX_SNIPPET_WORDS = 24;
const SENTENCE_END = /[.?!]["')\]]*$/;
/** More terms than this adds nothing but parsing time. */
const MAX_QUERY_TERMS = 12;

export function searchTerms(text: string): string[] {
  return [...text.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').matchAll(TERM_PATTERN)]
    .map((m) => m[0])
    .slice(0, MAX_QUERY_TERMS);
}

/**
 * Every term must appear; the last one also matches as a prefix, so results follow typing.
 * Terms are quoted, so FTS5 syntax in the input ("NEAR", "-", "*", quotes) is just text.
 * Returns null when there is nothing to search for.
 */
export function toFtsQuery(text: string): string | null {
  const terms = searchTerms(text);
  if (terms.length === 0) return null;
  return terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
}

function normalise(token: string): string {
  return searchTerms(token).join('');
}

function tokenMatches(token: string, terms: readonly string[]): boolean {
  const norm = normalise(token);
  if (!norm) return false;
  return terms.some((term, i) => (i === terms.length - 1 ? norm.startsWith(term) : norm === term));
}

export type SentenceMatch = { snippet: SnippetPart[]; firstHitIndex: number };

/** The sentence around the first token that matches, as snippet parts; null when nothing matches. */
export function matchingSentence(tokens: readonly string[], query: string): SentenceMatch | null {
  const terms = searchTerms(query);
  if (terms.length === 0) return null;
  const first = tokens.findIndex((t) => tokenMatches(t, terms));
  if (first === -1) return null;
  let start = first;
  while (start > 0 && !SENTENCE_END.test(tokens[start - 1]!) && first - start < MAX_SNIPPET_WORDS / 2)
    start--;
  let end = first;
  while (end < tokens.length - 1 && !SENTENCE_END.test(tokens[end]!) && end - start < MAX_SNIPPET_WORDS)
    end++;

  const snippet: SnippetPart[] = [];
  if (start > 0) snippet.push({ text: '… ', hit: false });
  const pushPlain = (text: string) => {
    const last = snippet[snippet.length - 1];
    // Runs of plain words become one part, so the snippet renders as few elements as possible.
    if (last && !last.hit) last.text += text;
    else if (text) snippet.push({ text, hit: false });
  };
  for (let i = start; i <= end; i++) {
    const token = tokens[i]!.trim();
    const space = i > start ? ' ' : '';
    if (tokenMatches(token, terms)) {
      pushPlain(space);
      snippet.push({ text: token, hit: true });
    } else pushPlain(space + token);
  }
  if (end < tokens.length - 1) pushPlain(' …');
  return { snippet, firstHitIndex: first };
}

/** The matching sentence of a timed transcript, and where its first matched word starts. */
export function transcriptMatch(
  words: readonly Word[],
  query: string,
): { snippet: SnippetPart[]; wordIndex: number; atSec: number } | null {
  const match = matchingSentence(
    words.map((w) => w.text),
    query,
  );
  if (!match) return null;
  return {
    snippet: match.snippet,
    wordIndex: match.firstHitIndex,
    atSec: words[match.firstHitIndex]?.startSec ?? 0,
  };
}

/** A note's matching sentence; the whole start of the note when the hit is in text FTS saw differently. */
export function noteMatch(body: string, query: string): SnippetPart[] {
  const match = matchingSentence(body.split(/\s+/).filter(Boolean), query);
  return match?.snippet ?? [{ text: body.slice(0, 200), hit: false }];
}
