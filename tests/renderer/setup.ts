// Vitest runs without globals, so Testing Library cannot register its own cleanup.
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
  // Each test starts at the app's first screen, with nothing kept from an earlier "reload".
  window.history.replaceState(null, '', '/');
  window.sessionStorage.clear();
});
