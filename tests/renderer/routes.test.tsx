// Routes (issue #16): every screen has a hash address; Back and Forward move between screens; a reload
// (a fresh store and App at the same address) keeps the open session and the practice set.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { parseRoute, routeHash, type Route } from '../../src/renderer/src/routing/routes';
import { resetCoachStore, useCoachStore } from '../../src/renderer/src/store';
import { persistPractice, restorePractice } from '../../src/renderer/src/store/practicePersistence';
import { ANSWER_ID, installFakeApi, QUESTIONS, SESSION_ID } from './fakeApi';

/** jsdom runs Back and Forward asynchronously, like a browser: wait for the address to change. */
async function goBack(): Promise<void> {
  const before = window.location.hash;
  await act(async () => {
    window.history.back();
    await waitFor(() => expect(window.location.hash).not.toBe(before));
  });
}

describe('route addresses', () => {
  const routes: Route[] = [
    { screen: 'practice', set: false },
    { screen: 'practice', set: true },
    { screen: 'history', sessionId: null, answerId: null },
    { screen: 'history', sessionId: SESSION_ID, answerId: null },
    { screen: 'history', sessionId: SESSION_ID, answerId: ANSWER_ID },
    { screen: 'trends' },
    { screen: 'settings' },
  ];

  it('round-trips every screen through its hash', () => {
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(routeHash(routes[4]!)).toBe(`#/history/${SESSION_ID}/answer/${ANSWER_ID}`);
  });

  it('reads an empty, unknown or damaged address as Practice or the list', () => {
    expect(parseRoute('')).toEqual(routes[0]);
    expect(parseRoute('#/nowhere')).toEqual(routes[0]);
    expect(parseRoute('#/history/%E0%A4%A/answer/x')).toEqual(routes[2]);
    expect(parseRoute('#/history/a b')).toEqual(routes[2]);
  });
});

describe('the app at an address', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
  });

  it('puts every screen in the address, and Back and Forward move between them', async () => {
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });

    await user.click(screen.getByRole('button', { name: 'History' }));
    expect(window.location.hash).toBe('#/history');
    await user.click(await screen.findByRole('button', { name: /Morning warm-up/ }));
    expect(window.location.hash).toBe(`#/history/${SESSION_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Morning warm-up' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Trends' }));
    expect(window.location.hash).toBe('#/trends');
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    expect(window.location.hash).toBe('#/settings');

    await goBack();
    expect(window.location.hash).toBe('#/trends');
    expect(screen.getByRole('button', { name: 'Trends' }).getAttribute('aria-current')).toBe('page');
    await goBack();
    expect(window.location.hash).toBe(`#/history/${SESSION_ID}`);
    expect(await screen.findByRole('heading', { level: 1, name: 'Morning warm-up' })).toBeTruthy();
    await goBack();
    expect(await screen.findByRole('list', { name: 'Saved sessions' })).toBeTruthy();
    expect(useCoachStore.getState().selectedSessionId).toBeNull();

    await act(async () => {
      window.history.forward();
      await waitFor(() => expect(window.location.hash).toBe(`#/history/${SESSION_ID}`));
    });
    expect(await screen.findByRole('heading', { level: 1, name: 'Morning warm-up' })).toBeTruthy();
  });

  it('opens a session and brings an answer into view from the address alone (a reload, a link)', async () => {
    window.history.replaceState(
      null,
      '',
      `#/history/${SESSION_ID}/answer/44444444-4444-4444-8444-444444444444`,
    );
    render(<App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Morning warm-up' })).toBeTruthy();
    expect(fake.api.getSession).toHaveBeenCalledWith(SESSION_ID);
    const second = screen.getByRole('heading', { level: 2, name: QUESTIONS[1]!.text });
    await waitFor(() => expect(document.activeElement).toBe(second));
    // Each answer has its own link.
    const link = screen.getByRole('link', { name: 'Answer 2 of 2' });
    expect(link.getAttribute('href')).toBe(
      `#/history/${SESSION_ID}/answer/44444444-4444-4444-8444-444444444444`,
    );
  });

  it('keeps the practice set and its session across a reload, and forgets them once the set ends', async () => {
    const stopPersisting = persistPractice();
    const SET = [QUESTIONS[1]!, QUESTIONS[0]!];
    fake.api.buildPracticeSet.mockImplementation(async () => SET);
    const user = userEvent.setup();
    const first = render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await user.click(screen.getByText('Practise a set of questions'));
    await user.click(screen.getByRole('button', { name: 'Start the set' }));
    await screen.findByText('Skip question');
    expect(window.location.hash).toBe('#/practice/set');
    await user.click(screen.getByRole('button', { name: 'Skip question' }));
    useCoachStore.setState({ activeSessionId: SESSION_ID, activeSessionAnswerCount: 1 });

    // A reload: the page and its store start afresh at the same address.
    first.unmount();
    stopPersisting();
    resetCoachStore();
    restorePractice();
    const stopAgain = persistPractice();
    render(<App />);
    expect(
      await screen.findByText(
        (_, el) => el?.classList.contains('set-position') === true && el.textContent === 'Question 2 of 2',
      ),
    ).toBeTruthy();
    expect(screen.getByRole('heading', { level: 1, name: QUESTIONS[0]!.text })).toBeTruthy();
    expect(useCoachStore.getState().activeSessionId).toBe(SESSION_ID);
    expect(window.location.hash).toBe('#/practice/set');

    await user.click(screen.getByRole('button', { name: 'End set' }));
    await user.click(await screen.findByRole('button', { name: 'Back to practice' }));
    await waitFor(() => expect(window.location.hash).toBe('#/practice'));
    stopAgain();
  });

  it('leaves a set address without a set for plain Practice', async () => {
    window.history.replaceState(null, '', '#/practice/set');
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    await waitFor(() => expect(window.location.hash).toBe('#/practice'));
  });
});
