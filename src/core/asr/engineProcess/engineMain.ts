// Entry point of the engine process. Under Electron it is a utilityProcess (messages on
// process.parentPort); under Node (`coach serve`, the CLI, tests) a child_process.fork child.
import { runEngineWorker, type EnginePort } from './engineWorker';
import type { FromEngine, ToEngine } from './engineProtocol';

type ParentPort = {
  postMessage(message: unknown): void;
  on(event: 'message', cb: (e: { data: unknown }) => void): void;
};

function connect(): EnginePort {
  const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (parentPort) {
    return {
      post: (m) => parentPort.postMessage(m),
      onMessage: (cb) => parentPort.on('message', (e) => cb(e.data as ToEngine)),
      exit: () => process.exit(0),
    };
  }
  if (!process.send) throw new Error('engineMain must run as a child process with an IPC channel');
  // Without the app there is nothing to work for: a parent that died must not leave the model loaded.
  process.on('disconnect', () => process.exit(0));
  return {
    post: (m: FromEngine) => process.send?.(m),
    onMessage: (cb) => process.on('message', (m) => cb(m as ToEngine)),
    exit: () => process.disconnect?.(),
  };
}

runEngineWorker(connect());
