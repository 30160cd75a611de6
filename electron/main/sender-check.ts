/**
 * Who may call the engine: only the top frame of the app's own window, showing the app's own page
 * (Electron's security checklist: validate the sender of every IPC message).
 */

/** The part of Electron's `IpcMainInvokeEvent` the check reads. */
export interface IpcSenderEvent {
  /** The WebContents that sent the message. */
  sender: unknown;
  /** The frame that sent it: null when it was destroyed or navigated away meanwhile. */
  senderFrame: { url: string; parent: unknown } | null;
}

/** Options of {@link senderChecker}. */
export interface SenderCheckArgs {
  /** Whether a URL is the app's renderer (see `appUrlMatcher`). */
  isAppUrl: (url: string) => boolean;
  /** Whether a WebContents is the main window's (there may be none yet, or a new one after re-creation). */
  isAppWebContents: (sender: unknown) => boolean;
}

/**
 * A check that returns `null` for a trusted sender, or why it is not trusted.
 *
 * @example senderChecker(args)({ sender: mainWindow.webContents, senderFrame: { url: 'https://evil.example/', parent: null } })
 *   -> "a page at https://evil.example/, not the app's"
 */
export function senderChecker(args: SenderCheckArgs): (event: IpcSenderEvent) => string | null {
  return (event) => {
    if (!args.isAppWebContents(event.sender)) return "a window that is not the app's";
    const frame = event.senderFrame;
    if (frame === null || frame === undefined) return 'a frame that no longer exists';
    if (frame.parent !== null && frame.parent !== undefined) return 'an embedded frame';
    if (!args.isAppUrl(frame.url)) return `a page at ${frame.url}, not the app's`;
    return null;
  };
}
