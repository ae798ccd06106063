import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROLE_FAMILIES } from '../../../src/shared/domain';
import { answerRoles, buildPracticeSet, shuffle, suitsRole } from '../../../src/core/questions/practiceSet';
import { loadQuestionBank } from '../../../src/core/questions/questionBank';
import { InMemoryCustomQuestions, QuestionCatalog } from '../../../src/core/questions/questionCatalog';
import { resourcesDir } from '../../../src/core/resourcesDir';
import { QUESTION_KINDS } from '../../../src/shared/domain';
import { tempDir } from '../../helpers/fixtures';

const bank = loadQuestionBank(path.join(resourcesDir(), 'questions.json'));

/** A deterministic stand-in for Math.random. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('the shipped question bank', () => {
  it('has at least 80 questions of every kind, each with a note on what a strong answer covers', () => {
    expect(bank.length).toBeGreaterThanOrEqual(80);
    for (const kind of QUESTION_KINDS)
      expect(bank.filter((q) => q.kind === kind).length).toBeGreaterThanOrEqual(12);
    for (const q of bank) expect(q.covers?.length ?? 0).toBeGreaterThan(20);
  });

  it('covers every role family with enough questions for a practice set', () => {
    for (const role of ROLE_FAMILIES) {
      expect(bank.filter((q) => q.roles?.includes(role)).length, role).toBeGreaterThanOrEqual(5);
    }
  });

  it('gives talking points to most non-behavioural questions (the rest use their kind’s defaults)', () => {
    const others = bank.filter((q) => q.kind !== 'behavioural');
    expect(others.filter((q) => q.talkingPoints && q.talkingPoints.length >= 2).length).toBeGreaterThan(
      others.length * 0.9,
    );
  });

  it('rejects a malformed bank or duplicate ids', () => {
    const file = path.join(tempDir(), 'q.json');
    writeFileSync(file, JSON.stringify([{ id: 'a', text: 'x', kind: 'riddle' }]));
    expect(() => loadQuestionBank(file)).toThrow(/malformed/);
    writeFileSync(
      file,
      JSON.stringify([
        { id: 'a', text: 'x', kind: 'motivational' },
        { id: 'a', text: 'y', kind: 'motivational' },
      ]),
    );
    expect(() => loadQuestionBank(file)).toThrow(/two questions with id a/);
  });
});

describe('practice sets', () => {
  it('picks the asked number of questions for a role: its own plus general ones', () => {
    const set = buildPracticeSet(bank, { role: 'data', count: 5, order: 'shuffle' }, seeded(1));
    expect(set).toHaveLength(5);
    expect(set.every((q) => suitsRole(q, 'data'))).toBe(true);
    expect(set.filter((q) => q.roles?.includes('data')).length).toBeGreaterThanOrEqual(3);
    expect(new Set(set.map((q) => q.id)).size).toBe(5);
  });

  it('shuffles reproducibly with the same random source and differently with another', () => {
    const a = buildPracticeSet(bank, { role: 'any', count: 8, order: 'shuffle' }, seeded(7));
    const b = buildPracticeSet(bank, { role: 'any', count: 8, order: 'shuffle' }, seeded(7));
    const c = buildPracticeSet(bank, { role: 'any', count: 8, order: 'shuffle' }, seeded(8));
    expect(a.map((q) => q.id)).toEqual(b.map((q) => q.id));
    expect(a.map((q) => q.id)).not.toEqual(c.map((q) => q.id));
  });

  it('filters by kind and keeps bank order when not shuffling, role-specific first', () => {
    const set = buildPracticeSet(bank, {
      role: 'software-engineering',
      count: 4,
      order: 'bank',
      kinds: ['technical-communication'],
    });
    expect(set.every((q) => q.kind === 'technical-communication')).toBe(true);
    expect(set[0]!.roles).toContain('software-engineering');
  });

  it('uses hand-picked questions in the order given', () => {
    const set = buildPracticeSet(bank, {
      role: 'any',
      count: 1,
      order: 'bank',
      questionIds: ['mot-about-you', 'beh-conflict', 'nope'],
    });
    expect(set.map((q) => q.id)).toEqual(['mot-about-you', 'beh-conflict']);
  });

  it('shuffles without losing or duplicating items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    expect([...shuffle(items, seeded(3))].sort((x, y) => x - y)).toEqual(items);
  });
});

describe('QuestionCatalog', () => {
  it('adds, lists and deletes custom questions after the bank', () => {
    const catalog = new QuestionCatalog(bank, new InMemoryCustomQuestions());
    const added = catalog.addCustom({
      text: '  Why should we hire you over someone with more experience?  ',
      kind: 'motivational',
    });
    expect(added).toMatchObject({ kind: 'motivational', roles: ['general'], custom: true });
    expect(added.text).toBe('Why should we hire you over someone with more experience?');
    expect(catalog.list().at(-1)).toEqual(added);
    expect(catalog.get(added.id)).toEqual(added);
    catalog.deleteCustom(added.id);
    expect(catalog.get(added.id)).toBeUndefined();
    expect(() => catalog.deleteCustom('beh-conflict')).toThrow(/No custom question/);
    expect(() => catalog.addCustom({ text: 'Hi', kind: 'motivational' })).toThrow();
  });
});

describe('answerRoles', () => {
  it("files an answer under its question's roles and the role its practice set was chosen for", () => {
    const general = { id: 'g', text: 'Why?', kind: 'motivational' as const };
    const data = { ...general, roles: ['data' as const] };
    expect(answerRoles(general)).toEqual(['general']);
    expect(answerRoles(general, 'software-engineering')).toEqual(['general', 'software-engineering']);
    expect(answerRoles(data, 'data')).toEqual(['data']);
    expect(answerRoles(undefined, 'sales')).toEqual(['sales']);
    expect(answerRoles(undefined)).toBeNull();
  });
});
