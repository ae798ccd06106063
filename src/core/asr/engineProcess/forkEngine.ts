// Starts the engine as a node:child_process child (`coach serve`, the CLI, tests). Electron uses a
// utilityProcess instead (src/main/engineProcess.ts); both speak engineProtocol.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { engineEnvironment, engineExecArgv } from './engineMemory';
import type { EngineChannel, FromEngine, SpawnEngine } from './engineProtocol';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The engine's entry: built JavaScript when this module was bundled, else the TypeScript source through tsx. */
export function engineEntry(dir = here): { file: string; execArgv: string[] } {
  const built = path.join(dir, 'engineMain.js');
  if (existsSync(built)) return { file: built, execArgv: [] };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { file: path.join(dir, 'engineMain.ts'), execArgv: ['--import', tsx] };
}

export const forkEngine: SpawnEngine = () => {
  const { file, execArgv } = engineEntry();
  const child = fork(file, [], {
    execArgv: [...execArgv, ...engineExecArgv()],
    env: engineEnvironment(),
    // 'advanced' carries Float32Array audio as binary, not as a JSON array of numbers.
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const channel: EngineChannel = {
    pid: child.pid,
    send: (message) => {
      // A send that races the process's death fails with EPIPE; the exit handler deals with the death.
      if (child.connected) child.send(message, () => undefined);
    },
    onMessage: (cb) => child.on('message', (m) => cb(m as FromEngine)),
    onExit: (cb) => {
      let reported = false;
      const report = (reason: string) => {
        if (!reported) cb(reason);
        reported = true;
      };
      child.on('exit', (code, signal) => report(signal ? `killed by ${signal}` : `exited with code ${code}`));
      child.on('error', (err) => report(`could not run: ${err.message}`));
    },
    kill: () => child.kill('SIGKILL'),
  };
  return channel;
};
