/**
 * What every component reaches the engine through: the API, the state of the link to it, and
 * the engine process's own status.
 */
import { createContext } from 'react';
import type { EventTypes, WorkbenchApi } from '../../shared/contract';
import type { ConnectionState } from './connection-state';

/** The engine process's last reported status. */
export type EngineStatus = EventTypes['engine:status'];

/** The value of {@link WorkbenchContext}. */
export interface WorkbenchContextValue {
  api: WorkbenchApi;
  connection: ConnectionState;
  /**
   * Counts (re)connections and engine restarts. Views that fetch a snapshot and then follow
   * events list it as a dependency, so they fetch again after missing events.
   */
  generation: number;
  engine: EngineStatus;
}

/** Provided by `WorkbenchProvider`; null outside it. */
export const WorkbenchContext = createContext<WorkbenchContextValue | null>(null);
