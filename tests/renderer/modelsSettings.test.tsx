import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { SettingsScreen } from '../../src/renderer/src/features/settings/SettingsScreen';
import { resetCoachStore } from '../../src/renderer/src/store';
import { startIpcBridge } from '../../src/renderer/src/store/ipcBridge';
import {
  ENGINE_READY,
  emptyModelsOverview,
  installFakeApi,
  QUESTIONS,
  sampleModelsOverview,
} from './fakeApi';

const NO_MODEL =
  'No Whisper model found.\nDownload ggml-base.en.bin (142 MB) from https://huggingface.co/…\nand save it in /data/models';

function rowOf(fileName: string): HTMLElement {
  const cell = screen.getByText(fileName, { selector: 'code' });
  return cell.closest('tr') as HTMLElement;
}

describe('Settings → Models', () => {
  beforeEach(() => resetCoachStore());

  it('lists the catalog and installed models with sizes, notes and the active badge', async () => {
    installFakeApi();
    render(<SettingsScreen />);
    const table = await screen.findByRole('table', { name: /Whisper models/ });
    expect(within(table).getAllByRole('row')).toHaveLength(4);
    const active = rowOf('ggml-base.en.bin');
    expect(within(active).getByText('Active')).toBeTruthy();
    expect(within(active).getByText('148 MB')).toBeTruthy();
    expect(within(active).getByText('English only')).toBeTruthy();
    expect(within(rowOf('ggml-base.bin')).getByText('Multilingual')).toBeTruthy();
    expect(within(rowOf('ggml-tiny.en.bin')).getByText('Notes for tiny.en.')).toBeTruthy();
  });

  it('downloads with a progress bar that follows the pushed progress, and can cancel', async () => {
    const fake = installFakeApi();
    fake.api.downloadModel.mockResolvedValue(
      sampleModelsOverview({
        downloads: [
          {
            fileName: 'ggml-tiny.en.bin',
            state: 'downloading',
            receivedBytes: 0,
            totalBytes: 77_704_715,
            bytesPerSec: 0,
          },
        ],
      }),
    );
    const stop = startIpcBridge(fake.api);
    const user = userEvent.setup();
    render(<SettingsScreen />);
    await user.click(await screen.findByRole('button', { name: 'Download ggml-tiny.en.bin' }));
    expect(fake.api.downloadModel).toHaveBeenCalledWith('ggml-tiny.en.bin');
    const bar = (await screen.findByRole('progressbar', {
      name: 'Downloading ggml-tiny.en.bin',
    })) as HTMLProgressElement;
    act(() =>
      fake.push.modelDownload({
        fileName: 'ggml-tiny.en.bin',
        state: 'downloading',
        receivedBytes: 38_000_000,
        totalBytes: 77_704_715,
        bytesPerSec: 2_500_000,
      }),
    );
    expect(bar.value).toBe(38_000_000);
    expect(bar.max).toBe(77_704_715);
    expect(screen.getByText('38.0 MB of 77.7 MB · 2.5 MB/s')).toBeTruthy();
    await user.click(within(rowOf('ggml-tiny.en.bin')).getByRole('button', { name: 'Cancel' }));
    expect(fake.api.cancelModelDownload).toHaveBeenCalledWith('ggml-tiny.en.bin');
    stop();
  });

  it('shows a failed download’s message and offers to resume a partial one', async () => {
    const fake = installFakeApi();
    const withPart = sampleModelsOverview();
    withPart.rows[0] = { ...withPart.rows[0]!, partialBytes: 20_000_000 };
    fake.api.listModels.mockResolvedValue(withPart);
    const stop = startIpcBridge(fake.api);
    render(<SettingsScreen />);
    await screen.findByRole('button', { name: /Resume download \(20\.0 MB of 77\.7 MB\)/ });
    const message =
      'The download of ggml-tiny.en.bin was interrupted (socket hang up). Check the connection and press Download again to continue from 20.0 MB.';
    act(() =>
      fake.push.modelDownload({
        fileName: 'ggml-tiny.en.bin',
        state: 'error',
        receivedBytes: 20_000_000,
        totalBytes: 77_704_715,
        bytesPerSec: 0,
        message,
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    stop();
  });

  it('shows why an action failed', async () => {
    const fake = installFakeApi();
    fake.api.setActiveModel.mockRejectedValue(new Error('Stop recording before switching models.'));
    const installed = sampleModelsOverview();
    installed.rows[2] = {
      ...installed.rows[2]!,
      installed: { sizeBytes: 147_951_465, multilingual: true, quantisation: 'f16', sizeName: 'base' },
    };
    fake.api.listModels.mockResolvedValue(installed);
    const user = userEvent.setup();
    render(<SettingsScreen />);
    await user.click(await screen.findByRole('button', { name: 'Use this model' }));
    expect(fake.api.setActiveModel).toHaveBeenCalledWith('ggml-base.bin');
    expect((await screen.findByRole('alert')).textContent).toBe('Stop recording before switching models.');
  });

  it('asks before deleting a model', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<SettingsScreen />);
    await user.click(await screen.findByRole('button', { name: 'Delete… ggml-base.en.bin' }));
    const dialog = screen.getByRole('alertdialog');
    expect(dialog.textContent).toContain('Delete ggml-base.en.bin (148 MB)?');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.api.deleteModel).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Delete… ggml-base.en.bin' }));
    await user.click(within(screen.getByRole('alertdialog')).getByRole('button', { name: 'Delete' }));
    expect(fake.api.deleteModel).toHaveBeenCalledWith('ggml-base.en.bin');
  });

  it('imports a .bin from a path', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<SettingsScreen />);
    await user.type(
      await screen.findByRole('textbox', { name: /Import a model file/ }),
      '/home/me/ggml-medium.bin',
    );
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect(fake.api.importModel).toHaveBeenCalledWith('/home/me/ggml-medium.bin');
    expect(await screen.findByText('Imported')).toBeTruthy();
  });

  it('shows an import failure beside the Import button, not at the top of the section', async () => {
    const fake = installFakeApi();
    fake.api.importModel.mockRejectedValue(new Error('That file is not a whisper.cpp model.'));
    const user = userEvent.setup();
    render(<SettingsScreen />);
    const box = await screen.findByRole('textbox', { name: /Import a model file/ });
    await user.type(box, '/home/me/notes.bin');
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('That file is not a whisper.cpp model.');
    expect(alert.closest('form')).toBe(box.closest('form'));
    expect(box.getAttribute('aria-describedby')).toBe(alert.id);
  });

  it('disables the language picker for an English-only model, and explains why', async () => {
    installFakeApi();
    render(<SettingsScreen />);
    const picker = (await screen.findByRole('combobox', {
      name: /Language of your answers/,
    })) as HTMLSelectElement;
    expect(picker.disabled).toBe(true);
    expect(picker.value).toBe('en');
    expect(picker.getAttribute('aria-describedby')).toBe('model-language-help');
    expect(document.getElementById('model-language-help')?.textContent).toMatch(
      /ggml-base\.en\.bin understands English only/,
    );
  });

  it('lets a multilingual model use any language or auto-detect, and saves the choice', async () => {
    const fake = installFakeApi();
    fake.api.listModels.mockResolvedValue(
      sampleModelsOverview({ activeFile: 'ggml-base.bin', activeMultilingual: true }),
    );
    const user = userEvent.setup();
    render(<SettingsScreen />);
    const picker = (await screen.findByRole('combobox', {
      name: /Language of your answers/,
    })) as HTMLSelectElement;
    await waitFor(() => expect(picker.disabled).toBe(false));
    expect(within(picker).getByRole('option', { name: 'Detect automatically' })).toBeTruthy();
    await user.selectOptions(picker, 'de');
    expect(fake.api.updateSettings).toHaveBeenCalledWith({ speech: { language: 'de' } });
    await waitFor(() => expect(picker.value).toBe('de'));
    await user.selectOptions(picker, 'auto');
    expect(fake.api.updateSettings).toHaveBeenLastCalledWith({ speech: { language: 'auto' } });
  });
});

describe('first run without a model', () => {
  beforeEach(() => resetCoachStore());

  it('opens Settings → Models by itself and focuses it', async () => {
    const fake = installFakeApi();
    fake.api.getStatus.mockResolvedValue({
      dataDir: '/data',
      modelsDir: '/data/models',
      engine: { state: 'error', message: NO_MODEL },
    });
    fake.api.listModels.mockResolvedValue(emptyModelsOverview());
    render(<App />);
    const heading = await screen.findByRole('heading', { name: 'Speech models' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('button', { name: 'Settings' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByText(/No speech model yet/).textContent).toContain(
      'ggml-base.en.bin (148 MB) is a good first choice',
    );
  });

  it('does not leave Practice when a model is present', async () => {
    installFakeApi();
    render(<App />);
    // Only once the engine's status has arrived could a redirect have happened.
    expect(await screen.findByText(/Ready — works offline/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Practice' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('heading', { name: 'Speech models' })).toBeNull();
  });

  it('the Practice screen’s notice leads to the Models section when the model is deleted later', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    render(<App />);
    await screen.findByRole('button', { name: 'Practice' });
    act(() => fake.push.engine({ state: 'error', message: NO_MODEL }));
    // The automatic redirect happens once per run; here it is the first time, so Settings opens.
    expect(await screen.findByRole('heading', { name: 'Speech models' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Practice' }));
    await user.click(await screen.findByRole('button', { name: 'Open Settings → Models' }));
    expect(await screen.findByRole('heading', { name: 'Speech models' })).toBeTruthy();
  });

  it('offers "Try again" on an engine error: the model is reloaded and Record comes back', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    const damaged = 'The speech model ggml-base.en.bin is truncated (at byte 52428800).';
    fake.api.reloadEngine.mockImplementation(async () => {
      fake.push.engine({ state: 'loading', message: 'Loading the speech model…' });
      fake.push.engine(ENGINE_READY);
      return sampleModelsOverview();
    });
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    act(() => fake.push.engine({ state: 'error', message: damaged }));
    expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(true);
    // The good file is put back by hand; the user asks to try again.
    await user.click(within(screen.getByRole('alert')).getByRole('button', { name: 'Try again' }));
    expect(fake.api.reloadEngine).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByText(damaged)).toBeNull());
    expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false);
  });

  it('says so when trying again could not even be asked', async () => {
    const fake = installFakeApi();
    const user = userEvent.setup();
    fake.api.reloadEngine.mockRejectedValue(new Error('Stop recording before reloading the model.'));
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    act(() => fake.push.engine({ state: 'error', message: 'The speech model is damaged.' }));
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(/Stop recording before reloading the model/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' }).hasAttribute('disabled')).toBe(false);
  });
});
