import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SessionSummary } from '../../src/shared/domain';
import { SettingsScreen } from '../../src/renderer/src/features/settings/SettingsScreen';
import { TrendsScreen } from '../../src/renderer/src/features/trends/TrendsScreen';
import {
  change,
  CLOSER_TO,
  LOWER_IS_BETTER,
  trendSeries,
} from '../../src/renderer/src/features/trends/trendsData';
import { resetCoachStore } from '../../src/renderer/src/store';
import { DEFAULT_TEST_SETTINGS, installFakeApi, SESSIONS } from './fakeApi';

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
    });
    expect(await screen.findByText('Saved')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Restore defaults' }));
    expect(fake.api.resetSettings).toHaveBeenCalled();
    await waitFor(() =>
      expect((screen.getByRole('spinbutton', { name: /Slow down/ }) as HTMLInputElement).value).toBe('170'),
    );
  });

  it('shows why a change was refused and keeps the draft', async () => {
    const fake = installFakeApi();
    fake.api.updateSettings.mockRejectedValue(
      new Error(
        'Invalid payload for settings:update: the "speed up" threshold must be below the "slow down" one',
      ),
    );
    const user = userEvent.setup();
    render(<SettingsScreen />);
    const speedUp = await screen.findByRole('spinbutton', { name: /Pick up the pace/ });
    await user.clear(speedUp);
    await user.type(speedUp, '190');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findByRole('alert')).textContent).toContain('must be below');
    expect((screen.getByRole('spinbutton', { name: /Pick up the pace/ }) as HTMLInputElement).value).toBe(
      '190',
    );
  });
});

const trendSessions: SessionSummary[] = [
  {
    ...SESSIONS[0]!,
    id: 'a',
    startedAt: '2025-11-20T10:00:00Z',
    score: 80,
    fillersPerMinute: 2,
    wordsPerMinute: 150,
  },
  {
    ...SESSIONS[0]!,
    id: 'b',
    startedAt: '2025-11-01T10:00:00Z',
    score: 60,
    fillersPerMinute: 6,
    wordsPerMinute: 190,
  },
  {
    ...SESSIONS[0]!,
    id: 'c',
    startedAt: '2025-11-10T10:00:00Z',
    score: null,
    fillersPerMinute: 4,
    wordsPerMinute: 170,
  },
  { ...SESSIONS[0]!, id: 'empty', startedAt: '2025-11-11T10:00:00Z', answerCount: 0, durationSec: 0 },
];

describe('Trends', () => {
  beforeEach(() => resetCoachStore());

  it('orders sessions oldest first and keeps gaps where a session has no score', () => {
    const series = trendSeries(trendSessions);
    expect(series.times).toEqual(
      ['2025-11-01T10:00:00Z', '2025-11-10T10:00:00Z', '2025-11-20T10:00:00Z'].map(
        (d) => Date.parse(d) / 1000,
      ),
    );
    expect(series.score).toEqual([60, null, 80]);
    expect(series.fillersPerMinute).toEqual([6, 4, 2]);
  });

  it('judges change the right way round for each measure', () => {
    expect(change([6, 4, 2], LOWER_IS_BETTER)).toEqual({ first: 6, latest: 2, better: true });
    expect(change([190, 150], CLOSER_TO(120, 160))!.better).toBe(true);
    expect(change([140, 100], CLOSER_TO(120, 160))!.better).toBe(false);
    expect(change([5], LOWER_IS_BETTER)).toBeNull();
  });

  it('shows headline changes and one chart per measure', async () => {
    const fake = installFakeApi();
    fake.api.listSessions.mockResolvedValue(trendSessions);
    render(<TrendsScreen />);
    const score = (await screen.findByText('Score', { selector: '.trend-label' })).closest(
      '.trend-headline',
    )!;
    expect(score.textContent).toContain('better than 60 in your first session');
    const fillers = screen.getByText('Fillers', { selector: '.trend-label' }).closest('.trend-headline')!;
    expect(within(fillers as HTMLElement).getByText('2.0')).toBeTruthy();
    expect(screen.getAllByRole('img').map((c) => c.getAttribute('aria-label'))).toEqual([
      'Session scores from 60 to 80 over 3 sessions.',
      'Fillers per minute from 6.0 to 2.0.',
      'Pace per session; comfortable is 120–160 words a minute.',
    ]);
  });

  it('explains what it needs when there are fewer than two sessions', async () => {
    const fake = installFakeApi();
    fake.api.listSessions.mockResolvedValue([trendSessions[0]!]);
    render(<TrendsScreen />);
    expect(await screen.findByText('Not enough sessions yet')).toBeTruthy();
  });
});
