import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { WorkbenchApi } from '../../shared/contract';
import { isConnectionAware, type ConnectionState } from './connection-state';
import { WorkbenchContext, type EngineStatus, type WorkbenchContextValue } from './workbench-context';

/** Props of {@link WorkbenchProvider}. */
export interface WorkbenchProviderProps {
  /** The engine API (`getWorkbenchApi()` in the app, a fake in tests). */
  api: WorkbenchApi;
  children: ReactNode;
}

/** Provides the API, follows the connection and `engine:status`, for `useWorkbench()`. */
export function WorkbenchProvider({ api, children }: WorkbenchProviderProps) {
  const [connection, setConnection] = useState<ConnectionState>(() => (isConnectionAware(api) ? api.connectionState() : 'open'));
  const [generation, setGeneration] = useState(0);
  const [engine, setEngine] = useState<EngineStatus>({ state: 'ready' });

  useEffect(() => {
    if (!isConnectionAware(api)) return undefined;
    setConnection(api.connectionState());
    // Calls made before the first connection wait for it; only a reconnection loses events.
    let openedBefore = api.connectionState() === 'open';
    return api.onConnectionChange((state) => {
      setConnection(state);
      if (state === 'open') {
        // Events were missed while disconnected: views refetch their snapshots.
        if (openedBefore) setGeneration((value) => value + 1);
        openedBefore = true;
      }
    });
  }, [api]);

  useEffect(() => {
    let last: EngineStatus['state'] = 'ready';
    return api.on('engine:status', (status) => {
      setEngine(status);
      // A restarted engine sent nothing while it was down: views refetch their snapshots.
      if (status.state === 'ready' && last !== 'ready') setGeneration((value) => value + 1);
      last = status.state;
    });
  }, [api]);

  const value = useMemo<WorkbenchContextValue>(() => ({ api, connection, generation, engine }), [api, connection, generation, engine]);
  return <WorkbenchContext.Provider value={value}>{children}</WorkbenchContext.Provider>;
}
