// Review (issue #5): search → jump to the moment, playback synced to the transcript, keys, notes,
// rubric, filters and deleting a session.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SearchHit } from '../../src/shared/domain';
import { HistoryScreen } from '../../src/renderer/src/features/history/HistoryScreen';
import { SessionDetailView } from '../../src/renderer/src/features/history/SessionDetailView';
import { wordIndexAt, reviewKeyAction } from '../../src/renderer/src/features/review/playback';
import { resetCoachStore, useCoachStore } from '../../src/renderer/src/store';
import { ANSWER_ID, installFakeApi, sampleDetail, sampleNote, sampleResult, SESSION_ID } from './fakeApi';

const HIT: SearchHit = {
  sessionId: SESSION_ID,
  sessionTitle: 'Morning warm-up',
  startedAt: '2025-11-20T10:00:00Z',
  answerId: ANSWER_ID,
  questionText: 'Tell me about a time you failed.',
  source: 'transcript',
  noteId: null,
  snippet: [
    { text: 'So um I ', hit: false },
    { text: 'think', hit: true },
    { text: ' …', hit: false },
  ],
  atSec: 1.5,
  wordIndex: 3,
};

/** jsdom has no media playback or Blob URLs; these stand in for them. */
function stubMedia() {
  const state = { paused: true };
  vi.spyOn(window.HTMLMediaElement.prototype, 'paused', 'get').mockImplementation(() => state.paused);
  vi.spyOn(window.HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4);
  vi.spyOn(window.HTMLMediaElement.prototype, 'play').mockImplementation(async function (
    this: HTMLMediaElement,
  ) {
    state.paused = false;
    this.dispatchEvent(new Event('play'));
  });
  vi.spyOn(window.HTMLMediaElement.prototype, 'pause').mockImplementation(function (this: HTMLMediaElement) {
    state.paused = true;
    this.dispatchEvent(new Event('pause'));
  });
  URL.createObjectURL = vi.fn(() => 'blob:answer');
  URL.revokeObjectURL = vi.fn();
}

describe('playback helpers', () => {
  const words = sampleResult().words;
  it('finds the word being said, and none in a long pause', () => {
    expect(wordIndexAt(words, 0.1)).toBe(0);
    expect(wordIndexAt(words, 1.6)).toBe(3);
    expect(wordIndexAt(words, 3.5)).toBe(-1);
    expect(wordIndexAt(words, 4.5)).toBe(4);
    expect(wordIndexAt([], 1)).toBe(-1);
  });
  it('maps keys to actions but leaves fields and buttons alone', () => {
    expect(reviewKeyAction(' ', false, 'SECTION')).toEqual({ kind: 'toggle' });
    expect(reviewKeyAction(' ', false, 'BUTTON')).toBeNull();
    expect(reviewKeyAction('ArrowLeft', false, 'DIV')).toEqual({ kind: 'seek', bySec: -5 });
    expect(reviewKeyAction('ArrowRight', true, 'DIV')).toEqual({ kind: 'seek', bySec: 1 });
    expect(reviewKeyAction('ArrowRight', false, 'TEXTAREA')).toBeNull();
  });
});

describe('History search', () => {
  beforeEach(() => {
    resetCoachStore();
    stubMedia();
  });
  afterEach(() => vi.restoreAllMocks());

  it('shows matching sentences with the hit marked, and opens the answer at that word', async () => {
    const fake = installFakeApi();
    fake.api.searchHistory.mockResolvedValue([HIT]);
    const user = userEvent.setup();
    render(<HistoryScreen />);
    await user.type(await screen.findByRole('searchbox'), 'thi');
    const results = await screen.findByRole('list', { name: 'Search results' });
    expect(fake.api.searchHistory).toHaveBeenLastCalledWith({ text: 'thi' });
    expect(within(results).getByText('think').tagName).toBe('MARK');
    expect(results.textContent).toContain('at 00:01');

    await user.click(within(results).getByRole('button'));
    expect(fake.api.getSession).toHaveBeenCalledWith(SESSION_ID);
    await waitFor(() => expect(document.querySelector('.review-word.is-current')?.textContent).toBe('think'));
    const review = document.querySelector('.answer-review')!;
    expect(review.contains(document.activeElement)).toBe(true);
    const player = (await screen.findByLabelText('Recording of answer 1')) as HTMLAudioElement;
    expect(player.getAttribute('src')).toBe('blob:answer');
    expect(fake.api.getAnswerAudio).toHaveBeenCalledWith(ANSWER_ID);
  });

  it('filters and sorts the list through the history query', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<HistoryScreen />);
    await screen.findByRole('list', { name: 'Saved sessions' });
    await user.selectOptions(screen.getByLabelText('Sort'), 'Highest score');
    await waitFor(() =>
      expect(fake.api.listHistory).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'score', direction: 'desc', offset: 0 }),
      ),
    );
    await user.selectOptions(screen.getByLabelText('Question kind'), 'Situational');
    await user.selectOptions(screen.getByLabelText('Score'), '70 or more');
    await waitFor(() =>
      expect(fake.api.listHistory).toHaveBeenLastCalledWith(
        expect.objectContaining({ kind: 'situational', minScore: 70, sort: 'score' }),
      ),
    );
    fake.api.listHistory.mockResolvedValue({ sessions: [], total: 0, offset: 0 });
    await user.selectOptions(screen.getByLabelText('Role'), 'Sales');
    expect(await screen.findByText('No sessions match these filters')).toBeTruthy();
  });
});

describe('Session review', () => {
  beforeEach(() => {
    resetCoachStore();
    stubMedia();
    useCoachStore.setState({ selectedSessionId: SESSION_ID, selectedSession: sampleDetail() });
  });
  afterEach(() => vi.restoreAllMocks());

  it('plays from a Blob URL of the recording; Space toggles, arrows seek, a click on a word plays from it', async () => {
    installFakeApi();
    render(<SessionDetailView />);
    const player = (await screen.findByLabelText('Recording of answer 1')) as HTMLAudioElement;
    fireEvent.loadedMetadata(player);
    const review = player.closest('.answer-review') as HTMLElement;

    fireEvent.keyDown(review, { key: ' ' });
    expect(player.play).toHaveBeenCalled();
    await screen.findAllByRole('button', { name: 'Pause' });
    fireEvent.keyDown(review, { key: ' ' });
    expect(player.pause).toHaveBeenCalled();

    fireEvent.keyDown(review, { key: 'ArrowRight' });
    expect(player.currentTime).toBe(5);
    fireEvent.keyDown(review, { key: 'ArrowLeft', shiftKey: true });
    expect(player.currentTime).toBe(4);

    vi.mocked(player.play).mockClear();
    fireEvent.click(within(review).getByText('works'));
    expect(player.currentTime).toBeCloseTo(5.9);
    expect(player.play).toHaveBeenCalledTimes(1);
    expect(review.querySelector('.review-word.is-current')?.textContent).toBe('works');
    // Fillers and hedges stay marked in the synced transcript.
    expect(review.querySelectorAll('.transcript mark.filler')).toHaveLength(2);
  });

  it('says so when the recording is missing, and keeps the report', async () => {
    const fake = installFakeApi();
    fake.api.getAnswerAudio.mockRejectedValue(new Error('No saved recording for answer x.'));
    render(<SessionDetailView />);
    expect((await screen.findAllByText(/No saved recording for answer x/)).length).toBe(2);
    expect(screen.getAllByRole('button', { name: 'Play' })[0]!.hasAttribute('disabled')).toBe(true);
  });

  it('adds, edits and deletes timestamped notes, shows them on the time line, and scores the rubric', async () => {
    const fake = installFakeApi();
    fake.api.getSessionReview.mockResolvedValue({
      notes: [sampleNote({ id: 7, atSec: 2, body: 'Breathe before the result.' })],
      rubric: { [ANSWER_ID]: { clarity: 4 } },
    });
    const user = userEvent.setup();
    render(<SessionDetailView />);
    const first = (await screen.findByText('Breathe before the result.')).closest(
      '.answer-review',
    ) as HTMLElement;
    expect(within(first).getByRole('button', { name: /Note at 00:02: Breathe/ })).toBeTruthy();
    expect((within(first).getAllByRole('radio', { checked: true }) as HTMLInputElement[]).length).toBe(1);

    await user.type(within(first).getByLabelText('New note'), 'Great example');
    await user.click(within(first).getByRole('button', { name: /Add note at/ }));
    expect(fake.api.addNote).toHaveBeenCalledWith(
      expect.objectContaining({ answerId: ANSWER_ID, body: 'Great example', atSec: 0 }),
    );
    expect(await within(first).findByText('Great example')).toBeTruthy();

    const note = within(first).getByText('Breathe before the result.').closest('li')!;
    await user.click(within(note).getByRole('button', { name: 'Edit' }));
    const editor = within(note).getByLabelText('Edit note');
    await user.clear(editor);
    await user.type(editor, 'Pause, then the result.');
    await user.click(within(note).getByRole('button', { name: 'Save' }));
    expect(fake.api.updateNote).toHaveBeenCalledWith(7, { body: 'Pause, then the result.' });
    expect(await within(first).findByText('Pause, then the result.')).toBeTruthy();

    const edited = within(first).getByText('Pause, then the result.').closest('li')!;
    await user.click(within(edited).getByRole('button', { name: 'Delete' }));
    await user.click(within(edited).getByRole('button', { name: 'Delete note' }));
    expect(fake.api.deleteNote).toHaveBeenCalledWith(7);
    await waitFor(() => expect(within(first).queryByText('Pause, then the result.')).toBeNull());

    const structure = within(first).getByRole('group', { name: 'Structure' });
    await user.click(within(structure).getByText('5'));
    expect(fake.api.setRubricScore).toHaveBeenCalledWith({
      answerId: ANSWER_ID,
      criterion: 'structure',
      score: 5,
    });
  }, 20_000);

  it('attaches a note to words selected before clicking into the note box, and says so on the button', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<SessionDetailView />);
    const player = (await screen.findByLabelText('Recording of answer 1')) as HTMLAudioElement;
    const review = player.closest('.answer-review') as HTMLElement;
    const words = review.querySelectorAll<HTMLElement>('.review-transcript .review-word');
    const [first, last] = [words[2]!, words[4]!];

    // Select three words in the transcript, the way a mouse drag does.
    act(() => {
      const range = document.createRange();
      range.setStart(first.firstChild!, 0);
      range.setEnd(last.firstChild!, last.textContent!.length);
      document.getSelection()!.removeAllRanges();
      document.getSelection()!.addRange(range);
      document.dispatchEvent(new Event('selectionchange'));
    });
    const quoted = [2, 3, 4].map((i) => sampleResult().words[i]!.text.trim()).join(' ');
    expect(within(review).getByRole('button', { name: `Add note on “${quoted}”` })).toBeTruthy();

    // Clicking the box takes the selection away from the transcript; the words stay chosen.
    const box = within(review).getByLabelText('New note');
    act(() => {
      document.getSelection()!.removeAllRanges();
      document.dispatchEvent(new Event('selectionchange'));
    });
    await user.click(box);
    await user.type(box, 'Hedges');
    await user.click(within(review).getByRole('button', { name: `Add note on “${quoted}”` }));
    expect(fake.api.addNote).toHaveBeenCalledWith(
      expect.objectContaining({
        answerId: ANSWER_ID,
        wordStart: 2,
        wordEnd: 4,
        atSec: sampleResult().words[2]!.startSec,
        body: 'Hedges',
      }),
    );
    // Once added, the next note goes back to the playhead.
    expect(await within(review).findByRole('button', { name: /Add note at 00:00/ })).toBeTruthy();
  }, 20_000);

  it('asks before deleting a session, then deletes it and goes back to the list', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<SessionDetailView />);
    await user.click(screen.getByRole('button', { name: 'Delete session…' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('recordings and notes');
    expect(fake.api.deleteSession).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Keep' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Delete session…' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(fake.api.deleteSession).toHaveBeenCalledWith(SESSION_ID);
    await act(async () => undefined);
    expect(useCoachStore.getState().selectedSessionId).toBeNull();
  });
});

describe('Settings: data usage', () => {
  it('shows where the data lives and what takes the space', async () => {
    const { DataUsage, formatBytes } = await import('../../src/renderer/src/features/settings/DataUsage');
    installFakeApi();
    render(<DataUsage />);
    const section = await screen.findByRole('region', { name: 'Your data' });
    await waitFor(() => expect(section.textContent).toContain('/data'));
    expect(section.textContent).toContain('2 sessions, 198 MB in all');
    expect(section.textContent).toContain('Recordings48.0 MB');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1_500_000_000)).toBe('1.5 GB');
  });
});

describe('export and import in the app', () => {
  beforeEach(() => {
    resetCoachStore();
    stubMedia();
  });
  afterEach(() => vi.restoreAllMocks());

  it('saves each export format as a download named for the session', async () => {
    const fake = installFakeApi();
    useCoachStore.setState({ selectedSessionId: SESSION_ID, selectedSession: sampleDetail() });
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const user = userEvent.setup();
    render(<SessionDetailView />);
    const group = screen.getByRole('group', { name: 'Export' });
    await user.click(within(group).getByRole('button', { name: 'Markdown' }));
    await user.click(within(group).getByRole('button', { name: 'Bundle' }));
    expect(fake.api.exportSession.mock.calls).toEqual([
      [SESSION_ID, 'md'],
      [SESSION_ID, 'coach'],
    ]);
    expect(clicked).toEqual(['2025-11-20 Morning warm-up.md', '2025-11-20 Morning warm-up.coach']);
    fake.api.exportSession.mockRejectedValue(new Error('A PDF needs Chromium at /usr/bin/chromium'));
    await user.click(within(group).getByRole('button', { name: 'PDF' }));
    expect((await within(group).findByRole('alert')).textContent).toContain('needs Chromium');
  });

  it('imports a bundle and says when it was already imported, or why it was refused', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<HistoryScreen />);
    const input = screen.getByLabelText('Session bundle to import');
    await user.upload(input, new File(['x'], 'client.coach'));
    await waitFor(() =>
      expect(fake.api.importBundle).toHaveBeenCalledWith(expect.anything(), 'client.coach'),
    );
    expect(await screen.findByText('Imported client.coach: 2 answers.')).toBeTruthy();
    fake.api.importBundle.mockResolvedValue({
      status: 'already-imported',
      sessionId: SESSION_ID,
      answers: 2,
    });
    await user.upload(input, new File(['x'], 'client.coach'));
    expect(
      await screen.findByText('client.coach is already in your history; nothing was added.'),
    ).toBeTruthy();
    fake.api.importBundle.mockRejectedValue(
      new Error('client.coach is damaged: session.json does not match its checksum.'),
    );
    await user.upload(input, new File(['x'], 'client.coach'));
    expect((await screen.findByRole('alert')).textContent).toContain('does not match its checksum');
  });
});
