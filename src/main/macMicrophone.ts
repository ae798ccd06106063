// macOS asks the user once per app for the microphone (TCC). Chromium's getUserMedia does not wait
// for that answer, so without asking first the first recording can be silent. No 'electron' import:
// the decisions are tested with a stand-in for systemPreferences.

export type MediaAccessStatus = 'not-determined' | 'granted' | 'denied' | 'restricted' | 'unknown';

/** The two systemPreferences methods this needs (Electron's, or a test's). */
export type MicrophonePreferences = {
  getMediaAccessStatus(mediaType: 'microphone'): MediaAccessStatus;
  askForMediaAccess(mediaType: 'microphone'): Promise<boolean>;
};

/**
 * Whether the system lets the app record, asking the user first when they have not decided yet.
 * Other platforms have no such gate in front of Chromium's own permission (always true).
 */
export async function ensureMicrophoneAccess(
  platform: NodeJS.Platform,
  prefs: MicrophonePreferences,
): Promise<boolean> {
  if (platform !== 'darwin') return true;
  const status = prefs.getMediaAccessStatus('microphone');
  if (status === 'granted') return true;
  if (status === 'not-determined') return prefs.askForMediaAccess('microphone');
  return false;
}

/** macOS's own names for the terminals people start `npm start` from ($TERM_PROGRAM). */
const TERMINAL_NAMES: Record<string, string> = {
  Apple_Terminal: 'Terminal',
  'iTerm.app': 'iTerm',
  vscode: 'Visual Studio Code',
  WezTerm: 'WezTerm',
  ghostty: 'Ghostty',
};

/**
 * The privacy entry to switch on. A packaged app is its own entry; started from a terminal
 * (`npm start`), macOS asks on behalf of, and lists, the terminal app instead.
 */
export function macMicrophoneHelp(opts: { packaged: boolean; termProgram: string | undefined }): string {
  const entry = opts.packaged
    ? 'Interview Coach'
    : `${(opts.termProgram && TERMINAL_NAMES[opts.termProgram]) || 'the terminal app you started Interview Coach from'} (macOS asks on behalf of the app that started it)`;
  return (
    'Interview Coach may not use the microphone. Open System Settings → Privacy & Security → Microphone, ' +
    `switch on ${entry}, then quit and restart Interview Coach.`
  );
}

/** System Settings, opened at Privacy & Security → Microphone. */
export const MAC_MICROPHONE_SETTINGS_URL =
  'x-apple.systempreferences:com.apple.preference.security?Privacy_Microphone';
