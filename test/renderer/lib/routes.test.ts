import { describe, expect, it } from 'vitest';
import { parseRouteHash, routeHash, type Route } from '../../../renderer/lib/routes';

describe('parseRouteHash', () => {
  it.each([
    ['#/runs/2026-mnist', { page: 'run', runId: '2026-mnist' }],
    ['#/new', { page: 'new' }],
    ['#/runs', { page: 'runs' }],
    ['', { page: 'runs' }],
    ['#/elsewhere', { page: 'runs' }],
  ])('reads %s', (hash, route) => {
    expect(parseRouteHash(hash)).toEqual(route);
  });

  it.each<Route>([{ page: 'new' }, { page: 'runs' }, { page: 'run', runId: 'a.b_c-1' }])('round-trips %j', (route) => {
    expect(parseRouteHash(routeHash(route))).toEqual(route);
  });
});
