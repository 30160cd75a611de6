import { describe, expect, it } from 'vitest';
import type { WorkbenchApi } from '../../../shared/contract';
import { getWorkbenchApi, wsUrlFromLocation, type WindowWithWorkbench } from '../../../renderer/api/get-workbench-api';
import { FakeWorkbenchApi } from '../fake-workbench-api';

describe('wsUrlFromLocation', () => {
  it.each([
    [{ protocol: 'http:', host: '127.0.0.1:7070', search: '?token=a%2Fb' }, 'ws://127.0.0.1:7070/ws?token=a%2Fb'],
    [{ protocol: 'https:', host: 'box:443', search: '' }, 'wss://box:443/ws?token='],
    [{ protocol: 'http:', host: 'localhost:1', search: '?x=1&token=abc' }, 'ws://localhost:1/ws?token=abc'],
  ])('builds the socket URL of %j', (location, url) => {
    expect(wsUrlFromLocation(location)).toBe(url);
  });
});

describe('getWorkbenchApi', () => {
  it('uses the preload bridge when window.workbench exists', () => {
    const bridge: WorkbenchApi = new FakeWorkbenchApi();
    expect(getWorkbenchApi({ workbench: bridge } as WindowWithWorkbench)).toBe(bridge);
  });

  it('opens a WebSocket to the page host with the page token otherwise', () => {
    const urls: string[] = [];
    const api = getWorkbenchApi({ location: { protocol: 'http:', host: '127.0.0.1:9', search: '?token=xyz' } } as WindowWithWorkbench, {
      createSocket: (url) => {
        urls.push(url);
        return { send() {}, close() {}, onopen: null, onclose: null, onerror: null, onmessage: null };
      },
    });
    expect(urls).toEqual(['ws://127.0.0.1:9/ws?token=xyz']);
    expect(typeof api.call).toBe('function');
  });
});
