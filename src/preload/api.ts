import { ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { bindApiMethods } from '../shared/apiMethods';
import type {
  InvokeChannel,
  InvokeChannels,
  PushChannel,
  PushChannels,
  SendChannel,
  SendChannels,
} from '../shared/ipcContract';
import type { CoachApi } from '../shared/apiMethods';

function invoke<C extends InvokeChannel>(channel: C): InvokeChannels[C] {
  return ((...args: unknown[]) => ipcRenderer.invoke(channel, ...args)) as InvokeChannels[C];
}

function send<C extends SendChannel>(channel: C): SendChannels[C] {
  return ((...args: unknown[]) => ipcRenderer.send(channel, ...args)) as SendChannels[C];
}

function subscribe<C extends PushChannel>(channel: C) {
  return (cb: PushChannels[C]): (() => void) => {
    const listener = (_e: IpcRendererEvent, payload: Parameters<PushChannels[C]>[0]) =>
      (cb as (p: typeof payload) => void)(payload);
    ipcRenderer.on(channel, listener);
    return () => ipcRenderer.removeListener(channel, listener);
  };
}

export const api: CoachApi = {
  ...bindApiMethods({ invoke, subscribe }),
  sendAudio: send('audio:chunk'),
  getAnswerAudio: invoke('answer:audio'),
  exportSession: invoke('session:export'),
  importBundle: invoke('bundle:import'),
  // ffmpeg reads the recording where it is: nothing of it crosses IPC, however large.
  importRecording: (file, request) =>
    invoke('recording:import')({ ...request, filePath: webUtils.getPathForFile(file) }),
  // Import .bin: the main process copies the file from its path (a model can be gigabytes).
  pathForFile: (file) => webUtils.getPathForFile(file),
};
