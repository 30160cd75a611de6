/**
 * What the engine needs from its host, injected: the workspace's run store, where events go, and
 * where packaged files are. The same engine runs in the CLI, the browser-mode server's child and
 * Electron's utility process.
 */
import type { BackendRequest } from '../../../shared/backend-report';
import type { EngineEvent } from '../../../shared/engine-events';
import type { RunStore } from './run-store';

/** The engine's wiring. */
export interface EngineContext {
  store: RunStore;
  /** Receives every engine event. */
  emit: (event: EngineEvent) => void;
  /** Backend used when a run config says `auto`... or a forced one (CLI `--backend`). Defaults to the config's. */
  backendOverride?: BackendRequest;
  /** Folder of tfjs's `.wasm` binaries (packaged app). Defaults to the installed package. */
  wasmDir?: string;
  /** Folder of the `mnist` package's digit files (packaged app). Defaults to the installed package. */
  mnistDir?: string;
  /** Clock. Defaults to `() => new Date()`. */
  now?: () => Date;
}
