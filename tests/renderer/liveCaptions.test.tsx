import { act, render } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaptionUpdate } from '../../src/shared/domain';
import { LiveCaptions } from '../../src/renderer/src/features/live/LiveCaptions';
import { resetCoachStore, useCoachStore } from '../../src/renderer/src/store';
import { startIpcBridge } from '../../src/renderer/src/store/ipcBridge';
import { ANSWER_ID, SESSION_ID, installFakeApi } from './fakeApi';

function caption(
  seq: number,
  committedText: string,
  tentativeText: string,
  answerId = ANSWER_ID,
): CaptionUpdate {
  return { answerId, seq, committedText, tentativeText, audioSec: seq * 0.2 };
}

describe('LiveCaptions', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
    const s = useCoachStore.getState();
    s.answerStarting();
    s.answerStarted({ answerId: ANSWER_ID, sessionId: SESSION_ID });
    s.recordingStarted(Date.now());
  });

  it('shows committed text in normal ink and tentative text styled apart', () => {
    const stop = startIpcBridge();
    const { container } = render(<LiveCaptions />);

    act(() => fake.push.caption(caption(1, 'I led a team', 'of five peo')));

    const committed = container.querySelector('.caption-committed');
    const tentative = container.querySelector('.caption-tentative');
    expect(committed?.textContent).toBe('I led a team');
    expect(tentative?.textContent).toBe('of five peo');
    expect(committed?.className).not.toBe(tentative?.className);
    expect(container.querySelector('.captions-text')?.textContent).toBe('I led a team of five peo');
    stop();
  });

  it('ignores stale and foreign updates', () => {
    const stop = startIpcBridge();
    const { container } = render(<LiveCaptions />);

    act(() => {
      fake.push.caption(caption(2, 'I led a team of five people', 'during'));
      fake.push.caption(caption(1, 'I led', 'a team'));
      fake.push.caption(caption(9, 'someone else', '', '99999999-9999-4999-8999-999999999999'));
    });

    expect(container.querySelector('.caption-committed')?.textContent).toBe('I led a team of five people');
    expect(container.querySelector('.caption-tentative')?.textContent).toBe('during');
    expect(useCoachStore.getState().captionSeq).toBe(2);

    act(() => fake.push.caption(caption(3, 'I led a team of five people during the launch.', '')));
    expect(container.querySelector('.caption-committed')?.textContent).toBe(
      'I led a team of five people during the launch.',
    );
    expect(container.querySelector('.caption-tentative')).toBeNull();
    stop();
  });

  it('stops listening when the bridge is stopped', () => {
    const stop = startIpcBridge();
    stop();
    for (const set of Object.values(fake.listeners)) expect(set.size).toBe(0);
  });
});
