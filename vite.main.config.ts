import { defineConfig } from 'vite';

/**
 * The main process bundle (`.vite/build/main.js`). Forge's Vite plugin supplies the rest: CJS lib
 * build of `electron/main/main.ts`, `electron` and Node built-ins external, npm dependencies
 * (electron-store, ESM-only) bundled in.
 */
export default defineConfig({});
