// The review player: a session's answers get an audio element when the transport can serve recordings.
import { render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { SessionDetailView } from '../../src/renderer/src/features/history/SessionDetailView';
import { resetCoachStore, useCoachStore } from '../../src/renderer/src/store';
import { ANSWER_ID, installFakeApi, sampleDetail, SESSION_ID } from './fakeApi';

describe('answer recordings in a session review', () => {
  beforeEach(() => {
    resetCoachStore();
    useCoachStore.setState({ selectedSessionId: SESSION_ID, selectedSession: sampleDetail() });
  });

  it('plays each answer from the URL the browser bridge gives', () => {
    const { api } = installFakeApi();
    window.api = { ...api, answerAudioUrl: (id) => `/api/answers/${id}/audio?token=t` };
    render(<SessionDetailView />);
    const player = screen.getByLabelText('Recording of answer 1') as HTMLAudioElement;
    expect(player.tagName).toBe('AUDIO');
    expect(player.getAttribute('src')).toBe(`/api/answers/${ANSWER_ID}/audio?token=t`);
    expect(player.controls).toBe(true);
    expect(screen.getByLabelText('Recording of answer 2')).toBeTruthy();
  });

  it('shows no player where recordings cannot be served (the desktop window)', () => {
    installFakeApi();
    render(<SessionDetailView />);
    expect(screen.queryByLabelText(/Recording of answer/)).toBeNull();
  });
});
