import type { CoachApi } from '../shared/ipcContract';

declare global {
  interface Window {
    api: CoachApi;
  }
}
