// "Nothing leaves the machine": a whole practice answer through the app as assembled for the desktop
// window (createCoachApp: real whisper.cpp on the synthetic model, SQLite, the handler tables), with
// every socket, DNS query and HTTP request of this process recorded and anything not to loopback blocked.
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createCoachApp, type CoachApp } from '../../src/core/app/coachApp';
import { dataPaths } from '../../src/core/dataPaths';
import type { AnswerResult, CaptionUpdate, LiveStats } from '../../src/shared/domain';
import { tempDir } from '../helpers/fixtures';
import {
  installNetworkGuard,
  isLoopback,
  NetworkBlockedError,
  type NetworkGuard,
} from '../helpers/networkGuard';
import { pcmFrames } from '../helpers/serverHarness';

describe('the network guard (control: it would see an attempt)', () => {
  let guard: NetworkGuard;
  beforeAll(() => {
    guard = installNetworkGuard();
  });
  afterAll(() => guard.restore());

  it('records and blocks outbound TCP, TLS, UDP, DNS, http and fetch, and lets loopback through', async () => {
    expect(() => new net.Socket().connect(9, '192.0.2.1')).toThrow(NetworkBlockedError);
    expect(() => net.connect({ host: '192.0.2.1', port: 80 })).toThrow(NetworkBlockedError);
    expect(() => tls.connect({ host: '192.0.2.2', port: 443 })).toThrow(NetworkBlockedError);
    const udp = dgram.createSocket('udp4');
    expect(() => udp.send(Buffer.from('x'), 53, '192.0.2.3')).toThrow(NetworkBlockedError);
    udp.close();
    expect(() => dns.lookup('example.com', () => undefined)).toThrow(NetworkBlockedError);
    await expect(Promise.resolve().then(() => dns.promises.resolve4('example.com'))).rejects.toThrow(
      NetworkBlockedError,
    );
    expect(() => http.get('http://192.0.2.4/')).toThrow(NetworkBlockedError);
    await expect(Promise.resolve().then(() => fetch('https://huggingface.co/'))).rejects.toThrow(
      NetworkBlockedError,
    );
    expect(guard.outbound().map((a) => a.api)).toEqual([
      'net.connect',
      'net.connect',
      'tls.connect',
      'dgram.send',
      'dns.lookup',
      'dns.promises.resolve4',
      'http.get',
      'fetch',
    ]);
    // Loopback is recorded but allowed: a local server answers.
    const server = net.createServer((s) => s.end('hi'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as net.AddressInfo).port;
    const reply = await new Promise<string>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.on('data', (d) => resolve(d.toString()));
    });
    expect(reply).toBe('hi');
    expect(guard.attempts.at(-1)).toEqual({ api: 'net.connect', host: '127.0.0.1', port });
    server.close();
  });

  it('knows loopback', () => {
    for (const h of [
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '[::1]',
      'localhost',
      '::ffff:127.0.0.1',
      'unix:/tmp/s',
    ])
      expect(isLoopback(h), h).toBe(true);
    for (const h of ['192.0.2.1', '10.0.0.1', '0.0.0.0', '::', 'example.com', '128.0.0.1'])
      expect(isLoopback(h), h).toBe(false);
  });
});

describe('a practice answer through the assembled app opens no connection off this machine', () => {
  let guard: NetworkGuard;
  let app: CoachApp;
  const errors: string[] = [];
  const captions: CaptionUpdate[] = [];
  const stats: LiveStats[] = [];
  let result: AnswerResult;
  let sessionId: string;

  beforeAll(async () => {
    // Installed before anything is assembled: the database, the engine and the addon load under it.
    guard = installNetworkGuard();
    app = createCoachApp({
      paths: dataPaths(tempDir('coach-offline-')),
      modelPath: inject('syntheticModelPath'),
      log: () => undefined,
      events: {
        caption: (u) => captions.push(u),
        nudge: () => undefined,
        stats: (s) => stats.push(s),
        answerError: (e) => errors.push(e.message),
      },
    });
    const { handlers, sendHandlers } = app;
    await app.recovery;
    const started = await handlers['answer:start']({
      questionId: 'beh-conflict',
      questionText: 'Tell me about a conflict at work.',
      sampleRateHz: 16000,
    });
    sessionId = started.sessionId;
    for (const frame of pcmFrames('jfk.wav')) {
      sendHandlers['audio:chunk'](started.answerId, new Uint8Array(frame).buffer);
      await app.service.drain(started.answerId);
    }
    result = await handlers['answer:stop'](started.answerId);
  });

  afterAll(async () => {
    await app?.close();
    guard.restore();
  });

  it('ran the whole flow: live captions, final pass, analysis, saved session', async () => {
    expect(errors).toEqual([]);
    // How many live passes run depends on the machine's load (the live policy spaces them out when it
    // falls behind); that captions flowed at all is what this flow needs to show.
    expect(captions.length).toBeGreaterThan(0);
    expect(stats.length).toBeGreaterThan(0);
    expect(result.report.durationSec).toBeCloseTo(11, 1);
    expect(result.report.coaching?.score.total).toEqual(expect.any(Number));
    const detail = await app.handlers['session:get'](sessionId);
    expect(detail.answers.map((a) => a.answerId)).toEqual([result.answerId]);
    const exported = await app.handlers['session:export'](sessionId, 'md');
    expect(exported).toBeTruthy();
  });

  it('attempted no connection, DNS query or request to anything but loopback', () => {
    expect(guard.outbound()).toEqual([]);
  });
});
