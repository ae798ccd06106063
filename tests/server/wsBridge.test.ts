// The app's contract over the server's WebSocket (/ws/api), spoken by a raw client: the same handler
// table and validation as Electron's IPC, audio as binary frames, events only to the answer's owner.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import path from 'node:path';
import type { AnswerResult, CaptionUpdate, Question, SessionSummary } from '../../src/shared/domain';
import { loadQuestionBank } from '../../src/core/questions/questionBank';
import { resourcesDir } from '../../src/core/resourcesDir';
import { encodeAudioFrame } from '../../src/shared/bridgeProtocol';
import {
  pcmFrames,
  refusedUpgrade,
  startHarness,
  TEST_TOKEN,
  WsProbe,
  type Harness,
  type Json,
} from '../helpers/serverHarness';

const model = inject('syntheticModelPath');

class BridgeClient {
  private nextId = 1;
  constructor(readonly probe: WsProbe) {}

  static async open(h: Harness): Promise<BridgeClient> {
    return new BridgeClient(await WsProbe.open(`${h.wsOrigin}/ws/api?token=${TEST_TOKEN}`));
  }

  async invoke(channel: string, ...args: unknown[]): Promise<Json> {
    const id = this.nextId++;
    this.probe.send({ kind: 'invoke', id, channel, args });
    return this.probe.next((m) => m.kind === 'result' && m.id === id);
  }

  async value<T>(channel: string, ...args: unknown[]): Promise<T> {
    const result = await this.invoke(channel, ...args);
    if (!result.ok) throw new Error(String(result.error));
    return result.value as T;
  }

  sendAudio(answerId: string, pcm: Buffer): void {
    const copy = new Uint8Array(pcm).buffer;
    this.probe.socket.send(Buffer.from(encodeAudioFrame(answerId, copy)));
  }

  pushes(channel: string): Json[] {
    return this.probe.messages.filter((m) => m.kind === 'push' && m.channel === channel);
  }
}

const startOptions = {
  questionId: 'beh-conflict',
  questionText: 'Tell me about a conflict.',
  sampleRateHz: 16000,
};

describe('the app bridge (/ws/api)', () => {
  let h: Harness;
  let app: BridgeClient;

  beforeAll(async () => {
    h = await startHarness(model);
    app = await BridgeClient.open(h);
  });
  afterAll(() => h.server.close());

  it('answers invokes from the same handler table as Electron', async () => {
    const status = await app.value<{ dataDir: string; engine: { state: string } }>('app:status');
    expect(status.dataDir).toBe(h.server.paths.dataDir);
    expect(status.engine.state).toBe('ready');
    const questions = await app.value<Question[]>('questions:list');
    expect(questions).toEqual(loadQuestionBank(path.join(resourcesDir(), 'questions.json')));
  });

  it('validates arguments with the contract schemas and reports failures as results', async () => {
    expect(await app.invoke('answer:start', { questionId: 'q', sampleRateHz: 44100 })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Invalid payload for answer:start: .*questionText.*sampleRateHz/),
    });
    expect(await app.invoke('session:get', 'not-a-uuid')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Invalid payload for session:get/),
    });
    expect(await app.invoke('fs:read', '/etc/passwd')).toMatchObject({
      ok: false,
      error: 'Unknown channel: fs:read',
    });
    app.probe.send('{not json');
    expect(await app.probe.next((m) => m.kind === 'error')).toEqual({
      kind: 'error',
      error: 'Messages must be JSON: {"kind":"invoke","id":1,"channel":"…","args":[]}.',
    });
  });

  it("answers the page's liveness ping with a pong", async () => {
    app.probe.send({ kind: 'ping' });
    expect(await app.probe.next((m) => m.kind === 'pong')).toEqual({ kind: 'pong' });
  });

  it('records an answer: binary audio frames in, caption and stats pushes out, a saved result back', async () => {
    const { answerId, sessionId } = await app.value<{ answerId: string; sessionId: string }>(
      'answer:start',
      startOptions,
    );
    const frames = pcmFrames('jfk.wav');
    for (let i = 0; i < frames.length; i++) {
      app.sendAudio(answerId, frames[i]!);
      // Real time is not needed, but each second waits for its caption, like a live speaker would.
      if (i % 5 === 4) await app.probe.next((m) => m.kind === 'push' && m.channel === 'live:stats');
    }
    const result = await app.value<AnswerResult>('answer:stop', answerId);
    expect(result).toMatchObject({ answerId, sessionId, questionText: startOptions.questionText });
    expect(result.report.durationSec).toBeCloseTo(11, 1);

    const captions = app.pushes('caption:update').map((m) => m.payload as CaptionUpdate);
    expect(captions.length).toBeGreaterThanOrEqual(3);
    expect(captions.every((c) => c.answerId === answerId)).toBe(true);
    captions.forEach((c, i) => i > 0 && expect(c.seq).toBeGreaterThan(captions[i - 1]!.seq));
    expect(captions.at(-1)!.committedText.length).toBeGreaterThan(0);
    expect(captions.at(-1)!.tentativeText).toBe('');

    const sessions = await app.value<SessionSummary[]>('sessions:list');
    expect(sessions.map((s) => s.id)).toContain(sessionId);

    // Review channels (issue #5) over the same bridge: history page, a note, its search hit, usage.
    const page = await app.value<{ sessions: SessionSummary[]; total: number }>('history:list', {
      limit: 10,
    });
    expect(page.sessions.map((s) => s.id)).toContain(sessionId);
    const note = await app.value<{ id: number }>('notes:add', { answerId, atSec: 1, body: 'Zebra moment' });
    const hits = await app.value<{ noteId: number; sessionId: string }[]>('history:search', {
      text: 'zebra',
    });
    expect(hits).toEqual([expect.objectContaining({ noteId: note.id, sessionId })]);
    expect((await app.invoke('history:list', { sort: 'title' })).error).toMatch(
      /^Invalid payload for history:list/,
    );
    expect((await app.invoke('answer:audio', answerId)).error).toMatch(/GET \/api\/answers/);
    expect(await app.value('data:usage')).toMatchObject({ sessionCount: expect.any(Number) });

    // Export and bundle import over HTTP, for the browser (the bridge carries JSON, not files).
    const api = (p: string, init?: RequestInit) => fetch(`${h.server.origin}${p}&token=${TEST_TOKEN}`, init);
    const md = await api(`/api/sessions/${sessionId}/export?format=md`);
    expect(md.status).toBe(200);
    expect(md.headers.get('content-disposition')).toMatch(/^attachment; filename=".*\.md"/);
    expect(await md.text()).toContain('Zebra moment');
    const bundle = await (await api(`/api/sessions/${sessionId}/export?format=coach`)).arrayBuffer();
    const again = await api('/api/bundles?name=s.coach', { method: 'POST', body: bundle });
    expect(await again.json()).toMatchObject({ status: 'already-imported', sessionId });
    const foreign = await api('/api/bundles?name=x.coach', { method: 'POST', body: 'not a bundle' });
    expect(foreign.status).toBe(400);
    expect(JSON.stringify(await foreign.json())).toMatch(/x\.coach is not an Interview Coach session bundle/);
    expect((await api(`/api/sessions/${sessionId}/export?format=exe`)).status).toBe(400);

    // The review player's source: the answer's WAV over HTTP, with the token.
    const audio = await h
      .api(`/api/answers/${answerId}/audio`, { token: null, headers: {} })
      .then((r) => r.status);
    expect(audio).toBe(401);
    const wav = await fetch(`${h.server.origin}/api/answers/${answerId}/audio?token=${TEST_TOKEN}`);
    expect(wav.headers.get('content-type')).toBe('audio/wav');
    expect((await wav.arrayBuffer()).byteLength).toBe(44 + 11 * 16000 * 2);
    const range = await fetch(`${h.server.origin}/api/answers/${answerId}/audio?token=${TEST_TOKEN}`, {
      headers: { Range: 'bytes=0-43' },
    });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-range')).toBe(`bytes 0-43/${44 + 11 * 16000 * 2}`);
    expect(
      Buffer.from(await range.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('RIFF');
  }, 600_000); // about 11 live passes, each waited for: minutes on a loaded machine, never a failure

  it("routes an answer's events only to the connection that started it, and refuses others' audio", async () => {
    const other = await BridgeClient.open(h);
    const { answerId } = await app.value<{ answerId: string }>('answer:start', startOptions);
    other.sendAudio(answerId, pcmFrames('jfk.wav')[0]!);
    expect(await other.probe.next((m) => m.channel === 'answer:error')).toEqual({
      kind: 'push',
      channel: 'answer:error',
      payload: { answerId, message: `Answer ${answerId} was not started on this connection.` },
    });
    for (const frame of pcmFrames('jfk.wav').slice(0, 10)) app.sendAudio(answerId, frame);
    await app.probe.next(
      (m) => m.channel === 'caption:update' && (m.payload as CaptionUpdate).answerId === answerId,
    );
    await app.value('answer:cancel', answerId);
    expect(other.pushes('caption:update')).toEqual([]);
    other.probe.close();
  });

  it('refuses malformed or oversized audio chunks with the contract’s message', async () => {
    const { answerId } = await app.value<{ answerId: string }>('answer:start', startOptions);
    app.probe.socket.send(Buffer.from('short'));
    expect(await app.probe.next((m) => m.channel === 'answer:error')).toMatchObject({
      payload: { answerId: '', message: 'Malformed audio frame: expected a 36-byte answer id, then PCM.' },
    });
    app.sendAudio(answerId, Buffer.alloc(3));
    expect(await app.probe.next((m) => m.channel === 'answer:error')).toMatchObject({
      payload: {
        answerId,
        message: 'Invalid payload for audio:chunk: 1: audio chunk must hold whole 16-bit samples',
      },
    });
    await app.value('answer:cancel', answerId);
  });

  it('saves an answer that was still recording when its page went away', async () => {
    const tab = await BridgeClient.open(h);
    const { answerId, sessionId } = await tab.value<{ answerId: string; sessionId: string }>(
      'answer:start',
      startOptions,
    );
    for (const frame of pcmFrames('librivox-0880.wav')) tab.sendAudio(answerId, frame);
    tab.probe.close();
    await tab.probe.closed;
    // Saving runs the final pass, however long that takes on this machine: wait for the state, not a clock.
    let detail: Json | null = null;
    while (!detail) {
      const r = await app.invoke('session:get', sessionId);
      if (r.ok && ((r.value as { answers: unknown[] }).answers.length ?? 0) > 0) detail = r.value as Json;
      else await new Promise((r) => setTimeout(r, 100));
    }
    const answers = (detail as { answers: AnswerResult[] } | null)?.answers ?? [];
    expect(answers.map((a) => a.answerId)).toEqual([answerId]);
    expect(answers[0]!.report.durationSec).toBeCloseTo(2.99, 1);
  });

  it('pushes engine status changes to every connected page', async () => {
    // The engine reports a status when a load starts; reloading after dispose is the observable case.
    await h.server.engine.dispose();
    const pending = app.probe.next((m) => m.channel === 'engine:status');
    void h.server.engine.transcriber();
    expect(await pending).toMatchObject({ payload: { state: 'loading' } });
    expect(await app.probe.next((m) => m.channel === 'engine:status')).toMatchObject({
      payload: { state: 'ready' },
    });
  });

  it('needs the token', async () => {
    expect(await refusedUpgrade(`${h.wsOrigin}/ws/api`)).toMatchObject({
      status: 401,
      body: { error: { code: 'unauthorized' } },
    });
  });
});
