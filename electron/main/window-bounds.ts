/**
 * The main window's saved size and place, and how they are restored on the displays of today
 * (a monitor that was unplugged must not leave the window off screen).
 */

/** A window's normal (not maximized) bounds and whether it was maximized. */
export interface WindowBounds {
  /** Left edge, in screen coordinates; absent: centered. */
  x?: number;
  /** Top edge, in screen coordinates; absent: centered. */
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** A rectangle in screen coordinates, as Electron's `Display.workArea`. */
export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Size of the window at first start. */
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 840 } as const;
/** Smallest window the layout is designed for. */
export const MIN_WINDOW_SIZE = { width: 800, height: 560 } as const;
/** How much of a restored window must lie on one display for its saved position to be kept. */
const MIN_VISIBLE = { width: 120, height: 60 } as const;

/**
 * The bounds to open the window with: the saved size, shrunk to the largest display's work area and
 * grown to the minimum; the saved position only when at least 120 x 60 px of the window would be on
 * one display (else centered: `x`/`y` left out).
 *
 * @example restoreWindowBounds(null, [{ x: 0, y: 0, width: 1920, height: 1080 }])
 *   -> { width: 1280, height: 840, maximized: false }
 * @example restoreWindowBounds({ x: 100, y: 50, width: 1000, height: 700, maximized: true }, [{ x: 0, y: 0, width: 1920, height: 1080 }])
 *   -> { x: 100, y: 50, width: 1000, height: 700, maximized: true }
 * @example restoreWindowBounds({ x: 2500, y: 100, width: 1000, height: 700, maximized: false }, [{ x: 0, y: 0, width: 1920, height: 1080 }])
 *   -> { width: 1000, height: 700, maximized: false }
 * @example restoreWindowBounds({ x: 0, y: 0, width: 4000, height: 3000, maximized: false }, [{ x: 0, y: 0, width: 1920, height: 1080 }])
 *   -> { x: 0, y: 0, width: 1920, height: 1080, maximized: false }
 */
export function restoreWindowBounds(saved: WindowBounds | null, workAreas: readonly Rectangle[]): WindowBounds {
  if (saved === null) return { ...DEFAULT_WINDOW_SIZE, maximized: false };
  const maxWidth = Math.max(MIN_WINDOW_SIZE.width, ...workAreas.map((area) => area.width));
  const maxHeight = Math.max(MIN_WINDOW_SIZE.height, ...workAreas.map((area) => area.height));
  const width = clamp(Math.round(saved.width), MIN_WINDOW_SIZE.width, maxWidth);
  const height = clamp(Math.round(saved.height), MIN_WINDOW_SIZE.height, maxHeight);
  const maximized = saved.maximized === true;
  if (saved.x === undefined || saved.y === undefined) return { width, height, maximized };
  const window: Rectangle = { x: Math.round(saved.x), y: Math.round(saved.y), width, height };
  const visible = workAreas.some((area) => {
    const overlap = intersection(window, area);
    return overlap.width >= MIN_VISIBLE.width && overlap.height >= MIN_VISIBLE.height;
  });
  return visible ? { x: window.x, y: window.y, width, height, maximized } : { width, height, maximized };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

function intersection(a: Rectangle, b: Rectangle): { width: number; height: number } {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { width: Math.max(0, width), height: Math.max(0, height) };
}
