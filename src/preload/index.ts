// Exposes the typed CoachApi to the renderer. Nothing else from Node or Electron crosses over.
import { contextBridge } from 'electron';
import { api } from './api';

contextBridge.exposeInMainWorld('api', api);
