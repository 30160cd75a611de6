import { describe, expect, it } from 'vitest';
import { restoreWindowBounds, type Rectangle, type WindowBounds } from '../../../electron/main/window-bounds';

const FULL_HD: Rectangle = { x: 0, y: 0, width: 1920, height: 1080 };

describe('restoreWindowBounds', () => {
  it.each<[string, WindowBounds | null, Rectangle[], WindowBounds]>([
    ['opens centered at the default size on first start', null, [FULL_HD], { width: 1280, height: 840, maximized: false }],
    ['keeps bounds that are on screen', { x: 100, y: 50, width: 1000, height: 700, maximized: true }, [FULL_HD], { x: 100, y: 50, width: 1000, height: 700, maximized: true }],
    ['centers a window whose display is gone', { x: 2500, y: 100, width: 1000, height: 700, maximized: false }, [FULL_HD], { width: 1000, height: 700, maximized: false }],
    ['shrinks a window larger than every display', { x: 0, y: 0, width: 4000, height: 3000, maximized: false }, [FULL_HD], { x: 0, y: 0, width: 1920, height: 1080, maximized: false }],
    ['grows a window below the minimum size', { x: 10, y: 10, width: 200, height: 100, maximized: false }, [FULL_HD], { x: 10, y: 10, width: 800, height: 560, maximized: false }],
    ['keeps a window on a second display to the left', { x: -1500, y: 0, width: 1000, height: 700, maximized: false }, [FULL_HD, { x: -1920, y: 0, width: 1920, height: 1080 }], { x: -1500, y: 0, width: 1000, height: 700, maximized: false }],
    ['centers a window with only a sliver on screen', { x: 1850, y: 1040, width: 1000, height: 700, maximized: false }, [FULL_HD], { width: 1000, height: 700, maximized: false }],
  ])('%s', (_name, saved, areas, expected) => {
    expect(restoreWindowBounds(saved, areas)).toEqual(expected);
  });
});
