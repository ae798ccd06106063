/** Where a command writes: stdout/stderr for the real CLI, arrays in tests. */
export type Io = { out: (s: string) => void; err: (s: string) => void };

export const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
};

/** A CLI command: parses its own arguments and returns the process exit code. */
export type Command = { usage: string; run: (args: string[], io: Io) => Promise<number> | number };
