import * as nodePath from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { contentSecurityPolicy } from './electron/main/content-security-policy';

/**
 * The renderer (`renderer/index.html` -> `.vite/renderer/main_window/`), loaded by the main window
 * from the dev server or, packaged, from file:// (hence `base: './'`).
 */

/** A Content Security Policy meta tag, wherever its attributes are and however it is closed. */
const CSP_META = /<meta\b[^>]*\bhttp-equiv\s*=\s*["']content-security-policy["'][^>]*>[ \t]*\r?\n?/gi;

/**
 * Writes the app's Content Security Policy into index.html as the first tag of its head (pages
 * loaded from file:// get no response headers, so main's header alone would not cover the
 * packaged app), in place of any policy meta tag index.html has: the Electron build has one policy,
 * the one the main process sends, and in development it must let the React Refresh preamble run.
 *
 * @example transformIndexHtml('<head><meta http-equiv="Content-Security-Policy" content="default-src *"></head>')
 *   -> { html: '<head></head>', tags: [<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ...">] }
 */
export function contentSecurityPolicyMeta(mode: 'production' | 'development'): Plugin {
  return {
    name: 'workbench:content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) => ({
        html: html.replace(CSP_META, ''),
        tags: [
          { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(mode, 'meta') }, injectTo: 'head-prepend' },
        ],
      }),
    },
  };
}

export default defineConfig((env) => {
  // Forge passes its own fields along with Vite's: the project folder and this renderer's name.
  const forge = env as typeof env & { root?: string; forgeConfigSelf?: { name?: string } };
  const projectDir = forge.root ?? __dirname;
  const name = forge.forgeConfigSelf?.name ?? 'main_window';
  return {
    root: nodePath.join(projectDir, 'renderer'),
    base: './',
    plugins: [react(), contentSecurityPolicyMeta(env.command === 'serve' ? 'development' : 'production')],
    build: {
      // Forge's default outDir is relative to the root; the root here is renderer/, so say it in full.
      outDir: nodePath.join(projectDir, '.vite', 'renderer', name),
      emptyOutDir: true,
    },
  };
});
