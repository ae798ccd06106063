import { useEffect, useState } from 'react';
import type { DataUsage as Usage } from '../../../../shared/domain';
import { plural } from '../../lib/format';
import { errorMessage } from '../../store/loadStatus';
import { coachApi } from '../../coachApi';

const UNITS = ['bytes', 'KB', 'MB', 'GB', 'TB'] as const;

/** 193040233 → "193 MB" (decimal units, as file managers show them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** Where the data folder is and what takes its space; deleting sessions in History frees it. */
export function DataUsage() {
  const [usage, setUsage] = useState<Usage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    coachApi()
      .getDataUsage()
      .then(
        (u) => live && setUsage(u),
        (e: unknown) => live && setError(errorMessage(e, 'The data folder could not be measured.')),
      );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section className="card settings-card" aria-labelledby="settings-data">
      <h2 id="settings-data" className="section-title">
        Your data
      </h2>
      {error && <p className="notice notice-error">{error}</p>}
      {!usage && !error && <p className="muted">Measuring…</p>}
      {usage && (
        <>
          <p className="muted">
            Everything stays in <code>{usage.dataDir}</code>: {plural(usage.sessionCount, 'session')},{' '}
            {formatBytes(usage.totalBytes)} in all. Delete a session from its page in History to free its
            space.
          </p>
          <dl className="data-usage">
            <div>
              <dt>Recordings</dt>
              <dd className="tabular">{formatBytes(usage.audioBytes)}</dd>
            </div>
            <div>
              <dt>Database</dt>
              <dd className="tabular">{formatBytes(usage.databaseBytes)}</dd>
            </div>
            <div>
              <dt>Speech models</dt>
              <dd className="tabular">{formatBytes(usage.modelsBytes)}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}
