// Main's side of the bridge: one handler per IPC channel. Each checks that the sender is our own
// console frame, validates its arguments with the protocol schema, then calls the host.
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE, LiveError, issuesOf, type ErrorPayload, type InvokeMethod, type LiveBridge } from '../protocol';
import { isTrustedSenderUrl } from './security';

/** What crosses IPC for every invoke: the value, or an error that keeps its code. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof LiveError) return err.toPayload();
  return { code: 'internal', message: 'Internal error' };
}

export function registerBridgeIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  host: LiveBridge,
  onRefused: (method: string, reason: string) => void,
): () => void {
  const methods = Object.keys(IPC_INVOKE) as InvokeMethod[];
  for (const method of methods) {
    const { channel, args: schema } = IPC_INVOKE[method];
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]): Promise<IpcResult<unknown>> => {
      if (!isTrustedSenderUrl(event.senderFrame?.url)) {
        onRefused(method, 'foreign sender');
        return { ok: false, error: { code: 'forbidden', message: 'Sender is not the MesChain Live console' } };
      }
      const parsed = schema.safeParse(args);
      if (!parsed.success) {
        onRefused(method, 'invalid arguments');
        return {
          ok: false,
          error: {
            code: 'validation_failed',
            message: `Invalid arguments for ${method}`,
            details: { issues: issuesOf(parsed.error) },
          },
        };
      }
      try {
        const fn = host[method] as (...a: unknown[]) => Promise<unknown>;
        return { ok: true, value: await fn.apply(host, parsed.data as unknown[]) };
      } catch (err) {
        return { ok: false, error: toErrorPayload(err) };
      }
    });
  }
  return () => {
    for (const method of methods) ipcMain.removeHandler(IPC_INVOKE[method].channel);
  };
}
