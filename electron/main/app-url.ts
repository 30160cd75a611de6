/**
 * Which URLs are the app's own renderer: the Vite dev server's origin in development, the packaged
 * index.html (any hash or query) in production. Used to check IPC senders and navigations.
 */
import { pathToFileURL } from 'node:url';

/** Where the renderer is loaded from. */
export interface AppUrlArgs {
  /** The Vite dev server (`MAIN_WINDOW_VITE_DEV_SERVER_URL`), in development only. */
  devServerUrl?: string;
  /** Absolute path of the built renderer's index.html, used when there is no dev server. */
  indexFile: string;
}

/**
 * A predicate telling whether a URL is the app's renderer.
 *
 * @example appUrlMatcher({ devServerUrl: 'http://localhost:5173' })('http://localhost:5173/#/runs') -> true
 * @example appUrlMatcher({ devServerUrl: 'http://localhost:5173' })('http://localhost:5174/') -> false
 * @example appUrlMatcher({ indexFile: '/app/.vite/renderer/main_window/index.html' })('file:///app/.vite/renderer/main_window/index.html#/runs') -> true
 * @example appUrlMatcher({ indexFile: '/app/.vite/renderer/main_window/index.html' })('file:///etc/passwd') -> false
 */
export function appUrlMatcher(args: AppUrlArgs): (url: string) => boolean {
  if (args.devServerUrl) {
    const origin = new URL(args.devServerUrl).origin;
    return (url) => parse(url)?.origin === origin;
  }
  const index = pathToFileURL(args.indexFile);
  return (url) => {
    const parsed = parse(url);
    return parsed !== undefined && parsed.protocol === 'file:' && parsed.host === index.host && parsed.pathname === index.pathname;
  };
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
