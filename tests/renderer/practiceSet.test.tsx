import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type * as MicrophoneModule from '../../src/renderer/src/audio/microphone';
import { startMicrophone } from '../../src/renderer/src/audio/microphone';
import { App } from '../../src/renderer/src/App';
import { timerPhase } from '../../src/renderer/src/features/practice/AnswerTimer';
import { resetCoachStore, useCoachStore } from '../../src/renderer/src/store';
import { installFakeApi, QUESTIONS } from './fakeApi';
import { analysedDetail, analysedResult } from './sampleAnalysis';

vi.mock('../../src/renderer/src/audio/microphone', async (importOriginal) => ({
  ...(await importOriginal<typeof MicrophoneModule>()),
  startMicrophone: vi.fn(),
  listInputDevices: vi.fn(async () => []),
  watchInputDevices: vi.fn(() => () => undefined),
}));

const SET = [
  { ...QUESTIONS[0]!, target: { minSec: 45, maxSec: 90 }, covers: 'Own the failure and the lesson.' },
  QUESTIONS[1]!,
  { id: 'q3', kind: 'situational' as const, text: 'What would you do if a key teammate left?' },
];

/** "Question 1 of 3" is split across elements (the number is bold). */
const position = (text: string) =>
  screen.getByText((_, el) => el?.classList.contains('set-position') === true && el.textContent === text);
const findPosition = (text: string) =>
  screen.findByText((_, el) => el?.classList.contains('set-position') === true && el.textContent === text);

describe('practice sets', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
    fake.api.buildPracticeSet.mockImplementation(async (o) => SET.slice(0, o.count));
    fake.api.stopAnswer.mockImplementation(async () => analysedResult());
    fake.api.getSession.mockImplementation(async () => analysedDetail());
    vi.mocked(startMicrophone).mockImplementation(async () => ({
      label: 'mic',
      stop: async () => undefined,
    }));
  });

  async function openSetup() {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false),
    );
    await user.click(screen.getByText('Practise a set of questions'));
    return user;
  }

  async function recordOnce(user: ReturnType<typeof userEvent.setup>) {
    await user.click(screen.getByRole('button', { name: /Record answer/ }));
    await screen.findByRole('button', { name: /Stop/ });
    await user.click(screen.getByRole('button', { name: /Stop/ }));
  }

  it('asks main for a set by role, length, order and kinds, and shows the progress', async () => {
    const user = await openSetup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'data');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Length' }), '3');
    await user.click(screen.getByRole('radio', { name: 'In order' }));
    await user.click(screen.getByRole('checkbox', { name: 'Behavioural' }));
    await user.click(screen.getByRole('button', { name: 'Start the set' }));
    expect(fake.api.buildPracticeSet).toHaveBeenCalledWith({
      role: 'data',
      count: 3,
      order: 'bank',
      kinds: ['behavioural'],
    });
    expect(await findPosition('Question 1 of 3')).toBeTruthy();
    expect(
      screen.getByRole('progressbar', { name: 'Answered in this set' }).getAttribute('aria-valuenow'),
    ).toBe('0');
    expect(screen.getByRole('heading', { name: SET[0]!.text })).toBeTruthy();
    expect(screen.getByText('Aim for 0:45–1:30')).toBeTruthy();
    expect(screen.getByText('Own the failure and the lesson.')).toBeTruthy();
    // Each answer is filed under the set's role, so History's role filter finds it.
    await recordOnce(user);
    expect(fake.api.startAnswer).toHaveBeenCalledWith(expect.objectContaining({ practisedForRole: 'data' }));
  });

  it('uses hand-picked questions in the order they were ticked', async () => {
    const user = await openSetup();
    await user.click(screen.getByRole('radio', { name: 'Choose by hand' }));
    await user.click(screen.getByRole('checkbox', { name: new RegExp(QUESTIONS[1]!.text) }));
    await user.click(screen.getByRole('checkbox', { name: new RegExp(QUESTIONS[0]!.text) }));
    await user.click(screen.getByRole('button', { name: 'Start the set' }));
    expect(fake.api.buildPracticeSet).toHaveBeenCalledWith({
      role: 'any',
      count: 2,
      order: 'bank',
      questionIds: ['q2', 'q1'],
    });
    await recordOnce(user);
    expect(fake.api.startAnswer.mock.calls[0]![0]).not.toHaveProperty('practisedForRole');
  });

  it('records, skips, retries and finishes with the session summary', async () => {
    const user = await openSetup();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Length' }), '3');
    await user.click(screen.getByRole('button', { name: 'Start the set' }));
    await findPosition('Question 1 of 3');

    await recordOnce(user);
    await screen.findByRole('button', { name: 'Next question (2 of 3)' });
    expect(screen.getByLabelText('This answer: score')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Try this question again' }));
    expect(position('Question 1 of 3')).toBeTruthy();
    expect(screen.getByText('1 of 3 answered · 1 take')).toBeTruthy();
    await recordOnce(user);
    // Two takes of one question: one question answered, both takes counted.
    await user.click(await screen.findByRole('button', { name: 'Next question (2 of 3)' }));
    expect(screen.getByText('1 of 3 answered · 2 takes')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Skip question' }));
    expect(position('Question 3 of 3')).toBeTruthy();
    expect(screen.getByRole('heading', { name: SET[2]!.text })).toBeTruthy();
    await recordOnce(user);
    await user.click(await screen.findByRole('button', { name: 'Finish the set' }));

    expect(await screen.findByRole('heading', { name: 'How the session went' })).toBeTruthy();
    expect(screen.getByText('2 of 3 questions answered in 3 takes, 1 question skipped.')).toBeTruthy();
    expect(fake.api.getSession).toHaveBeenCalledWith(analysedResult().sessionId);
    expect(await screen.findByLabelText('This session: score')).toBeTruthy();
    expect(screen.getByLabelText('Across the session')).toBeTruthy();

    await user.click(screen.getByRole('button', { name: 'Back to practice' }));
    expect(screen.getByRole('combobox', { name: 'Question' })).toBeTruthy();
    expect(useCoachStore.getState().activeSessionId).toBeNull();
  });

  it('shows the answer timer against the target while recording', async () => {
    await openSetup();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /Record answer/ }));
    const timer = await screen.findByRole('timer');
    expect(timer.getAttribute('aria-label')).toBe('Answer time against a 1:00–2:00 target');
    expect(within(timer).getByText('Building up')).toBeTruthy();
    expect(timerPhase(50, 60, 120)).toBe('before-target');
    expect(timerPhase(70, 60, 120)).toBe('in-target');
    expect(timerPhase(95, 60, 120)).toBe('closing');
    expect(timerPhase(121, 60, 120)).toBe('over');
    expect(timerPhase(10, 5, 20)).toBe('in-target');
  });
});

describe('custom questions', () => {
  beforeEach(() => {
    resetCoachStore();
  });

  it('counts a long question’s characters and says when the limit is reached', async () => {
    installFakeApi();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    fireEvent.click(screen.getByText('Practise a set of questions'));
    const section = screen.getByRole('region', { name: 'Your own questions' });
    const box = within(section).getByRole('textbox', { name: 'Question' });
    fireEvent.change(box, { target: { value: 'Why this role?' } });
    expect(within(section).getByText('14 / 500')).toBeTruthy();
    fireEvent.change(box, { target: { value: 'x'.repeat(500) } });
    expect(within(section).getByText('500 / 500 — that is the limit; shorten it to add more')).toBeTruthy();
  });

  it('adds a question with its kind and note, and deletes it', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await user.click(screen.getByText('Practise a set of questions'));
    const section = screen.getByRole('region', { name: 'Your own questions' });
    const add = within(section).getByRole('button', { name: 'Add question' });
    expect(add.hasAttribute('disabled')).toBe(true);
    await user.type(
      within(section).getByRole('textbox', { name: 'Question' }),
      'Why did you pick your degree?',
    );
    await user.selectOptions(within(section).getByRole('combobox', { name: 'Kind' }), 'motivational');
    await user.type(
      within(section).getByRole('textbox', { name: /strong answer covers/ }),
      'Honest reasons.',
    );
    await user.click(add);
    expect(fake.api.addCustomQuestion).toHaveBeenCalledWith({
      text: 'Why did you pick your degree?',
      kind: 'motivational',
      covers: 'Honest reasons.',
    });
    expect(await within(section).findByText('Why did you pick your degree?')).toBeTruthy();
    expect(useCoachStore.getState().questions.at(-1)?.custom).toBe(true);

    await user.click(within(section).getByRole('button', { name: 'Delete “Why did you pick your degree?”' }));
    expect(fake.api.deleteCustomQuestion).toHaveBeenCalledWith('custom-1');
    await waitFor(() => expect(within(section).queryByText('Why did you pick your degree?')).toBeNull());
  });

  it('says why when main refuses the question', async () => {
    const fake = installFakeApi();
    fake.api.addCustomQuestion.mockRejectedValue(
      new Error('Invalid payload for questions:add-custom: text: too long'),
    );
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await user.click(screen.getByText('Practise a set of questions'));
    const section = screen.getByRole('region', { name: 'Your own questions' });
    await user.type(within(section).getByRole('textbox', { name: 'Question' }), 'A question that fails');
    await act(async () => user.click(within(section).getByRole('button', { name: 'Add question' })));
    expect((await within(section).findByRole('alert')).textContent).toContain('too long');
  });
});
