import { useWorkbench } from '../api/use-workbench';

/** Says when the engine cannot be reached or its process crashed, instead of a UI that hangs. */
export function ConnectionBanner() {
  const { connection, engine } = useWorkbench();
  if (connection === 'disconnected') {
    return (
      <div className="banner banner-error" role="alert" data-testid="connection-banner">
        Disconnected from engine. Reconnecting… Actions fail until the connection is back.
      </div>
    );
  }
  if (engine.state === 'crashed') {
    return (
      <div className="banner banner-error" role="alert" data-testid="engine-banner">
        The engine crashed{engine.message ? `: ${engine.message}` : '.'}
      </div>
    );
  }
  if (engine.state === 'restarting') {
    return (
      <div className="banner banner-warning" role="status" data-testid="engine-banner">
        The engine is restarting{engine.message ? `: ${engine.message}` : '…'}
      </div>
    );
  }
  if (connection === 'connecting') {
    return (
      <div className="banner banner-info" role="status">
        Connecting to the engine…
      </div>
    );
  }
  return null;
}
