import type { CoachApi } from '../shared/apiMethods';

declare global {
  interface Window {
    api: CoachApi;
  }
}
