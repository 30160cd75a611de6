import { useCallback, useEffect, useState } from 'react';
import { parseRouteHash, routeHash, type Route } from '../lib/routes';

/** The route in the URL hash, and a function to go elsewhere (back/forward work). */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => parseRouteHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRouteHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  const navigate = useCallback((next: Route) => {
    window.location.hash = routeHash(next);
    setRoute(next);
  }, []);
  return [route, navigate];
}
