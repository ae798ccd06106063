// Hedges soften a claim ("I think we shipped it", "it was probably fine"). One or two sound thoughtful; a
// steady stream makes the speaker sound unsure of their own story, which interviewers notice.
import type { PhraseHit, Word } from '../../shared/domain';
import { SECONDS_PER_MINUTE } from './pace';
import {
  hitAt,
  normalizeTranscript,
  phraseAt,
  previousInClause,
  type NormalizedTranscript,
} from './phraseMatch';

/** Longer phrases first, so "i'm not sure" wins over its parts. */
export const HEDGE_PHRASES = [
  "i'm not sure",
  'i am not sure',
  'i feel like',
  'i would say',
  "i'd say",
  'i suppose',
  'i believe',
  'i guess',
  'i think',
  'it seems',
  'a little bit',
  'more or less',
  'hopefully',
  'probably',
  'perhaps',
  'possibly',
  'maybe',
  'somewhat',
] as const;

/** "I think about", "I think of", "I think through" describe thinking, not doubt. */
const THINK_LITERAL_FOLLOWERS = ['about', 'of', 'through'];
/** "what I think", "how I think" report an opinion being asked for. */
const THINK_LITERAL_PRECEDERS = ['what', 'how', 'why', 'where', 'when'];

const PHRASES = HEDGE_PHRASES.map((phrase) => phrase.split(' '));

export function findHedges(words: readonly Word[]): PhraseHit[] {
  const t = normalizeTranscript(words);
  const hits: PhraseHit[] = [];
  let index = 0;
  while (index < words.length) {
    const phrase = PHRASES.find((candidate) => phraseAt(t, index, candidate) && isHedge(t, index, candidate));
    if (phrase) {
      hits.push(hitAt(t, index, phrase.length));
      index += phrase.length;
    } else index += 1;
  }
  return hits;
}

function isHedge(t: NormalizedTranscript, index: number, phrase: readonly string[]): boolean {
  const lastWord = phrase.at(-1);
  if (lastWord === 'think' || lastWord === 'believe') {
    const next = t.endsClause[index + 1] ? undefined : t.norms[index + 2];
    if (next !== undefined && THINK_LITERAL_FOLLOWERS.includes(next)) return false;
    const before = previousInClause(t, index);
    if (before !== undefined && THINK_LITERAL_PRECEDERS.includes(before)) return false;
  }
  return true;
}

export function hedgesPerMinute(hits: readonly PhraseHit[], durationSec: number): number {
  return durationSec > 0 ? hits.length / (durationSec / SECONDS_PER_MINUTE) : 0;
}
