import { defineConfig } from 'vite';

/**
 * The preload bundle (`.vite/build/preload.js`): one self-contained CJS file, since a sandboxed
 * preload can require nothing but `electron`'s renderer modules. Forge's Vite plugin supplies the rest.
 */
export default defineConfig({});
