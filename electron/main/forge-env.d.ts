/** Constants Forge's Vite plugin defines in the main bundle (see `getBuildDefine` in @electron-forge/plugin-vite). */

/** URL of the renderer's Vite dev server under `electron-forge start`; undefined in a build. */
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;
/** The renderer's name in forge.config.ts (`main_window`): its folder under `.vite/renderer/`. */
declare const MAIN_WINDOW_VITE_NAME: string;
