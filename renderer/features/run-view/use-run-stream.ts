import { useEffect, useState } from 'react';
import type { EngineEvent } from '../../../shared/engine-events';
import type { ErrorData } from '../../../shared/errors';
import { useWorkbench } from '../../api/use-workbench';
import { applyRunEvents, runStreamStateFromSnapshot, type RunStreamState } from './run-stream-state';

/** What {@link useRunStream} returns. */
export interface RunStream {
  /** Null until the snapshot arrived. */
  state: RunStreamState | null;
  /** Why the snapshot could not be fetched. */
  error: ErrorData | null;
}

/**
 * Follows one run: subscribes to `training:event` first (keeping this run's events), fetches the
 * snapshot (`runs:get`), then applies the events in frames of `frameMs`, so a fast stream
 * re-renders at most ~10 times a second. Fetches again after a reconnection.
 *
 * @param frameMs How long events are collected before one update. Defaults to 100 ms.
 */
export function useRunStream(runId: string, frameMs = 100): RunStream {
  const { api, generation } = useWorkbench();
  const [stream, setStream] = useState<RunStream>({ state: null, error: null });

  useEffect(() => {
    let live = true;
    let loaded = false;
    let buffer: EngineEvent[] = [];
    let timer: ReturnType<typeof setTimeout> | null = null;

    const flush = () => {
      timer = null;
      if (!live || buffer.length === 0) return;
      const events = buffer;
      buffer = [];
      setStream((current) => (current.state ? { ...current, state: applyRunEvents(current.state, events) } : current));
    };

    // Subscribe before fetching, so nothing between the snapshot and the first event is lost.
    const unsubscribe = api.on('training:event', (event) => {
      if (event.runId !== runId) return;
      buffer.push(event);
      if (loaded && timer === null) timer = setTimeout(flush, frameMs);
    });

    setStream({ state: null, error: null });
    void api.call('runs:get', { runId }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setStream({ state: null, error: result.error });
        return;
      }
      loaded = true;
      const events = buffer;
      buffer = [];
      setStream({ state: applyRunEvents(runStreamStateFromSnapshot(result.value), events), error: null });
    });

    return () => {
      live = false;
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [api, runId, frameMs, generation]);

  return stream;
}
