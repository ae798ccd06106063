// The speech engine as an Electron utilityProcess: whisper.cpp runs outside the main process, so a
// native crash there costs a restart of the engine (src/core/asr/engineProcess), not the app.
import { utilityProcess } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { engineEnvironment, engineExecArgv } from '../core/asr/engineProcess/engineMemory';
import type { EngineChannel, FromEngine, SpawnEngine } from '../core/asr/engineProcess/engineProtocol';

/** Bundled beside this file by electron-vite (see electron.vite.config.ts). */
const ENGINE_ENTRY = path.join(path.dirname(fileURLToPath(import.meta.url)), 'engineMain.js');

export const spawnUtilityEngine: SpawnEngine = () => {
  const child = utilityProcess.fork(ENGINE_ENTRY, [], {
    serviceName: 'Interview Coach speech engine',
    env: engineEnvironment(),
    execArgv: engineExecArgv(),
  });
  const channel: EngineChannel = {
    get pid() {
      return child.pid;
    },
    send: (message) => child.postMessage(message),
    onMessage: (cb) => child.on('message', (m: FromEngine) => cb(m)),
    onExit: (cb) => child.once('exit', (code) => cb(`exited with code ${code}`)),
    kill: () => void child.kill(),
  };
  return channel;
};
