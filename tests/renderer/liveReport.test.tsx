// "Show the report with the live transcript now" (issue #15): while Stop finishes, the report of the
// live transcript is shown, marked provisional with the progress; when the final text arrives it
// upgrades in place (the same DOM, nothing remounted) and says how many words changed; if the final
// pass failed the live report stays, saying so.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as MicrophoneModule from '../../src/renderer/src/audio/microphone';
import { startMicrophone } from '../../src/renderer/src/audio/microphone';
import { App } from '../../src/renderer/src/App';
import { countChangedWords } from '../../src/renderer/src/features/result/transcriptChanges';
import { resetCoachStore } from '../../src/renderer/src/store';
import type { AnswerResult, Word } from '../../src/shared/domain';
import { ANSWER_ID, QUESTIONS, installFakeApi, sampleResult } from './fakeApi';

vi.mock('../../src/renderer/src/audio/microphone', async (importOriginal) => ({
  ...(await importOriginal<typeof MicrophoneModule>()),
  startMicrophone: vi.fn(),
  listInputDevices: vi.fn(async () => []),
  watchInputDevices: vi.fn(() => () => undefined),
}));

const words = (...texts: string[]): Word[] =>
  texts.map((text, i) => ({ text: ` ${text}`, startSec: i * 0.5, endSec: i * 0.5 + 0.4 }));

function withWords(result: AnswerResult, w: Word[]): AnswerResult {
  return { ...result, words: w, text: w.map((x) => x.text.trim()).join(' ') };
}

const LIVE = withWords(sampleResult(), words('So', 'um', 'I', 'sink', 'you', 'know', 'it', 'works.'));
const FINAL = withWords(
  sampleResult(),
  words('So', 'um', 'I', 'think', 'you', 'know', 'that', 'it', 'works.'),
);

describe('the live report while Stop finishes', () => {
  let fake: ReturnType<typeof installFakeApi>;
  let finishStop: (result: AnswerResult) => void;

  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
    vi.mocked(startMicrophone).mockReset();
    vi.mocked(startMicrophone).mockImplementation(async () => ({
      label: 'Mic',
      stop: async () => undefined,
    }));
    fake.api.stopAnswer.mockImplementation(
      () => new Promise<AnswerResult>((resolve) => (finishStop = resolve)),
    );
    fake.api.liveReport.mockImplementation(async () => LIVE);
  });

  /** Records, presses Stop, and has main report 6 s left to transcribe. */
  async function recordAndStop() {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false),
    );
    await user.keyboard(' ');
    await screen.findByRole('button', { name: /Stop/ });
    await user.keyboard(' ');
    await waitFor(() => expect(fake.api.stopAnswer).toHaveBeenCalledWith(ANSWER_ID));
    act(() => fake.push.finishing({ answerId: ANSWER_ID, remainingSec: 6, totalSec: 6, estimateMs: 8000 }));
    return user;
  }

  it('shows the live report at once, then upgrades it in place to the final text and says what changed', async () => {
    const user = await recordAndStop();
    const offer = await screen.findByRole('button', { name: /Show the report with the live transcript now/ });
    expect(offer.getAttribute('aria-keyshortcuts')).toBe('Enter');
    expect(screen.getByRole('progressbar', { name: 'Transcript progress' })).toBeTruthy();

    await user.click(offer);
    expect(fake.api.liveReport).toHaveBeenCalledWith(ANSWER_ID);
    const liveNotice = await screen.findByText('Live transcript — the final text is on its way.');
    expect(liveNotice).toBeTruthy();
    // The progress stays in view, small, beside the report.
    expect(screen.getByRole('progressbar', { name: 'Final transcript progress' })).toBeTruthy();
    expect(screen.getByText(/About \d+ s left/)).toBeTruthy();
    // The whole report, from the live words: metrics, transcript, the analysis.
    const report = document.querySelector('.answer-result')!;
    const transcriptCard = document.querySelector('.transcript-card')!;
    expect(report.textContent).toContain('sink');
    expect(screen.getByRole('button', { name: 'Practise another question' }).hasAttribute('disabled')).toBe(
      true,
    );
    // Leaving it with Esc does nothing while the answer is being finished.
    await user.keyboard('{Escape}');
    expect(document.querySelector('.answer-result')).toBe(report);

    const heading = screen.getByRole('heading', { level: 1, name: QUESTIONS[0]!.text });
    const focused = document.activeElement;
    await act(async () => finishStop(FINAL));

    await screen.findByText(/Final transcript ready/);
    expect(screen.getByText(/2 words changed/)).toBeTruthy();
    expect(screen.queryByText('Live transcript — the final text is on its way.')).toBeNull();
    // Upgraded in place: the same report and transcript elements, now with the final words; focus unmoved.
    expect(document.querySelector('.answer-result')).toBe(report);
    expect(document.querySelector('.transcript-card')).toBe(transcriptCard);
    expect(report.isConnected).toBe(true);
    expect(heading.isConnected).toBe(true);
    expect(document.activeElement).toBe(focused);
    expect(report.textContent).toContain('think');
    expect(report.textContent).toContain('that');
    expect(report.textContent).not.toContain('sink');
    expect(screen.getByRole('button', { name: 'Practise another question' }).hasAttribute('disabled')).toBe(
      false,
    );
  });

  it('Enter asks for the live report too, even with the focus still on the Stop button', async () => {
    const user = await recordAndStop();
    await screen.findByRole('button', { name: /Show the report with the live transcript now/ });
    screen.getByRole('button', { name: /Finalising/ }).focus();
    await user.keyboard('{Enter}');
    await screen.findByText('Live transcript — the final text is on its way.');
    expect(fake.api.liveReport).toHaveBeenCalledTimes(1);
    await act(async () => finishStop(FINAL));
    await screen.findByText(/Final transcript ready/);
  });

  it('keeps the live report when the final pass fails, says so, and "Transcribe again" upgrades it', async () => {
    const user = await recordAndStop();
    await user.click(
      await screen.findByRole('button', { name: /Show the report with the live transcript now/ }),
    );
    await screen.findByText('Live transcript — the final text is on its way.');
    const report = document.querySelector('.answer-result')!;

    const reason = 'The speech engine failed: whisper_full failed (-6)';
    await act(async () => finishStop({ ...sampleResult(), words: [], text: '', notTranscribed: { reason } }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The final pass failed');
    expect(alert.textContent).toContain(reason);
    expect(alert.textContent).toMatch(/saved as not transcribed/);
    // The report of the live transcript stays, not an empty "not transcribed" page.
    expect(document.querySelector('.answer-result')).toBe(report);
    expect(report.textContent).toContain('sink');

    fake.api.transcribeAgain.mockResolvedValueOnce(FINAL);
    await user.click(within(alert).getByRole('button', { name: 'Transcribe again' }));
    await screen.findByText(/Final transcript ready/);
    expect(document.querySelector('.answer-result')).toBe(report);
    expect(report.textContent).toContain('think');
  });

  it('offers nothing to wait for once Stop has returned: the final report shows', async () => {
    await recordAndStop();
    await screen.findByRole('button', { name: /Show the report with the live transcript now/ });
    await act(async () => finishStop(FINAL));
    await screen.findByRole('button', { name: 'Practise another question' });
    expect(screen.queryByRole('button', { name: /Show the report with the live transcript now/ })).toBeNull();
    expect(screen.queryByText(/Final transcript ready/)).toBeNull();
    expect(fake.api.liveReport).not.toHaveBeenCalled();
  });
});

describe('countChangedWords', () => {
  it('counts a word replaced, added or dropped once, ignoring case and punctuation', () => {
    expect(countChangedWords(words('So', 'I', 'think.'), words('so', 'I', 'think'))).toBe(0);
    expect(countChangedWords(words('a', 'b', 'c'), words('a', 'x', 'c'))).toBe(1);
    expect(countChangedWords(words('a', 'b', 'c'), words('a', 'b', 'c', 'd'))).toBe(1);
    expect(countChangedWords(words('a', 'b', 'c'), words('a', 'c'))).toBe(1);
    expect(countChangedWords(words('a', 'b', 'c', 'd'), words('x', 'y', 'c'))).toBe(3);
    expect(countChangedWords([], words('a', 'b'))).toBe(2);
  });
});
