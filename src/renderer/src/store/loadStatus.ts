// What every slice that loads something from main needs: its status, and a readable error.

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

export function errorMessage(error: unknown, fallback: string): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  // Electron prefixes errors thrown in main handlers; people only need the reason.
  const cleaned = raw.replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/, '').trim();
  return cleaned || fallback;
}
