// A minimal POSIX ustar writer and reader: the portable bundle is a plain tar any tool can list.
// Only regular files, names under 100 bytes, sizes under 8 GiB: all a bundle needs. The reader checks
// every header's checksum and magic, so a damaged or foreign file fails with a clear reason.

const BLOCK = 512;
const NAME_BYTES = 100;
const USTAR_MAGIC = 'ustar\0';

export type TarEntry = { path: string; data: Buffer };

export class TarError extends Error {}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

function header(path: string, size: number, mtimeSec: number): Buffer {
  const h = Buffer.alloc(BLOCK, 0);
  if (Buffer.byteLength(path) >= NAME_BYTES) throw new TarError(`Name too long for a bundle: ${path}`);
  h.write(path, 0, 'utf8');
  h.write(octal(0o644, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(mtimeSec, 12), 136, 'ascii');
  h.write('        ', 148, 'ascii'); // checksum is computed with its own field as spaces
  h.write('0', 156, 'ascii');
  h.write(USTAR_MAGIC, 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(octal(checksum(h), 7) + ' ', 148, 'ascii');
  return h;
}

function checksum(h: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum;
}

export function writeTar(entries: readonly TarEntry[], mtimeSec = Math.floor(Date.now() / 1000)): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e.path, e.data.length, mtimeSec), e.data);
    const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
    if (pad) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(BLOCK * 2)); // end of archive
  return Buffer.concat(parts);
}

function readOctal(h: Buffer, at: number, width: number): number {
  const text = h
    .toString('ascii', at, at + width)
    .replace(/[\0 ]+$/, '')
    .trim();
  if (!/^[0-7]*$/.test(text)) throw new TarError('not a tar header');
  return text ? parseInt(text, 8) : 0;
}

export function readTar(buf: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let at = 0;
  while (at + BLOCK <= buf.length) {
    const h = buf.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) return entries;
    if (h.toString('ascii', 257, 263) !== USTAR_MAGIC) throw new TarError('not a tar archive');
    if (readOctal(h, 148, 8) !== checksum(h)) throw new TarError(`damaged header at byte ${at}`);
    const path = h.toString('utf8', 0, NAME_BYTES).replace(/\0.*$/s, '');
    const size = readOctal(h, 124, 12);
    const type = h.toString('ascii', 156, 157);
    at += BLOCK;
    // Entry names come from the file: quoted, so a newline in one cannot break the message.
    if (at + size > buf.length) throw new TarError(`${JSON.stringify(path)} is cut short`);
    if (type === '0' || type === '\0') entries.push({ path, data: Buffer.from(buf.subarray(at, at + size)) });
    else throw new TarError(`${JSON.stringify(path)} is not a regular file`);
    at += Math.ceil(size / BLOCK) * BLOCK;
  }
  throw new TarError('the archive ends early');
}
