// Typed, validated IPC registration. The only place that touches ipcMain: every payload is parsed
// with the contract's schema and every sender is checked before a handler runs.
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  type InvokeChannel,
  type InvokeChannels,
  type PushChannel,
  type PushChannels,
  type SendChannel,
  type SendChannels,
} from '../shared/ipcContract';
import { describeValidationError, invokeArgSchemas, sendArgSchemas } from '../shared/ipcSchemas';

/** Whether a message may be handled: which webContents sent it, from which frame (URL, top or not). */
export type SenderCheck = (
  sender: WebContents,
  frameUrl: string | undefined,
  isMainFrame: boolean,
) => boolean;

type SenderEvent = Pick<IpcMainEvent, 'sender' | 'senderFrame'>;
const senderTrusted = (isTrusted: SenderCheck, event: SenderEvent): boolean =>
  isTrusted(event.sender, event.senderFrame?.url, event.senderFrame?.parent === null);

export function handle<C extends InvokeChannel>(
  channel: C,
  isTrusted: SenderCheck,
  handler: InvokeChannels[C],
): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...raw: unknown[]) => {
    if (!senderTrusted(isTrusted, event)) throw new Error(`Refused ${channel} from an untrusted sender`);
    const parsed = invokeArgSchemas[channel].safeParse(raw);
    if (!parsed.success) throw new Error(describeValidationError(channel, parsed.error));
    return (handler as (...a: unknown[]) => unknown)(...(parsed.data as unknown[]));
  });
}

export function on<C extends SendChannel>(
  channel: C,
  isTrusted: SenderCheck,
  handler: SendChannels[C],
  onInvalid: (sender: WebContents, message: string) => void,
): void {
  ipcMain.on(channel, (event: IpcMainEvent, ...raw: unknown[]) => {
    if (!senderTrusted(isTrusted, event)) return;
    const parsed = sendArgSchemas[channel].safeParse(raw);
    if (!parsed.success) return onInvalid(event.sender, describeValidationError(channel, parsed.error));
    try {
      (handler as (...a: unknown[]) => void)(...(parsed.data as unknown[]));
    } catch (err) {
      onInvalid(event.sender, (err as Error).message);
    }
  });
}

export function push<C extends PushChannel>(
  target: WebContents | null,
  channel: C,
  payload: Parameters<PushChannels[C]>[0],
): void {
  if (target && !target.isDestroyed()) target.send(channel, payload);
}
