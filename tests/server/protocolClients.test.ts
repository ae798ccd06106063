// Clients written from the common protocol descriptions (Python's websockets and requests, as Debian
// ships them; tests/fixtures/protocolClients/) against the real server and engine, unchanged but for
// the token. Each audio format is checked by what was saved: 4 s of speech must be saved as 4 s,
// whatever its sample rate or encoding.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REPO_ROOT, sharedAudio, tempDir } from '../helpers/fixtures';
import { refusedUpgrade, startHarness, TEST_TOKEN, WsProbe, type Harness } from '../helpers/serverHarness';

const model = inject('syntheticModelPath');
const run = promisify(execFile);
/** Debian's interpreter, where python3-websockets and python3-requests are installed (.ci/run). */
const PYTHON = '/usr/bin/python3';
const CLIENTS = path.join(REPO_ROOT, 'tests', 'fixtures', 'protocolClients');
const SECONDS = 4;
/** The resampler's filter delay may keep the last millisecond or two. */
const fourSeconds = expect.closeTo(SECONDS, 1);

type Json = Record<string, unknown>;

describe('clients written from the common protocol descriptions', () => {
  let h: Harness;
  const dir = tempDir('coach-protocols-');
  /** The first 4 s of jfk.wav, in the given rate and encoding, headerless unless `type` is wav. */
  const audio = (rate: number, encoding: 'signed' | 'floating-point', bits: 16 | 32, type = 'raw') => {
    const file = path.join(dir, `jfk-${rate}-${encoding}.${type}`);
    execFileSync('sox', [
      sharedAudio('jfk.wav'),
      '-r',
      String(rate),
      '-e',
      encoding,
      '-b',
      String(bits),
      '-t',
      type,
      file,
      'trim',
      '0',
      String(SECONDS),
    ]);
    return file;
  };
  const python = async (script: string, ...args: string[]): Promise<Json> => {
    const { stdout } = await run(PYTHON, [path.join(CLIENTS, script), ...args], {
      env: { ...process.env, SERVER: h.server.origin, TOKEN: TEST_TOKEN },
      timeout: 600_000,
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as Json;
  };

  beforeAll(async () => {
    expect(existsSync(PYTHON), `${PYTHON} (apt-get install python3-websockets python3-requests)`).toBe(true);
    h = await startHarness(model);
  });
  afterAll(() => h.server.close());

  it('WebSocket transcription service: /ws/transcribe/{id} with the /api/v1/websocket/sessions aliases', async () => {
    const seen = await python('ws_transcription_client.py', audio(16_000, 'signed', 16));
    expect(seen.listed).toContain('py-ws-client');
    expect(seen.end_status).toBe(200);
    expect(seen.end_body).toMatchObject({
      session_id: 'py-ws-client',
      saved: true,
      reason: 'api',
      is_final: true,
    });
    expect(seen.types).toContain('pong');
    expect(seen.ended).toMatchObject({ state: 'ended', reason: 'api', saved: true, duration_sec: SECONDS });
    expect(seen.close_code).toBe(1000);
  });

  it('STT streaming service: /stt/stream at 8 kHz is resampled and saved at its real length', async () => {
    const seen = await python('stt_stream_client.py', audio(8_000, 'signed', 16), '8000');
    expect(seen.started).toMatchObject({
      type: 'session_started',
      language: 'en',
      sample_rate: 8000,
      session_id: expect.any(String),
    });
    expect(seen.errors).toEqual([]);
    expect(seen.ended).toMatchObject({ saved: true, reason: 'client', duration_sec: fourSeconds });
    // The client checked every transcription's fields; how many there are depends on the engine's pace.
    for (const t of seen.transcriptions as Json[]) {
      expect(t).toMatchObject({ language: 'en', timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    }
    expect(typeof (seen.ended as Json).transcript).toBe('string');
    expect(seen.close_code).toBe(1000);
  });

  it('STT streaming service: 48 kHz float32 too', async () => {
    const seen = await python(
      'stt_stream_client.py',
      audio(48_000, 'floating-point', 32),
      '48000',
      'float32',
    );
    expect(seen.started).toMatchObject({ sample_rate: 48000, encoding: 'float32' });
    expect(seen.errors).toEqual([]);
    expect(seen.ended).toMatchObject({ saved: true, duration_sec: fourSeconds });
  });

  it('STT streaming service: POST /stt/stream-chunk (multipart, 44.1 kHz), is_final_chunk saves at once; /streaming/stats; /health', async () => {
    const seen = await python('stt_chunk_client.py', audio(44_100, 'signed', 16), '44100');
    const answers = seen.answers as Json[];
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(new Set(answers.map((a) => a.session_id)).size).toBe(1);
    expect(answers.at(-1)).toMatchObject({
      is_final: true,
      saved: true,
      audio_sec: fourSeconds,
      sample_rate: 44100,
    });
    expect(answers.slice(0, -1).every((a) => a.is_final === false)).toBe(true);
    expect(seen.stats_during).toEqual({ status: 200, active: 1 });
    expect(seen.stats_after).toBe(0);
    expect(seen.health).toBe(200);
  });

  it('reads a WAV header at the start of a stream instead of taking it as samples', async () => {
    const wav = readFileSync(audio(44_100, 'signed', 16, 'wav'));
    const probe = await WsProbe.open(`${h.wsOrigin}/ws/transcribe?token=${TEST_TOKEN}`);
    await probe.nextOfType('connected');
    // Sent as a file is read: the header arrives inside the first chunk.
    for (let i = 0; i < wav.length; i += 8192) probe.socket.send(wav.subarray(i, i + 8192));
    probe.send({ type: 'end_session' });
    const ended = await probe.next((m) => m.type === 'session_info' && m.state === 'ended', 300_000);
    expect(ended).toMatchObject({ saved: true, duration_sec: fourSeconds });
  });

  it('refuses an unsupported sample_rate or encoding before any audio, with a clear error', async () => {
    expect(await refusedUpgrade(`${h.wsOrigin}/stt/stream?sample_rate=4000&token=${TEST_TOKEN}`)).toEqual({
      status: 400,
      body: {
        error: {
          code: 'bad_audio_format',
          message:
            'sample_rate must be a whole number of Hz from 8000 to 192000 (for example 8000, 16000, 44100 or 48000); got "4000".',
        },
      },
    });
    expect(
      await refusedUpgrade(`${h.wsOrigin}/ws/transcribe?encoding=mp3&token=${TEST_TOKEN}`),
    ).toMatchObject({
      status: 400,
      body: {
        error: {
          code: 'bad_audio_format',
          message: expect.stringMatching(/^encoding must be pcm16 .* or float32/),
        },
      },
    });
    const chunk = await h.api('/api/stream-chunk?sample_rate=11&session_id=refused', {
      method: 'POST',
      body: new Uint8Array(320),
    });
    expect(chunk.status).toBe(400);
    expect(((await chunk.json()) as { error: { code: string } }).error.code).toBe('bad_audio_format');
    expect((await (await h.api('/streaming/stats')).json()) as Json).toMatchObject({ active_sessions: 0 });
  });
});
