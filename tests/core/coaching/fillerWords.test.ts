import { describe, it, expect } from 'vitest';
import type { Word } from '../../../src/shared/domain';
import {
  countFillers,
  isVocalFiller,
  normalizeWord,
  VOCAL_FILLERS,
} from '../../../src/core/coaching/fillerWords';

const WORD_SEC = 0.3;
const GAP_SEC = 0.1;

/** Words from a sentence, each WORD_SEC long with GAP_SEC between them. */
function wordsOf(sentence: string): Word[] {
  return sentence
    .split(' ')
    .filter((text) => text !== '')
    .map((text, index) => {
      const startSec = index * (WORD_SEC + GAP_SEC);
      return { text, startSec, endSec: startSec + WORD_SEC };
    });
}

const fillerTexts = (sentence: string): string[] => countFillers(wordsOf(sentence)).map((hit) => hit.text);
/** A sentence as Whisper may also give it: bare lower-case words, no punctuation. */
const bare = (sentence: string) => sentence.toLowerCase().replace(/[.,?!]/g, '');

describe('countFillers — vocal fillers', () => {
  it('counts every listed vocal filler', () => {
    for (const filler of VOCAL_FILLERS) {
      expect(fillerTexts(`I ${filler} think so`), filler).toEqual([filler]);
    }
  });

  it('ignores case and punctuation', () => {
    const hits = countFillers(wordsOf('Um, I think, uh... it was HMM. Fine'));
    expect(hits.map((hit) => [hit.text, hit.wordIndex, hit.kind])).toEqual([
      ['um', 0, 'vocal'],
      ['uh', 3, 'vocal'],
      ['hmm', 6, 'vocal'],
    ]);
  });

  it('reports the filler word timing', () => {
    const [hit] = countFillers(wordsOf('We um shipped'));
    expect(hit).toEqual({ text: 'um', startSec: 0.4, endSec: 0.4 + WORD_SEC, wordIndex: 1, kind: 'vocal' });
  });

  it('treats elongated vocal fillers as fillers but not real words', () => {
    expect(fillerTexts('ummm uhhhh hmmmm mmm')).toEqual(['ummm', 'uhhhh', 'hmmmm', 'mmm']);
    expect(fillerTexts('the umbrella error hummed around')).toEqual([]);
    expect(isVocalFiller('ahh')).toBe(false);
  });

  it('finds nothing in an empty or filler-free answer', () => {
    expect(countFillers([])).toEqual([]);
    expect(fillerTexts('I led the migration to Postgres in three months.')).toEqual([]);
  });
});

describe('countFillers — "like"', () => {
  it('counts "like" set off by commas', () => {
    const hits = countFillers(wordsOf('it was, like, really hard'));
    expect(hits.map((hit) => [hit.text, hit.wordIndex, hit.kind])).toEqual([['like', 2, 'lexical']]);
  });

  it('counts "Like," opening a sentence', () => {
    expect(fillerTexts('Like, I just started. Like, it worked.')).toEqual(['like', 'like']);
  });

  it.each([
    'I like Python',
    'I would like to lead a team',
    'It looks like the cache was cold',
    'I feel like we should test more',
    'We had something like that before',
    'I enjoy languages, like Python and Go',
    'Like I said, we shipped it',
    'things I like, for example testing',
  ])('does not count the verb or preposition in "%s"', (sentence) => {
    expect(fillerTexts(sentence)).toEqual([]);
  });
});

describe('countFillers — "like" by its grammatical position', () => {
  it.each([
    'The scheduler like retries every failed job.',
    'My lead like told me to wait a week.',
    'We like shipped it on the Friday.',
    'They like totally ignored the alert.',
    'The migration took like forever.',
    'We had like a really tight deadline.',
    'It was like the hardest sprint we ever ran.',
    'That is like the only test that catches it.',
    'We built like a whole new parser for it.',
    'I just like went ahead and fixed it.',
    'The report costs like ten seconds to build.',
    'There was like no documentation at all.',
    'The build was like super slow.',
  ])('counts the filler in "%s"', (sentence) => {
    expect(fillerTexts(sentence)).toEqual(['like']);
    expect(fillerTexts(bare(sentence))).toEqual(['like']);
  });

  it.each([
    'I like clean code.',
    'I like design reviews.',
    'I like automated tests.',
    'I like tests that fail loudly.',
    'I like really short standups.',
    'I like two things about this team.',
    'Engineers like clear tickets.',
    'People like change when they choose it.',
    'I like the whole team here.',
    'It runs like a queue with priorities.',
    'It was like a fire drill.',
    'She writes like a lawyer.',
    'It was like no other team.',
    'People like no meetings on Fridays.',
  ])('does not count the verb or the comparison in "%s"', (sentence) => {
    expect(fillerTexts(sentence)).toEqual([]);
    expect(fillerTexts(bare(sentence))).toEqual([]);
  });
});

describe('countFillers — "like" in spontaneous speech: amounts, bare verbs, emphasis, quotes', () => {
  it.each([
    // after the preposition "to", before an amount
    'Reviews took up to like four days.',
    'The build went down to like ten minutes.',
    // after a modal or "do", before a bare verb and its object: "like" the verb takes no bare verb
    'She would like send the report back twice.',
    'I did like warn them about it.',
    'I could like send it tonight.',
    // before an amount: "an" and a unit, a fraction
    'We spent like an hour on the first call.',
    'Our budget was like a third of the ask.',
    // after a manner verb, before an amount
    'I talk like a lot in meetings.',
    // between a subject and a finite "be" or "have"
    'We like had no idea what to do.',
    'The servers like were down all day.',
    // between a verb and its object
    'We got like complaints every morning.',
    'We used like the shared drive for bookings.',
    'We tried like everything that week.',
    // after a verb of seeming, before a bare adjective: a comparison takes a noun phrase or a clause
    'It felt like weird at first.',
    // between a copula and an emphatic noun phrase: intensified, ranked, superlative, extreme
    'It was like a completely different team.',
    'This is like my first real job.',
    'He is like my biggest critic.',
    'That was like a huge relief for us.',
    // "I'm" ends in "be": what follows is no object of a verb "like"
    "I'm like really into data.",
  ])('counts the filler in "%s"', (sentence) => {
    expect(fillerTexts(sentence)).toEqual(['like']);
    expect(fillerTexts(bare(sentence))).toEqual(['like']);
  });

  it.each([
    // the verb, in questions and after modals
    'Would you like help with that?',
    'Do you like working here?',
    'I would like two tickets.',
    "I'd like a couple of days off.",
    'We would like you to join.',
    "I'd like help with that.",
    'I would like work that matters.',
    'I like my first job more.',
    'I really like the first version.',
    // quotative "be like" and "as if" before a clause: reported speech, not a hesitation
    'She was like, why is this broken?',
    'And I was like, okay, fine.',
    'It was like we had no time.',
    // comparisons, even of amounts after verbs of seeming, and plain similes after a copula
    'It looks like a lot of work.',
    'It felt like a week.',
    'It works like a lot of other queues.',
    'He was like my brother.',
    'It was like my second home.',
    'It was like the first day of school.',
    'She is like a big sister to the team.',
    'It was like a second job.',
    // similes after a verb: its own article, a verb that stands alone, "like this/that"
    'He coded like a machine.',
    'He thinks like an engineer.',
    'It spread like wildfire.',
    'The launch went like clockwork.',
    'We did it like that.',
    'It worked like nothing else we tried.',
    'I felt like everyone was watching.',
    'It feels like good people work here.',
    'Things like refunds took the longest.',
  ])('does not count the verb, the quote or the comparison in "%s"', (sentence) => {
    expect(fillerTexts(sentence)).toEqual([]);
    expect(fillerTexts(bare(sentence))).toEqual([]);
  });

  it('reads an imperative after a comma as a quote only when the comma is there', () => {
    expect(fillerTexts('The team was like, let us ship it.')).toEqual([]);
  });
});

describe('countFillers — "you know" and "I mean"', () => {
  it('counts "you know" as one hit spanning both words', () => {
    const words = wordsOf('We had, you know, a deadline');
    const hits = countFillers(words);
    expect(hits).toEqual([
      {
        text: 'you know',
        startSec: words[2]?.startSec,
        endSec: words[3]?.endSec,
        wordIndex: 2,
        kind: 'lexical',
      },
    ]);
  });

  it('counts "you know" at the end of the answer or before an unrelated word', () => {
    expect(fillerTexts('It was hard you know')).toEqual(['you know']);
    expect(fillerTexts('you know we tried everything')).toEqual(['you know']);
  });

  it.each([
    'you know that it failed',
    'you know what happened',
    'you know how it goes',
    'you know why we did it',
    'you know the answer',
    'Do you know Kafka?',
    'As you know we use Go',
    'You. Know it',
    // "know" takes an object or a clause after a determiner or possessive
    'You know your team better than any dashboard',
    'you know a reorg has worked when nobody mentions it',
  ])('does not count the literal meaning in "%s"', (sentence) => {
    expect(fillerTexts(sentence)).toEqual([]);
  });

  it('counts "you know" and "I mean" mid-clause and before a new clause, punctuated or not', () => {
    for (const sentence of ['It was, you know, really hard.', 'I mean, the team was great.']) {
      expect(fillerTexts(sentence).length, sentence).toBe(1);
      expect(fillerTexts(bare(sentence)).length, bare(sentence)).toBe(1);
    }
  });

  it('counts "I mean" as a hedge', () => {
    const hits = countFillers(wordsOf('I mean, it worked. And I mean we shipped'));
    expect(hits.map((hit) => [hit.text, hit.wordIndex])).toEqual([
      ['i mean', 0],
      ['i mean', 5],
    ]);
  });

  it.each([
    'what I mean by latency is the p99',
    'I mean that we should test',
    'I mean it',
    'That is what I mean.',
    'I mean what I say',
    'I mean every word of it',
  ])('does not count "I mean" explaining a meaning in "%s"', (sentence) => {
    expect(fillerTexts(sentence)).toEqual([]);
  });
});

describe('countFillers — "basically", "literally", "actually", "so"', () => {
  it('counts "basically" anywhere', () => {
    expect(fillerTexts('It is basically a cache')).toEqual(['basically']);
  });

  it('counts "literally" except in its literal sense', () => {
    expect(fillerTexts('I literally rewrote it')).toEqual(['literally']);
    expect(fillerTexts('Do not take it literally')).toEqual([]);
    expect(fillerTexts('it was translated literally')).toEqual([]);
    expect(fillerTexts('Following the checklist literally would skip the backup')).toEqual([]);
  });

  it('counts "actually" only at the start of a clause', () => {
    expect(fillerTexts('Actually I led it. It was, actually, fine. Um actually no')).toEqual([
      'actually',
      'actually',
      'um',
      'actually',
    ]);
    expect(fillerTexts('We actually shipped early')).toEqual([]);
  });

  it('counts "so" opening a sentence before a comma or another filler', () => {
    expect(fillerTexts('So, I started there')).toEqual(['so']);
    expect(fillerTexts('It failed. So um we rolled back')).toEqual(['so', 'um']);
    expect(fillerTexts('So basically we cached it')).toEqual(['so', 'basically']);
  });

  it('counts "so" opening a sentence before an interjection', () => {
    expect(fillerTexts('It worked. So yeah, we shipped it.')).toEqual(['so']);
  });

  it('does not count "so" as a connective or intensifier', () => {
    expect(fillerTexts("So that's why we did it")).toEqual([]);
    expect(fillerTexts('It was so, so slow')).toEqual([]);
    expect(fillerTexts('We tested it, so we knew')).toEqual([]);
    expect(fillerTexts('So when a shard fails, the others take its load')).toEqual([]);
    expect(fillerTexts('so once the tests pass we merge')).toEqual([]);
  });
});

describe('normalizeWord', () => {
  it('lower-cases, straightens apostrophes and strips punctuation', () => {
    expect(normalizeWord('"Um,')).toBe('um');
    expect(normalizeWord('Don’t.')).toBe("don't");
    expect(normalizeWord("'quoted'")).toBe('quoted');
  });
});
