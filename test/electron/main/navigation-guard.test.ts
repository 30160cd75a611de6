import { describe, expect, it } from 'vitest';
import { guardNavigation, type GuardedContents, type PreventableEvent } from '../../../electron/main/navigation-guard';

class FakeEvent implements PreventableEvent {
  prevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.prevented = true;
  }
}

/** A hand-written fake of the part of WebContents the guard uses. */
class FakeContents implements GuardedContents {
  readonly listeners = new Map<string, (event: FakeEvent) => void>();
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;

  on(event: string, listener: (event: FakeEvent) => void): this {
    this.listeners.set(event, listener);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
}

const APP = 'file:///app/index.html';

function guarded() {
  const contents = new FakeContents();
  const log: string[] = [];
  guardNavigation(contents, (url) => url.startsWith(APP), (message) => log.push(message));
  return { contents, log };
}

describe('guardNavigation', () => {
  it.each(['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)'])('blocks a navigation to %s', (url) => {
    const { contents, log } = guarded();
    const event = new FakeEvent(url);
    contents.listeners.get('will-navigate')?.(event);
    expect(event.prevented).toBe(true);
    expect(log).toEqual([`Blocked a navigation to ${url}.`]);
  });

  it('lets the app reload its own page', () => {
    const { contents } = guarded();
    const event = new FakeEvent(`${APP}#/runs`);
    contents.listeners.get('will-navigate')?.(event);
    expect(event.prevented).toBe(false);
  });

  it.each(['https://example.com/', `${APP}#/runs`])('denies a new window for %s', (url) => {
    const { contents } = guarded();
    expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
  });

  it('never attaches a webview', () => {
    const { contents } = guarded();
    const event = new FakeEvent();
    contents.listeners.get('will-attach-webview')?.(event);
    expect(event.prevented).toBe(true);
  });
});
