// Where Interview Coach keeps its data. The CLI, the server and the desktop app share one folder,
// so a session saved by any of them shows up in the others.
import os from 'node:os';
import path from 'node:path';

export type DataPaths = {
  dataDir: string;
  dbPath: string;
  audioDir: string;
  modelsDir: string;
};

export function defaultDataDir(platform = process.platform, env = process.env, home = os.homedir()): string {
  if (env.COACH_DATA_DIR) return path.resolve(env.COACH_DATA_DIR);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Interview Coach');
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Interview Coach');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'interview-coach');
}

export function dataPaths(dataDir = defaultDataDir()): DataPaths {
  return {
    dataDir,
    dbPath: path.join(dataDir, 'coach.db'),
    audioDir: path.join(dataDir, 'audio'),
    modelsDir: path.join(dataDir, 'models'),
  };
}
