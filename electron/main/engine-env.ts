/**
 * The environment of the engine process: the app's own environment (PATH, CUDA library paths,
 * WORKBENCH_BACKEND when the user set it) plus where its workspace and packaged files are.
 */
import { ENGINE_HOST_ENV, ENGINE_MNIST_DIR_ENV, ENGINE_WASM_DIR_ENV, ENGINE_WORKSPACE_ENV } from '../../shared/engine-protocol';
import type { EnginePaths } from './engine-paths';

/**
 * The engine's environment: `base` without unset entries, then the workbench variables.
 *
 * @example engineEnv({ PATH: '/usr/bin', HOME: undefined }, '/home/ada/TrainingWorkbench', { wasmDir: '/a', mnistDir: '/d' })
 *   -> { PATH: '/usr/bin', WORKBENCH_HOST: 'electron', WORKBENCH_WORKSPACE: '/home/ada/TrainingWorkbench',
 *        WORKBENCH_WASM_DIR: '/a', WORKBENCH_MNIST_DIR: '/d' }
 */
export function engineEnv(
  base: Record<string, string | undefined>,
  workspace: string,
  paths: Pick<EnginePaths, 'wasmDir' | 'mnistDir'>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(base)) if (value !== undefined) env[name] = value;
  env[ENGINE_HOST_ENV] = 'electron';
  env[ENGINE_WORKSPACE_ENV] = workspace;
  env[ENGINE_WASM_DIR_ENV] = paths.wasmDir;
  env[ENGINE_MNIST_DIR_ENV] = paths.mnistDir;
  return env;
}
