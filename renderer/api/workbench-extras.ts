/**
 * Optional extras the Electron preload may add next to the contract (not part of `WorkbenchApi`,
 * absent in the browser mode). The UI offers them only when present.
 */
import type { Result } from '../../shared/contract';
import type { WindowWithWorkbench } from './get-workbench-api';

/** Extras of `window.workbench`. */
export interface WorkbenchExtras {
  /** Shows a checkpoint's folder in the system file manager. */
  revealCheckpoint?: (request: { runId: string; checkpointId: string }) => Promise<Result<void>>;
}

/** The extras `window.workbench` offers, or none in the browser mode. */
export function getWorkbenchExtras(win: WindowWithWorkbench = window): WorkbenchExtras {
  const bridge = win.workbench as (WorkbenchExtras & object) | undefined;
  return bridge && typeof bridge.revealCheckpoint === 'function' ? { revealCheckpoint: bridge.revealCheckpoint.bind(bridge) } : {};
}
