// Settings kept as JSON in the data folder (settings.json), shared by the app and the CLI. A missing or
// unreadable file means the defaults: settings must never stop someone from practising.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { coachSettingsSchema, settingsPatchSchema } from '../../shared/coachingSchemas';
import { writeFileAtomic } from '../atomicWrite';
import { DEFAULT_SETTINGS, mergeSettings, type CoachSettings, type SettingsPatch } from './coachSettings';

export const SETTINGS_FILE_NAME = 'settings.json';

export class SettingsStore {
  private current: CoachSettings;
  /** Why the file on disk was ignored, if it was. */
  readonly loadProblem: string | null;

  /** Without a file the settings live in memory only (tests, the server's scratch mode). */
  constructor(private readonly file?: string) {
    const loaded = file ? readSettingsFile(file) : { settings: DEFAULT_SETTINGS, problem: null };
    this.current = loaded.settings;
    this.loadProblem = loaded.problem;
  }

  static inDataDir(dataDir: string): SettingsStore {
    return new SettingsStore(path.join(dataDir, SETTINGS_FILE_NAME));
  }

  get(): CoachSettings {
    return structuredClone(this.current);
  }

  /**
   * Validates `raw`, saves and returns the new settings. The renderer's updates were already narrowed
   * to `settingsUpdateSchema` at the IPC edge (no speech model); the model manager writes the model.
   */
  update(raw: SettingsPatch): CoachSettings {
    const next = mergeSettings(this.current, settingsPatchSchema.parse(raw));
    if (this.file) writeAtomically(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.current = next;
    return this.get();
  }

  /** Restores the coaching defaults; the speech model and language (Settings → Models) are kept. */
  reset(): CoachSettings {
    const next: CoachSettings = { ...structuredClone(DEFAULT_SETTINGS), speech: { ...this.current.speech } };
    if (this.file) writeAtomically(this.file, `${JSON.stringify(next, null, 2)}\n`);
    this.current = next;
    return this.get();
  }
}

function readSettingsFile(file: string): { settings: CoachSettings; problem: string | null } {
  if (!existsSync(file)) return { settings: structuredClone(DEFAULT_SETTINGS), problem: null };
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    // Settings saved by an older version lack newer fields: fill them from the defaults.
    const parsed = settingsPatchSchema.safeParse(raw);
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => i.message).join('; '));
    return {
      settings: coachSettingsSchema.parse(mergeSettings(DEFAULT_SETTINGS, parsed.data)),
      problem: null,
    };
  } catch (err) {
    return {
      settings: structuredClone(DEFAULT_SETTINGS),
      problem: `Ignored ${file} (${(err as Error).message}); using the default settings.`,
    };
  }
}

function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, text);
}
