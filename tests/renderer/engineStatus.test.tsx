import { act, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src/renderer/src/App';
import { resetCoachStore } from '../../src/renderer/src/store';
import { ENGINE_READY, QUESTIONS, installFakeApi } from './fakeApi';

const MISSING_MODEL =
  'No speech model found in /data/models. Download ggml-base.en.bin into that folder and restart the app.';

describe('engine status', () => {
  let fake: ReturnType<typeof installFakeApi>;

  beforeEach(() => {
    resetCoachStore();
    fake = installFakeApi();
  });

  it('shows the error message from getStatus and disables recording', async () => {
    fake.api.getStatus.mockResolvedValue({
      dataDir: '/data',
      modelsDir: '/data/models',
      engine: { state: 'error', message: MISSING_MODEL },
    });
    render(<App />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(MISSING_MODEL);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });
    expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(true);
  });

  it('follows pushed status changes: loading → error → ready', async () => {
    render(<App />);
    await screen.findByRole('heading', { name: QUESTIONS[0]!.text });

    act(() => fake.push.engine({ state: 'loading', message: 'Loading base.en (142 MB)…' }));
    expect(screen.getByText('Loading base.en (142 MB)…')).toBeTruthy();

    act(() => fake.push.engine({ state: 'error', message: MISSING_MODEL }));
    expect(screen.getByRole('alert').textContent).toContain(MISSING_MODEL);
    expect(screen.getByText('Speech engine error')).toBeTruthy();

    act(() => fake.push.engine(ENGINE_READY));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByRole('button', { name: /Record answer/ }).hasAttribute('disabled')).toBe(false);
  });
});
