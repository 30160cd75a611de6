/**
 * The IPC boundary of the main process: one `ipcMain.handle` per contract channel. Each handler
 * checks the sender, checks and validates the payload, then routes it; nothing reaches the engine
 * before all three passed, and nothing is thrown back across the boundary.
 */
import { requestSchemas, validateRequest, type RequestChannel, type Result } from '../../shared/contract';
import { checkPlainData } from '../../shared/check-plain-data';
import { toErrorData } from '../../shared/errors';
import type { IpcSenderEvent } from './sender-check';

/** The part of Electron's `ipcMain` used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => Promise<unknown>): void;
}

/** Options of {@link registerIpcHandlers}. */
export interface IpcHandlersArgs {
  ipcMain: IpcMainLike;
  /** `null` for a trusted sender, else why not (see `senderChecker`). */
  checkSender: (event: IpcSenderEvent) => string | null;
  /** Answers a validated call (see `CallRouter`). */
  route: (channel: RequestChannel, request: unknown) => Promise<Result<unknown>>;
  /** Where refusals are reported. Defaults to `console.warn`. */
  log?: (message: string) => void;
}

/** Registers a handler for every channel of the contract; returns the channels registered. */
export function registerIpcHandlers(args: IpcHandlersArgs): RequestChannel[] {
  const log = args.log ?? console.warn;
  const channels = Object.keys(requestSchemas) as RequestChannel[];
  for (const channel of channels) {
    args.ipcMain.handle(channel, async (event, ...payload): Promise<Result<unknown>> => {
      try {
        const refusal = refuse(channel, event, payload, args.checkSender);
        if (refusal !== null) {
          log(refusal.error.message);
          return refusal;
        }
        const validated = validateRequest(channel, payload[0]);
        if (!validated.ok) return validated;
        return await args.route(channel, validated.value);
      } catch (error) {
        return { ok: false, error: toErrorData(error) };
      }
    });
  }
  return channels;
}

function refuse(
  channel: RequestChannel,
  event: IpcSenderEvent,
  payload: unknown[],
  checkSender: (event: IpcSenderEvent) => string | null,
): Extract<Result<never>, { ok: false }> | null {
  const untrusted = checkSender(event);
  if (untrusted !== null) {
    return { ok: false, error: { code: 'CONFIG', message: `Refused '${channel}' from ${untrusted}: only the Training Workbench window may call it.` } };
  }
  if (payload.length !== 1) {
    return { ok: false, error: { code: 'CONFIG', message: `Invalid '${channel}' request: expected one request object, got ${payload.length} arguments.` } };
  }
  const problem = checkPlainData(payload[0]);
  if (problem !== null) return { ok: false, error: { code: 'CONFIG', message: `Invalid '${channel}' request: ${problem}` } };
  return null;
}
