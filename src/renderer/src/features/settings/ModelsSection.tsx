import { useEffect, useRef, useState } from 'react';
import type { ModelDownloadProgress, ModelRow } from '../../../../shared/modelsContract';
import { useCoachStore } from '../../store';
import { formatBytes } from './DataUsage';
import { ImportModel } from './ImportModel';
import { LanguagePicker } from './LanguagePicker';
import { coachApi } from '../../coachApi';

/** Settings → Models: download, import, delete and choose the Whisper model; pick the language. */
export function ModelsSection() {
  const models = useCoachStore((s) => s.models);
  const error = useCoachStore((s) => s.modelsError);
  const loadModels = useCoachStore((s) => s.loadModels);
  const focusModels = useCoachStore((s) => s.focusModels);
  const runModelAction = useCoachStore((s) => s.runModelAction);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void loadModels();
  }, [loadModels]);

  useEffect(() => {
    if (!focusModels) return;
    headingRef.current?.scrollIntoView?.({ block: 'start' });
    headingRef.current?.focus();
    useCoachStore.setState({ focusModels: false });
  }, [focusModels]);

  const recommended = models?.rows.find((r) => r.catalog?.recommended);
  return (
    <section className="card settings-card" aria-labelledby="settings-models">
      <h2 id="settings-models" className="section-title" tabIndex={-1} ref={headingRef}>
        Speech models
      </h2>
      {models && (
        <p className="muted">
          Whisper models live in <code>{models.modelsDir}</code>. Every download is checked against its
          published SHA-256 checksum before it is used; an interrupted one continues where it stopped.
        </p>
      )}
      {models && !models.activeFile && (
        <p className="notice notice-info" role="status">
          No speech model yet: download one to start practising.
          {recommended?.catalog &&
            ` ${recommended.fileName} (${formatBytes(recommended.catalog.sizeBytes)}) is a good first choice.`}
        </p>
      )}
      {models?.envOverride && (
        <p className="notice notice-info">
          COACH_WHISPER_MODEL is set to <code>{models.envOverride}</code>; it is used instead of the model
          chosen here.
        </p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {!models && !error && <p className="muted">Looking for models…</p>}
      {models && (
        <>
          <table className="models-table">
            <caption className="visually-hidden">Whisper models: installed and downloadable</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Size</th>
                <th scope="col">Languages</th>
                <th scope="col">Notes</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {models.rows.map((row) => (
                <ModelRowView key={row.fileName} row={row} />
              ))}
            </tbody>
          </table>
          {models.activeChosen && (
            <button
              type="button"
              className="button button-quiet"
              onClick={() =>
                void runModelAction(() => coachApi().setActiveModel(null), 'The model could not be changed.')
              }
            >
              Let the app choose the model
            </button>
          )}
          <ImportModel />
          <LanguagePicker />
        </>
      )}
    </section>
  );
}

function ModelRowView({ row }: { row: ModelRow }) {
  const progress = useCoachStore((s) => s.modelDownloads[row.fileName]);
  const downloading = useCoachStore((s) => s.models?.downloads.some((d) => d.fileName === row.fileName));
  const running = progress && (progress.state === 'downloading' || progress.state === 'verifying');
  const info = row.installed;
  const multilingual = info?.multilingual ?? row.catalog?.multilingual ?? false;
  const quantisation = info?.quantisation ?? row.catalog?.quantisation;
  return (
    <tr className={row.active ? 'is-active' : undefined}>
      <th scope="row">
        <span className="model-name">{row.catalog?.label ?? row.fileName}</span>
        {row.active && <span className="pill pill-good model-badge">Active</span>}
        {row.catalog?.recommended && <span className="pill model-badge">Recommended</span>}
        <code className="model-file">{row.fileName}</code>
      </th>
      <td className="tabular">{formatBytes(info?.sizeBytes ?? row.catalog?.sizeBytes ?? 0)}</td>
      <td>
        {multilingual ? 'Multilingual' : 'English only'}
        {quantisation && quantisation !== 'f16' && quantisation !== 'unknown' && (
          <span className="muted"> · {quantisation}</span>
        )}
      </td>
      <td>
        {row.problem ? (
          <span className="model-problem">Unusable: {row.problem}</span>
        ) : (
          (row.catalog?.notes ?? 'Imported model.')
        )}
        {progress?.state === 'error' && (
          <p className="model-problem" role="alert">
            {progress.message}
          </p>
        )}
      </td>
      <td className="model-actions">
        {running || downloading ? (
          <DownloadProgress row={row} progress={progress} />
        ) : (
          <RowActions row={row} />
        )}
      </td>
    </tr>
  );
}

function DownloadProgress({ row, progress }: { row: ModelRow; progress: ModelDownloadProgress | undefined }) {
  const total = progress?.totalBytes || row.catalog?.sizeBytes || 0;
  const received = progress?.receivedBytes ?? row.partialBytes ?? 0;
  const verifying = progress?.state === 'verifying';
  return (
    <div className="model-progress">
      <progress
        max={total || undefined}
        value={verifying ? undefined : received}
        aria-label={`Downloading ${row.fileName}`}
      />
      <span className="field-help tabular" aria-live="polite">
        {verifying
          ? 'Checking the download…'
          : `${formatBytes(received)} of ${formatBytes(total)}${
              progress?.bytesPerSec ? ` · ${formatBytes(progress.bytesPerSec)}/s` : ''
            }`}
      </span>
      <button
        type="button"
        className="button button-secondary button-small"
        onClick={() => void coachApi().cancelModelDownload(row.fileName)}
      >
        Cancel
      </button>
    </div>
  );
}

function RowActions({ row }: { row: ModelRow }) {
  const runModelAction = useCoachStore((s) => s.runModelAction);
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);

  const download = () => {
    // Forget how the previous attempt ended (its error) before the new one reports.
    useCoachStore.setState((s) => {
      const others = { ...s.modelDownloads };
      delete others[row.fileName];
      return { modelDownloads: others };
    });
    void runModelAction(
      () => coachApi().downloadModel(row.fileName),
      `${row.fileName} could not be downloaded.`,
    );
  };
  if (asking) {
    return (
      <div
        className="confirm-delete"
        role="alertdialog"
        aria-labelledby={`delete-${row.fileName}`}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            setAsking(false);
          }
        }}
      >
        <p id={`delete-${row.fileName}`}>
          Delete {row.fileName}
          {row.installed ? ` (${formatBytes(row.installed.sizeBytes)})` : ' and its unfinished download'}?
        </p>
        <button
          type="button"
          className="button button-danger button-small"
          onClick={() => {
            setAsking(false);
            void runModelAction(
              () => coachApi().deleteModel(row.fileName),
              `${row.fileName} could not be deleted.`,
            );
          }}
        >
          Delete
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          ref={keepRef}
          onClick={() => setAsking(false)}
        >
          Keep
        </button>
      </div>
    );
  }
  const usable = row.installed !== null && !row.problem;
  return (
    <div className="model-buttons">
      {usable && !row.active && (
        <button
          type="button"
          className="button button-primary button-small"
          onClick={() =>
            void runModelAction(
              () => coachApi().setActiveModel(row.fileName),
              `${row.fileName} could not be made active.`,
            )
          }
        >
          Use this model
        </button>
      )}
      {!row.installed && row.catalog && (
        <button type="button" className="button button-secondary button-small" onClick={download}>
          {row.partialBytes
            ? `Resume download (${formatBytes(row.partialBytes)} of ${formatBytes(row.catalog.sizeBytes)})`
            : 'Download'}
          <span className="visually-hidden"> {row.fileName}</span>
        </button>
      )}
      {(row.installed || row.problem || row.partialBytes) && (
        <button type="button" className="button button-quiet button-small" onClick={() => setAsking(true)}>
          Delete…<span className="visually-hidden"> {row.fileName}</span>
        </button>
      )}
    </div>
  );
}
