/**
 * The renderer bundle that browser mode serves: built with Vite on first use (and again when the
 * sources changed), so `workbench serve` works in a fresh clone after `npm ci`.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import * as nodePath from 'node:path';

/** Repository root (this file lives in electron/node/server/). */
const ROOT = nodePath.resolve(__dirname, '../../..');
/** Where browser mode's renderer bundle goes. */
export const BROWSER_RENDERER_DIR = nodePath.join(ROOT, '.vite', 'renderer-browser');

/** Newest modification time of the files under `dirs`. */
function newestMtime(dirs: string[]): number {
  let newest = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = nodePath.join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  dirs.filter(existsSync).forEach(visit);
  return newest;
}

/** Whether the bundle is missing or older than the renderer and shared sources. */
export function rendererBuildIsStale(outDir = BROWSER_RENDERER_DIR): boolean {
  const index = nodePath.join(outDir, 'index.html');
  if (!existsSync(index)) return true;
  return newestMtime([nodePath.join(ROOT, 'renderer'), nodePath.join(ROOT, 'shared')]) > statSync(index).mtimeMs;
}

/** Builds the renderer for browser mode if needed; returns the folder to serve. */
export async function ensureRendererBuilt({ force = false, outDir = BROWSER_RENDERER_DIR } = {}): Promise<string> {
  if (!force && !rendererBuildIsStale(outDir)) return outDir;
  const [{ build }, { default: react }] = await Promise.all([import('vite'), import('@vitejs/plugin-react')]);
  await build({
    configFile: false,
    root: nodePath.join(ROOT, 'renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}
