// `npm run test:stress [vitest args…]`: the suite (or the given files) with CPU-burning processes beside
// it, so tests that only pass on an idle machine fail here first. The burners die with this script.
import { fork, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BURNERS = Number(process.env.STRESS_BURNERS ?? 2);

if (process.argv[2] === '--burn') {
  // One busy core until the parent goes away (the IPC channel closes even if the parent is killed).
  process.on('disconnect', () => process.exit(0));
  const spin = () => {
    const until = Date.now() + 50;
    while (Date.now() < until);
    setImmediate(spin);
  };
  spin();
} else {
  const self = fileURLToPath(import.meta.url);
  const burners = Array.from({ length: BURNERS }, () => fork(self, ['--burn'], { stdio: 'ignore' }));
  console.log(`[stress] ${BURNERS} CPU-burning processes beside vitest`);
  const vitest = spawn('npx', ['vitest', 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  const stop = () => burners.forEach((b) => b.kill());
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => vitest.kill(signal));
  vitest.on('exit', (code, signal) => {
    stop();
    process.exit(code ?? (signal ? 1 : 0));
  });
}
