// Takes (issue #16): every take of a question side by side with its change since the last one, one take
// deleted, Esc discarding a false start, "End set" summing up, and captions cleared for each new take.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as MicrophoneModule from '../../src/renderer/src/audio/microphone';
import { startMicrophone } from '../../src/renderer/src/audio/microphone';
import { App } from '../../src/renderer/src/App';
import { takesOf } from '../../src/renderer/src/features/practice/takes';
import { resetCoachStore, useCoachStore } from '../../src/renderer/src/store';
import { ANSWER_ID, installFakeApi, QUESTIONS, sampleResult, SESSION_ID } from './fakeApi';
import { analysedResult } from './sampleAnalysis';

vi.mock('../../src/renderer/src/audio/microphone', async (importOriginal) => ({
  ...(await importOriginal<typeof MicrophoneModule>()),
  startMicrophone: vi.fn(),
  listInputDevices: vi.fn(async () => []),
  watchInputDevices: vi.fn(() => () => undefined),
}));

const TAKE_IDS = ['a1111111-1111-4111-8111-111111111111', 'a2222222-2222-4222-8222-222222222222'];

function take(answerId: string, score: number, fillersPerMinute: number, wordsPerMinute: number) {
  const base = analysedResult();
  return {
    ...base,
    answerId,
    questionText: QUESTIONS[0]!.text,
    report: {
      ...base.report,
      transcriptFillersPerMinute: fillersPerMinute,
      pace: { ...base.report.pace, wordsPerMinute },
      coaching: { ...base.report.coaching!, score: { ...base.report.coaching!.score, total: score } },
    },
  };
}

describe('takes of one question', () => {
  it('lists the takes of a question in order, each with its change since the one before', () => {
    const answers = [
      take(TAKE_IDS[0]!, 60, 5.2, 120),
      { ...sampleResult({ answerId: 'other', questionText: QUESTIONS[1]!.text }) },
      take(TAKE_IDS[1]!, 66, 2.2, 120),
    ];
    const takes = takesOf(answers, QUESTIONS[0]!.text);
    expect(takes.map((t) => [t.number, t.change])).toEqual([
      [1, null],
      [2, '+6 score, \u22123.0 fillers/min'],
    ]);
    expect(takesOf([take('x', 57, 3, 130), take('y', 57, 3, 130)], QUESTIONS[0]!.text)[1]!.change).toBe(
      'no change',
    );
  });
});

describe('practising takes', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
    vi.mocked(startMicrophone).mockImplementation(async () => ({
      label: 'mic',
      stop: async () => undefined,
    }));
  });

  async function renderReady() {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false),
    );
    return user;
  }

  /** Starts a practice set and records its first question once (Space, Space). */
  async function recordOneInNewSet(user: Awaited<ReturnType<typeof renderReady>>) {
    await user.click(screen.getByText('Practise a set of questions'));
    await user.click(screen.getByRole('button', { name: 'Start the set' }));
    await screen.findByRole('button', { name: 'Skip question' });
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    await user.keyboard(' ');
  }

  it('shows both takes side by side after the second, and deletes one', async () => {
    const takes = [take(TAKE_IDS[0]!, 60, 5, 120), take(TAKE_IDS[1]!, 66, 2, 131)];
    fake.api.stopAnswer.mockResolvedValueOnce(takes[0]!).mockResolvedValueOnce(takes[1]!);
    fake.api.getSession.mockImplementation(async () => ({
      id: SESSION_ID,
      startedAt: '2025-11-20T10:00:00Z',
      title: 't',
      answerCount: 2,
      durationSec: 130,
      wordsPerMinute: 125,
      fillerCount: 4,
      answers: takes,
    }));
    const user = await renderReady();
    for (let i = 0; i < 2; i++) {
      await user.keyboard(' ');
      await screen.findByRole('button', { name: /Stop/ });
      await user.keyboard(' ');
      await screen.findByRole('button', { name: 'Try this question again' });
      if (i === 0) await user.click(screen.getByRole('button', { name: 'Try this question again' }));
    }
    const list = await screen.findByRole('list', { name: 'Takes' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.textContent).toContain('+6 score, \u22123.0 fillers/min, +11 wpm');
    expect(rows[1]!.getAttribute('aria-current')).toBe('true');

    await user.click(within(rows[0]!).getByRole('button', { name: 'Delete take 1…' }));
    await user.click(within(rows[0]!).getByRole('button', { name: 'Delete take 1' }));
    expect(fake.api.deleteAnswer).toHaveBeenCalledWith(TAKE_IDS[0]);
    await waitFor(() => expect(within(list).getAllByRole('listitem')).toHaveLength(1));
    expect(useCoachStore.getState().activeSessionAnswerCount).toBe(1);
  });

  it('deleting the only take of a set question no longer counts it as answered', async () => {
    fake.api.buildPracticeSet.mockResolvedValue([QUESTIONS[0]!, QUESTIONS[1]!]);
    const only = take(TAKE_IDS[0]!, 60, 5, 120);
    fake.api.stopAnswer.mockResolvedValue(only);
    fake.api.getSession.mockImplementation(async () => ({
      id: SESSION_ID,
      startedAt: '2025-11-20T10:00:00Z',
      title: 't',
      answerCount: 1,
      durationSec: 60,
      wordsPerMinute: 120,
      fillerCount: 5,
      answers: [only],
    }));
    const user = await renderReady();
    await recordOneInNewSet(user);
    const list = await screen.findByRole('list', { name: 'Takes' });
    expect(useCoachStore.getState().practiceSet!.answeredIds).toEqual([QUESTIONS[0]!.id]);
    await user.click(within(list).getByRole('button', { name: 'Delete take 1…' }));
    await user.click(within(list).getByRole('button', { name: 'Delete take 1' }));
    await waitFor(() => expect(useCoachStore.getState().practiceSet!.answeredIds).toEqual([]));
    expect(await screen.findByText(/0 of 2 answered/)).toBeTruthy();
    expect(useCoachStore.getState().activeSessionAnswerCount).toBe(0);
  });

  it('Esc while recording asks first; Keep carries on, Discard throws the take away', async () => {
    const user = await renderReady();
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    act(() => useCoachStore.setState({ captionSeq: 1, committedText: 'A false start', tentativeText: '' }));
    await user.keyboard('{Escape}');
    const dialog = screen.getByRole('alertdialog', { name: 'Discard this take?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep recording' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(useCoachStore.getState().recording).toBe('recording');

    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Discard take' }));
    expect(await screen.findByText('Take discarded — nothing of it was saved.')).toBeTruthy();
    expect(fake.api.cancelAnswer).toHaveBeenCalledWith(ANSWER_ID);
    expect(fake.api.stopAnswer).not.toHaveBeenCalled();
    expect(useCoachStore.getState().activeSessionId).toBeNull();
    // The discarded take's captions are gone too.
    expect(screen.queryByText('A false start')).toBeNull();
  });

  it('clears the last take’s captions before the next take and under the next question', async () => {
    fake.api.stopAnswer.mockResolvedValue(sampleResult());
    const user = await renderReady();
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    act(() =>
      useCoachStore.setState({ captionSeq: 1, committedText: 'Words of take one', tentativeText: '' }),
    );
    expect(screen.getByText('Words of take one')).toBeTruthy();
    await user.keyboard(' ');
    await user.click(await screen.findByRole('button', { name: 'Practise another question' }));
    expect(screen.getByRole('heading', { level: 1, name: QUESTIONS[1]!.text })).toBeTruthy();
    expect(screen.queryByText('Words of take one')).toBeNull();
  });

  it('"End set" sums up what was recorded so far', async () => {
    fake.api.buildPracticeSet.mockResolvedValue([QUESTIONS[0]!, QUESTIONS[1]!]);
    fake.api.stopAnswer.mockResolvedValue(analysedResult());
    const user = await renderReady();
    await recordOneInNewSet(user);
    await user.click(await screen.findByRole('button', { name: 'Try this question again' }));
    expect(screen.getByText('1 of 2 answered · 1 take')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'End set' }));
    expect(await screen.findByText('Practice set ended')).toBeTruthy();
    expect(screen.getByText('1 of 2 questions answered.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Back to practice' }));
    expect(useCoachStore.getState().practiceSet).toBeNull();
  });
});
