// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../renderer/api/connection-state';
import { ConnectionBanner } from '../../../renderer/app/connection-banner';
import { WorkbenchProvider } from '../../../renderer/api/workbench-provider';
import { useWorkbench } from '../../../renderer/api/use-workbench';
import { FakeWorkbenchApi } from '../fake-workbench-api';

/** The fake API plus a connection state a test can change, like the WebSocket client. */
class ConnectionAwareFake extends FakeWorkbenchApi {
  private state: ConnectionState = 'open';
  private readonly stateListeners = new Set<(state: ConnectionState) => void>();
  connectionState = () => this.state;
  onConnectionChange = (listener: (state: ConnectionState) => void) => {
    this.stateListeners.add(listener);
    return () => {
      this.stateListeners.delete(listener);
    };
  };
  setConnection(state: ConnectionState) {
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}

function Generation() {
  return <span data-testid="generation">{useWorkbench().generation}</span>;
}

afterEach(cleanup);

const renderBanner = (api: FakeWorkbenchApi) =>
  render(
    <WorkbenchProvider api={api}>
      <ConnectionBanner />
      <Generation />
    </WorkbenchProvider>,
  );

describe('ConnectionBanner', () => {
  it('says the engine is disconnected while the socket is down, and views refetch once it is back', () => {
    const api = new ConnectionAwareFake();
    renderBanner(api);
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    act(() => api.setConnection('disconnected'));
    expect(screen.getByTestId('connection-banner').textContent).toContain('Disconnected from engine');
    expect(screen.getByTestId('generation').textContent).toBe('0');
    act(() => api.setConnection('open'));
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    expect(screen.getByTestId('generation').textContent).toBe('1');
  });

  it('says the engine crashed, with its message, until it is ready again', () => {
    const api = new FakeWorkbenchApi();
    renderBanner(api);
    act(() => api.emit('engine:status', { state: 'crashed', message: 'exit code 134' }));
    expect(screen.getByRole('alert').textContent).toBe('The engine crashed: exit code 134');
    act(() => api.emit('engine:status', { state: 'ready' }));
    expect(screen.queryByTestId('engine-banner')).toBeNull();
    expect(screen.getByTestId('generation').textContent).toBe('1');
  });
});
