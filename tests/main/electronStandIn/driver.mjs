// Runs the BUILT main process (out/main/index.js) under Node with the stand-in `electron`
// (node --import ./register.mjs driver.mjs), drives it as the window would, quits it, and writes what
// it saw to $SMOKE_REPORT for tests/main/startupSmoke.test.ts to judge.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, becomeReady, firstWindow, quitDone, state } from './electron.mjs';

const report = { errors: [] };
const save = () => writeFileSync(process.env.SMOKE_REPORT, JSON.stringify(report, null, 2));
const within = (promise, ms, what) =>
  Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms).unref(),
    ),
  ]);
const settle = (p) =>
  Promise.resolve()
    .then(() => p)
    .then(
      (value) => ({ ok: true, value }),
      (err) => ({ ok: false, error: String(err?.message ?? err) }),
    );

try {
  await import(pathToFileURL(path.resolve('out/main/index.js')).href);
  becomeReady();
  const win = await within(firstWindow, 30_000, 'the main window');
  await new Promise((resolve) => setImmediate(resolve));
  const wc = win.webContents;
  const top = { url: 'app://coach/index.html#/practice', parent: null };
  const invoke = (event, channel, ...args) => {
    const handler = state.invokeHandlers.get(channel);
    if (!handler) return Promise.reject(new Error(`no handler for ${channel}`));
    return handler(event, ...args);
  };
  const own = (channel, ...args) => invoke({ sender: wc, senderFrame: top }, channel, ...args);

  Object.assign(report, {
    singleInstanceLockRequested: state.singleInstanceLockRequested,
    privilegedSchemes: state.privilegedSchemes,
    schemesRegisteredBeforeReady: state.schemesRegisteredBeforeReady,
    protocols: [...state.protocolHandlers.keys()],
    invokeChannels: [...state.invokeHandlers.keys()],
    sendChannels: [...state.sendHandlers.keys()],
    loadedUrls: wc.loadedUrls,
    webPreferences: {
      ...win.options.webPreferences,
      preload: path.relative(process.cwd(), win.options.webPreferences.preload),
    },
    preloadExists: existsSync(win.options.webPreferences.preload),
    spellChecker: state.spellChecker,
    partitions: state.partitions,
    errorBoxes: state.errorBoxes,
  });

  // The page and its assets, through the registered app:// handler, as Chromium would ask for them.
  const serve = state.protocolHandlers.get('app');
  const page = await serve(new Request('app://coach/index.html'));
  const html = await page.text();
  const assets = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+)"/g)].map((m) => m[1]);
  report.protocol = {
    pageStatus: page.status,
    pageCsp: page.headers.get('content-security-policy'),
    assets: await Promise.all(
      assets.map(async (a) => {
        const r = await serve(new Request(`app://coach/${a}`));
        return { path: a, status: r.status, type: r.headers.get('content-type') };
      }),
    ),
    outside: (await serve(new Request('app://coach/%2e%2e%2fmain%2findex.js'))).status,
  };
  report.requestFilter = Object.fromEntries(
    [
      'app://coach/assets/x.js',
      'file:///C:/app/out/renderer/index.html',
      'https://cdn.example/dict.bdic',
    ].map((url) => {
      let verdict;
      state.requestFilter({ url }, (r) => (verdict = r.cancel ? 'blocked' : 'allowed'));
      return [url, verdict];
    }),
  );
  report.windowShown = win.visible;

  // The engine loads the model given in COACH_WHISPER_MODEL in the background.
  const deadline = Date.now() + 90_000;
  let status = await settle(own('app:status'));
  while (status.ok && status.value.engine.state === 'loading' && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    status = await settle(own('app:status'));
  }
  report.status = status;
  report.questions = await settle(own('questions:list').then((q) => ({ count: q.length, first: q[0] })));
  report.settings = await settle(own('settings:get'));
  report.models = await settle(own('models:list').then((m) => Object.keys(m)));
  report.sessionsBefore = await settle(own('sessions:list').then((s) => s.length));

  // Refused: another frame, another page, another window.
  report.refused = {
    iframe: await settle(invoke({ sender: wc, senderFrame: { url: top.url, parent: top } }, 'app:status')),
    filePage: await settle(
      invoke(
        { sender: wc, senderFrame: { url: 'file:///C:/coach/out/renderer/index.html', parent: null } },
        'app:status',
      ),
    ),
    otherWindow: await settle(invoke({ sender: {}, senderFrame: top }, 'app:status')),
  };

  // One short answer through the real engine: start, 200 ms PCM frames over 'audio:chunk', stop.
  const pcm = readFileSync(process.env.SMOKE_PCM);
  const started = await settle(
    own('answer:start', {
      questionId: 'smoke',
      questionText: 'Tell me about yourself.',
      sampleRateHz: 16000,
    }),
  );
  report.answerStarted = started;
  if (started.ok) {
    const sendAudio = state.sendHandlers.get('audio:chunk');
    for (let at = 0; at < pcm.length; at += 6400) {
      const frame = pcm.subarray(at, Math.min(at + 6400, pcm.length));
      const bytes = frame.buffer.slice(frame.byteOffset, frame.byteOffset + frame.byteLength);
      sendAudio({ sender: wc, senderFrame: top }, started.value.answerId, bytes);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    report.answer = await settle(
      own('answer:stop', started.value.answerId).then((a) => ({
        durationSec: a.report.durationSec,
        words: a.words.length,
      })),
    );
    report.sessionsAfter = await settle(own('sessions:list').then((s) => s.length));
  }
  report.pushed = [...new Set(wc.sent.map((m) => m.channel))];

  // Quit as Cmd+Q / the last window closing does: the window goes away first, then the core closes.
  app.quit();
  report.duringQuit = {
    windowVisible: win.visible,
    ipc: await settle(own('app:status')),
  };
  await within(quitDone, 60_000, 'quit to finish');
  report.quit = {
    completed: state.quitCompleted,
    events: state.events,
    exitCode: state.exitCode,
    walLeft: existsSync(path.join(process.env.COACH_DATA_DIR, 'coach.db-wal')),
  };
} catch (err) {
  report.errors.push(String(err?.stack ?? err));
}
report.errorBoxes = state.errorBoxes;
save();
