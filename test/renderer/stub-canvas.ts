import { vi } from 'vitest';

/**
 * jsdom has no canvas: `getContext` logs "Not implemented" and returns null. Components draw
 * only when a context exists, so tests stub it to return null quietly.
 */
export function stubCanvas(): void {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
}

/** jsdom 26 has no PointerEvent; Testing Library then sends plain Events without coordinates. */
export function installPointerEvent(): void {
  if (typeof window.PointerEvent === 'function') return;
  class PointerEventStandIn extends MouseEvent {
    readonly pointerId: number;
    constructor(type: string, init: PointerEventInit = {}) {
      super(type, init);
      this.pointerId = init.pointerId ?? 1;
    }
  }
  window.PointerEvent = PointerEventStandIn as unknown as typeof PointerEvent;
}
