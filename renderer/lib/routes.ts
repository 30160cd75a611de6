/**
 * The app's places, as URL hashes (`#/runs/<id>`): hashes work the same under file:// (Electron)
 * and http:// (browser mode), and need no server routes.
 */

/** Where the app is. */
export type Route = { page: 'new' } | { page: 'runs' } | { page: 'run'; runId: string };

/** The hash of a route. */
export function routeHash(route: Route): string {
  if (route.page === 'run') return `#/runs/${encodeURIComponent(route.runId)}`;
  return route.page === 'new' ? '#/new' : '#/runs';
}

/**
 * The route of a hash; anything unknown is the runs list.
 *
 * @example parseRouteHash('#/runs/2026-mnist') -> { page: 'run', runId: '2026-mnist' }
 * @example parseRouteHash('#/new') -> { page: 'new' }
 * @example parseRouteHash('') -> { page: 'runs' }
 */
export function parseRouteHash(hash: string): Route {
  const path = hash.replace(/^#/, '');
  if (path === '/new') return { page: 'new' };
  const run = /^\/runs\/([^/]+)$/.exec(path);
  if (run) return { page: 'run', runId: decodeURIComponent(run[1]) };
  return { page: 'runs' };
}
