// Flags for Debian's Chromium, headless on these machines: without the background-networking ones it
// keeps trying hosts the closed network refuses. Shared by the e2e tests and the preview script.
export const HEADLESS_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fake microphone, allowed without a prompt; it plays `wavPath` when given, else a tone. */
export function fakeMicrophoneArgs(wavPath?: string): string[] {
  return [
    '--use-fake-ui-for-media-stream',
    '--use-fake-device-for-media-stream',
    ...(wavPath ? [`--use-file-for-fake-audio-capture=${wavPath}`] : []),
  ];
}
