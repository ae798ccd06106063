import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { TrendTake } from '../../src/shared/domain';
import { SettingsScreen } from '../../src/renderer/src/features/settings/SettingsScreen';
import { TrendsScreen } from '../../src/renderer/src/features/trends/TrendsScreen';
import {
  change,
  CLOSER_TO,
  dateLabels,
  labelledIndices,
  leftOutText,
  LOWER_IS_BETTER,
  sessionPoints,
  takesByQuestion,
} from '../../src/renderer/src/features/trends/trendsData';
import { resetCoachStore } from '../../src/renderer/src/store';
import { DEFAULT_TEST_SETTINGS, installFakeApi } from './fakeApi';

describe('Settings', () => {
  beforeEach(() => resetCoachStore());

  it('loads the thresholds, saves changes and restores the defaults', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<SettingsScreen />);
    const slowDown = await screen.findByRole('spinbutton', { name: /Slow down/ });
    expect((slowDown as HTMLInputElement).value).toBe('170');
    await user.clear(slowDown);
    await user.type(slowDown, '180');
    await user.click(screen.getByRole('checkbox', { name: /30 seconds are left/ }));
    await user.clear(screen.getByRole('spinbutton', { name: /Longest/ }));
    await user.type(screen.getByRole('spinbutton', { name: /Longest/ }), '150');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(fake.api.updateSettings).toHaveBeenCalledWith({
      nudges: { ...DEFAULT_TEST_SETTINGS.nudges, slowDownAboveWpm: 180, timeNudges: false },
      practice: { defaultTarget: { minSec: 60, maxSec: 150 } },
      mock: DEFAULT_TEST_SETTINGS.mock,
    });
    expect(await screen.findByText('Saved')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Restore defaults' }));
    expect(fake.api.resetSettings).toHaveBeenCalled();
    await waitFor(() =>
      expect((screen.getByRole('spinbutton', { name: /Slow down/ }) as HTMLInputElement).value).toBe('170'),
    );
  });

  it('says next to each field what to change, never schema text, and does not save', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<SettingsScreen />);
    const speedUp = await screen.findByRole('spinbutton', { name: /Pick up the pace/ });
    await user.clear(speedUp);
    await user.type(speedUp, '190');
    const shortest = screen.getByRole('spinbutton', { name: /Shortest/ });
    await user.clear(shortest);
    await user.type(shortest, '150');
    const longest = screen.getByRole('spinbutton', { name: /Longest/ });
    await user.clear(longest);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(fake.api.updateSettings).not.toHaveBeenCalled();
    const messageOf = (input: HTMLElement) =>
      (input.getAttribute('aria-describedby') ?? '')
        .split(' ')
        .map((id) => document.getElementById(id)!)
        .find((el) => el.classList.contains('field-error'))?.textContent;
    expect(messageOf(speedUp)).toBe(
      'Make this lower than the “slow down” pace (170 words/min), or raise that one.',
    );
    expect(speedUp.getAttribute('aria-invalid')).toBe('true');
    expect(messageOf(longest)).toBe('Enter a number from 10 to 600 seconds.');
    // The first field with a problem has the focus.
    expect(document.activeElement).toBe(speedUp);
    expect(document.body.textContent).not.toMatch(/Invalid payload|defaultTarget|\[\{/);
    // Fixing a field clears its message as the user types.
    await user.clear(speedUp);
    await user.type(speedUp, '110');
    expect(messageOf(speedUp)).toBeUndefined();
    await user.type(longest, '90');
    expect(messageOf(shortest)).toBe(
      'Make the shortest length less than the longest (90 seconds), or raise that one.',
    );
    await user.clear(shortest);
    await user.type(shortest, '5');
    expect(messageOf(shortest)).toBe('Too low: use 10 seconds or more (up to 600).');
  });

  it('puts a refusal from main in words, keeping the draft', async () => {
    const fake = installFakeApi();
    fake.api.updateSettings.mockRejectedValue(
      new Error('Invalid payload for settings:update: 0.practice.defaultTarget: [{"code":"custom"}]'),
    );
    const user = userEvent.setup();
    render(<SettingsScreen />);
    const slowDown = await screen.findByRole('spinbutton', { name: /Slow down/ });
    await user.clear(slowDown);
    await user.type(slowDown, '180');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('could not be saved');
    expect(alert.textContent).not.toMatch(/Invalid payload|defaultTarget/);
    expect((screen.getByRole('spinbutton', { name: /Slow down/ }) as HTMLInputElement).value).toBe('180');
  });
});

function take(overrides: Partial<TrendTake> & Pick<TrendTake, 'sessionId' | 'sessionStartedAt'>): TrendTake {
  return {
    answerId: `${overrides.sessionId}-${Math.random()}`,
    sessionTitle: 'Practice',
    questionId: 'q1',
    questionText: 'Tell me about a time you failed.',
    durationSec: 60,
    score: 70,
    fillersPerMinute: 3,
    wordsPerMinute: 140,
    longPausesPerMinute: 1,
    ...overrides,
  };
}

const TAKES: TrendTake[] = [
  take({
    sessionId: 'b',
    sessionStartedAt: '2025-11-01T10:00:00Z',
    score: 60,
    fillersPerMinute: 6,
    wordsPerMinute: 190,
  }),
  take({
    sessionId: 'c',
    sessionStartedAt: '2025-11-10T10:00:00Z',
    score: null,
    fillersPerMinute: 4,
    wordsPerMinute: 70,
  }),
  take({
    sessionId: 'a',
    sessionStartedAt: '2025-11-20T10:00:00Z',
    score: 76,
    fillersPerMinute: 2,
    wordsPerMinute: 150,
  }),
  take({
    sessionId: 'a',
    sessionStartedAt: '2025-11-20T10:00:00Z',
    score: 84,
    fillersPerMinute: 2,
    wordsPerMinute: 150,
    questionText: 'Why do you want this job?',
  }),
];

describe('Trends', () => {
  beforeEach(() => resetCoachStore());

  it('folds takes into one point per session, oldest first, keeping gaps where nothing was scored', () => {
    const points = sessionPoints([...TAKES].reverse());
    expect(points.map((p) => p.sessionId)).toEqual(['b', 'c', 'a']);
    expect(points.map((p) => p.score)).toEqual([60, null, 80]);
    expect(points.map((p) => p.fillersPerMinute)).toEqual([6, 4, 2]);
    expect(points[2]!.takeCount).toBe(2);
  });

  it('dates each session, with the time where several share a day and the year across years', () => {
    const days = dateLabels(['2025-11-01T10:00:00', '2025-11-10T09:00:00'], 'en-GB');
    expect(days).toEqual(['1 Nov', '10 Nov']);
    const sameDay = dateLabels(
      ['2025-12-02T09:05:00', '2025-12-02T14:30:00', '2025-12-03T08:00:00'],
      'en-GB',
    );
    expect(sameDay).toEqual(['2 Dec, 09:05', '2 Dec, 14:30', '3 Dec']);
    expect(new Set(sameDay).size).toBe(3);
    expect(dateLabels(['2024-12-30T10:00:00', '2025-01-02T10:00:00'], 'en-GB')).toEqual([
      '30 Dec 2024',
      '2 Jan 2025',
    ]);
  });

  it('labels as many points as fit, always the latest', () => {
    expect(labelledIndices(3, 600, 96)).toEqual([0, 1, 2]);
    const many = labelledIndices(40, 400, 96);
    expect(many.length).toBeLessThanOrEqual(4);
    expect(many.at(-1)).toBe(39);
  });

  it('judges change the right way round for each measure', () => {
    expect(change([6, 4, 2], LOWER_IS_BETTER)).toEqual({ first: 6, latest: 2, better: true });
    expect(change([190, 150], CLOSER_TO(120, 160))!.better).toBe(true);
    expect(change([140, 100], CLOSER_TO(120, 160))!.better).toBe(false);
    expect(change([5], LOWER_IS_BETTER)).toBeNull();
  });

  it('lists each question’s takes with the change since the one before', () => {
    const groups = takesByQuestion(TAKES);
    expect(groups[0]!.questionText).toBe('Tell me about a time you failed.');
    expect(groups[0]!.takes.map((t) => t.change)).toEqual([
      null,
      '−2.0 fillers/min, −120 wpm',
      '−2.0 fillers/min, +80 wpm',
    ]);
    expect(leftOutText({ notTranscribed: 1, noSpeech: 1 })).toBe(
      '2 takes are left out: 1 not transcribed, 1 with no speech heard.',
    );
    expect(leftOutText({ notTranscribed: 0, noSpeech: 0 })).toBeNull();
  });

  it('shows headline changes, one chart per measure and the takes of a question', async () => {
    const fake = installFakeApi();
    fake.api.getTrends.mockResolvedValue({ takes: TAKES, leftOut: { notTranscribed: 1, noSpeech: 0 } });
    render(<TrendsScreen />);
    const score = (await screen.findByText('Score', { selector: '.trend-label' })).closest(
      '.trend-headline',
    )!;
    expect(score.textContent).toContain('better than 60 in your first session');
    const fillers = screen.getByText('Fillers', { selector: '.trend-label' }).closest('.trend-headline')!;
    expect(within(fillers as HTMLElement).getByText('2.0')).toBeTruthy();
    const charts = screen.getAllByRole('img').map((c) => c.getAttribute('aria-label'));
    expect(charts).toHaveLength(4);
    expect(charts[0]).toMatch(/^Score per session, from 60 on .* to 80 on .*, over 3 sessions\.$/);
    expect(charts.map((c) => c!.split(' per session')[0])).toEqual([
      'Score',
      'Fillers per minute',
      'Words per minute',
      'Long pauses per minute',
    ]);
    expect(screen.getByText(/1 take is left out: 1 not transcribed/)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Takes of this question' });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
  });

  it('tells the truth when one session is all there is', async () => {
    const fake = installFakeApi();
    fake.api.getTrends.mockResolvedValue({ takes: [TAKES[0]!], leftOut: { notTranscribed: 0, noSpeech: 0 } });
    render(<TrendsScreen />);
    expect(await screen.findByText('One session so far')).toBeTruthy();
    expect(screen.queryAllByRole('img')).toHaveLength(0);
    expect(screen.getByRole('table', { name: 'Takes of this question' })).toBeTruthy();
  });

  it('says why nothing is charted when every take failed', async () => {
    const fake = installFakeApi();
    fake.api.getTrends.mockResolvedValue({ takes: [], leftOut: { notTranscribed: 2, noSpeech: 1 } });
    render(<TrendsScreen />);
    expect(await screen.findByText('Nothing to chart yet')).toBeTruthy();
    expect(screen.getByText(/3 takes are left out: 2 not transcribed, 1 with no speech heard/)).toBeTruthy();
  });
});
