/**
 * Where runs live when the user names no workspace: `$WORKBENCH_WORKSPACE`, else
 * `~/TrainingWorkbench` (easy to find in a file manager; every run is a plain folder inside).
 */
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { ENGINE_WORKSPACE_ENV } from '../../../shared/engine-protocol';

/** The default workspace folder for this user. */
export function defaultWorkspace(env: Record<string, string | undefined> = process.env): string {
  const fromEnv = env[ENGINE_WORKSPACE_ENV];
  if (fromEnv && fromEnv.trim()) return nodePath.resolve(fromEnv);
  return nodePath.join(os.homedir(), 'TrainingWorkbench');
}
