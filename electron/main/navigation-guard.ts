/**
 * Keeps every WebContents on the app's page: navigations elsewhere, new windows and <webview>s are
 * refused (Electron's security checklist). Nothing is opened externally.
 */

/** A cancellable Electron event. */
export interface PreventableEvent {
  preventDefault(): void;
}

/** The part of Electron's `WebContents` the guard uses. */
export interface GuardedContents {
  on(event: 'will-navigate', listener: (event: PreventableEvent & { url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Guards `contents`: a navigation is allowed only to the app's own page (a reload, the dev server's
 * full reload), window.open and target=_blank links are denied, webviews are never attached.
 */
export function guardNavigation(contents: GuardedContents, isAppUrl: (url: string) => boolean, log: (message: string) => void = console.warn): void {
  contents.on('will-navigate', (event) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`Blocked a navigation to ${event.url}.`);
  });
  contents.setWindowOpenHandler(({ url }) => {
    log(`Blocked a new window for ${url}.`);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('Blocked a <webview>.');
  });
}
