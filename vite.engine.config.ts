import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as nodePath from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * The engine bundle (`.vite/build/engine.js`), run by the main process in a utility process.
 * tfjs and the data code are bundled in; the native TensorFlow bindings cannot be, so they stay
 * external and are loaded at run time from node_modules (shipped and unpacked by forge.config.ts).
 * The tfjs-backend-wasm binaries are copied next to the bundle (`WORKBENCH_WASM_DIR`).
 */

/** Packages (and their sub-paths) the engine loads at run time instead of bundling. */
export const ENGINE_EXTERNALS = [/^@tensorflow\/tfjs-node(-gpu)?(\/.*)?$/];

/**
 * Copies tfjs-backend-wasm's `.wasm` binaries into the bundle's output folder after each build,
 * from the package as installed in the project.
 */
export function copyWasmBinaries(): Plugin {
  let root = process.cwd();
  return {
    name: 'workbench:copy-wasm-binaries',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    writeBundle(options) {
      const requireFromRoot = createRequire(nodePath.join(root, 'package.json'));
      const sourceDir = nodePath.dirname(requireFromRoot.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
      const distDir = nodePath.join(sourceDir, 'dist');
      const outDir = options.dir ?? nodePath.dirname(options.file as string);
      mkdirSync(outDir, { recursive: true });
      const binaries = readdirSync(distDir).filter((name) => name.endsWith('.wasm'));
      if (binaries.length === 0) throw new Error(`No .wasm files in ${distDir}: reinstall @tensorflow/tfjs-backend-wasm.`);
      for (const name of binaries) copyFileSync(nodePath.join(distDir, name), nodePath.join(outDir, name));
    },
  };
}

export default defineConfig({
  build: {
    rollupOptions: { external: ENGINE_EXTERNALS },
  },
  plugins: [copyWasmBinaries()],
});
