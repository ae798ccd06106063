import { describe, expect, it } from 'vitest';
import { sessionTitle, TITLE_MAX_CHARS } from '../../../src/core/practice/sessionTitle';

describe('sessionTitle', () => {
  it('keeps a short question whole', () => {
    expect(sessionTitle('  Why do you want this job?  ')).toBe('Why do you want this job?');
  });

  it('shortens a long question at a word boundary, never inside a word', () => {
    const question =
      'Tell me about a time you had to deliver difficult feedback to a colleague who was senior to you, and how it went.';
    const title = sessionTitle(question);
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX_CHARS + 1);
    expect(title.endsWith('…')).toBe(true);
    const kept = title.slice(0, -1);
    expect(question.startsWith(kept)).toBe(true);
    expect(question[kept.length]).toMatch(/[\s,]/);
    expect(kept).not.toMatch(/[,\s]$/);
  });

  it('cuts inside one very long word rather than dropping it', () => {
    const title = sessionTitle(`See ${'x'.repeat(200)}`);
    expect(title).toHaveLength(TITLE_MAX_CHARS);
  });
});
