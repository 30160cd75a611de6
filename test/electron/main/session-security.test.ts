import { describe, expect, it } from 'vitest';
import { secureSession, type SecuredSession } from '../../../electron/main/session-security';

/** A hand-written fake of the part of Session the function uses. */
class FakeSession implements SecuredSession {
  headersListener: Parameters<SecuredSession['webRequest']['onHeadersReceived']>[0] | undefined;
  permissionRequest: Parameters<SecuredSession['setPermissionRequestHandler']>[0] | undefined;
  permissionCheck: Parameters<SecuredSession['setPermissionCheckHandler']>[0] | undefined;
  readonly webRequest = {
    onHeadersReceived: (listener: NonNullable<FakeSession['headersListener']>) => {
      this.headersListener = listener;
    },
  };

  setPermissionRequestHandler(handler: NonNullable<FakeSession['permissionRequest']>): void {
    this.permissionRequest = handler;
  }

  setPermissionCheckHandler(handler: NonNullable<FakeSession['permissionCheck']>): void {
    this.permissionCheck = handler;
  }
}

describe('secureSession', () => {
  it('sets the policy on every response, replacing one the server sent', () => {
    const session = new FakeSession();
    secureSession(session, "default-src 'none'");
    let response: unknown;
    session.headersListener?.({ responseHeaders: { 'content-type': ['text/html'], 'content-security-policy': ['default-src *'] } }, (r) => {
      response = r;
    });
    expect(response).toEqual({ responseHeaders: { 'content-type': ['text/html'], 'Content-Security-Policy': ["default-src 'none'"] } });
  });

  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal'])('denies the %s permission', (permission) => {
    const session = new FakeSession();
    secureSession(session, "default-src 'none'");
    const granted: boolean[] = [];
    session.permissionRequest?.({}, permission, (value) => granted.push(value));
    expect(granted).toEqual([false]);
    expect(session.permissionCheck?.({}, permission)).toBe(false);
  });
});
