import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../electron/main/main-window';

describe('mainWindowOptions', () => {
  it('locks the page down as the Electron security checklist asks', () => {
    expect(mainWindowOptions('/app/preload.js', { width: 1000, height: 700, maximized: false }).webPreferences).toMatchObject({
      preload: '/app/preload.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('opens at the restored position when there is one', () => {
    expect(mainWindowOptions('/p.js', { x: 5, y: 6, width: 1000, height: 700, maximized: false })).toMatchObject({ x: 5, y: 6, width: 1000, height: 700 });
  });

  it('leaves the position to the system when there is none', () => {
    const options = mainWindowOptions('/p.js', { width: 1000, height: 700, maximized: false });
    expect('x' in options || 'y' in options).toBe(false);
  });
});
