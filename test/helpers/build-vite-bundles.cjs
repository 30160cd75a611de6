/**
 * Builds the main, preload and engine bundles and the renderer the way `electron-forge package` does (Forge's own
 * Vite config generator, production mode, forge.config.ts loaded with jiti as Forge loads it), into
 * the folder given as the first argument instead of `.vite/build` (renderers into `../renderer/<name>`). Prints `{ "ms": <duration> }`.
 * Run in its own process so the build sees a plain environment (no test runner's NODE_ENV).
 *
 * Usage: node test/helpers/build-vite-bundles.cjs <outDir>
 */
'use strict';

const path = require('node:path');

const projectDir = path.resolve(__dirname, '..', '..');
const outDir = path.resolve(process.argv[2] ?? '');

async function main() {
  if (!process.argv[2]) throw new Error('Usage: build-vite-bundles.cjs <outDir>');
  const started = Date.now();
  // Forge runs from the project folder; its config names entries and Vite configs relative to it.
  process.chdir(projectDir);
  const { createJiti } = require('jiti');
  const jiti = createJiti(__filename);
  const forgeConfig = await jiti.import(path.join(projectDir, 'forge.config.ts'), { default: true });
  const vitePlugin = forgeConfig.plugins.find((plugin) => plugin.name === 'vite');
  if (!vitePlugin) throw new Error('forge.config.ts has no Vite plugin');
  const ViteConfigGenerator = require('@electron-forge/plugin-vite/dist/ViteConfig.js').default;
  const generator = new ViteConfigGenerator(vitePlugin.config, projectDir, true);
  const configs = await generator.getBuildConfigs();
  const rendererConfigs = await generator.getRendererConfig();
  const vite = require('vite');
  await Promise.all([
    ...configs.map((config) =>
      vite.build({ configFile: false, logLevel: 'error', ...config, build: { ...config.build, outDir, emptyOutDir: false } }),
    ),
    // Each renderer next to the build folder, as in .vite/: <outDir>/../renderer/<name>.
    ...rendererConfigs.map((config, index) =>
      vite.build({
        configFile: false,
        logLevel: 'error',
        ...config,
        build: { ...config.build, outDir: path.join(outDir, '..', 'renderer', vitePlugin.config.renderer[index].name), emptyOutDir: true },
      }),
    ),
  ]);
  process.stdout.write(JSON.stringify({ ms: Date.now() - started }));
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : String(error)}\n`);
  process.exit(1);
});
