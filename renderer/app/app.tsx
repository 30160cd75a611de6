import { NewRunForm } from '../features/new-run/new-run-form';
import { RunsList } from '../features/runs/runs-list';
import { routeHash } from '../lib/routes';
import { ConnectionBanner } from './connection-banner';
import { RunPage } from './run-page';
import { useHashRoute } from './use-hash-route';

/** The whole UI: header with navigation, connection banners, and the current page. */
export function App() {
  const [route, navigate] = useHashRoute();
  const openRun = (runId: string) => navigate({ page: 'run', runId });
  return (
    <div className="app">
      <header className="app-header">
        <h1>Training Workbench</h1>
        <nav aria-label="Main">
          <a href={routeHash({ page: 'runs' })} aria-current={route.page === 'runs' ? 'page' : undefined}>
            Runs
          </a>
          <a href={routeHash({ page: 'new' })} aria-current={route.page === 'new' ? 'page' : undefined}>
            New run
          </a>
        </nav>
      </header>
      <ConnectionBanner />
      <main>
        {route.page === 'new' ? (
          <NewRunForm onStarted={openRun} />
        ) : route.page === 'run' ? (
          <RunPage key={route.runId} runId={route.runId} onOpenRun={openRun} />
        ) : (
          <RunsList onOpenRun={openRun} />
        )}
      </main>
    </div>
  );
}
