/**
 * The link between the renderer and the engine, for transports that can drop (the browser mode's
 * WebSocket). The Electron bridge has no such state: it is always connected.
 */
import type { WorkbenchApi } from '../../shared/contract';

/**
 * `connecting`: the first connection is being made (calls wait for it). `open`: connected.
 * `disconnected`: the link dropped and reconnection is being retried (calls fail at once).
 */
export type ConnectionState = 'connecting' | 'open' | 'disconnected';

/** A transport that reports its connection state. */
export interface ConnectionAware {
  /** The state now. */
  connectionState(): ConnectionState;
  /** Calls `listener` on every change; returns its unsubscribe function. */
  onConnectionChange(listener: (state: ConnectionState) => void): () => void;
}

/** Whether an API also reports its connection state (the WebSocket client does). */
export function isConnectionAware(api: WorkbenchApi): api is WorkbenchApi & ConnectionAware {
  const candidate = api as Partial<ConnectionAware>;
  return typeof candidate.connectionState === 'function' && typeof candidate.onConnectionChange === 'function';
}
