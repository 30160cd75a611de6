import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckpointView } from '../../shared/contract';
import type { ErrorData } from '../../shared/errors';
import { useWorkbench } from '../api/use-workbench';

/** What {@link useCheckpointList} returns. */
export interface CheckpointList {
  /** Null until the first listing arrived. */
  checkpoints: CheckpointView[] | null;
  error: ErrorData | null;
  /** Lists again now. */
  refresh: () => void;
}

/**
 * A run's checkpoints (`checkpoints:list`), listed again when the run saves or deletes one, when
 * it ends, and after a reconnection.
 *
 * @param refreshDelayMs Saves in quick succession cause one listing after this delay. Defaults to 150 ms.
 */
export function useCheckpointList(runId: string, refreshDelayMs = 150): CheckpointList {
  const { api, generation } = useWorkbench();
  const [checkpoints, setCheckpoints] = useState<CheckpointView[] | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const request = useRef(0);

  const refresh = useCallback(() => {
    const mine = ++request.current;
    void api.call('checkpoints:list', { runId }).then((result) => {
      // Only the newest request may update: listings can come back out of order.
      if (mine !== request.current) return;
      if (result.ok) {
        setCheckpoints(result.value);
        setError(null);
      } else setError(result.error);
    });
  }, [api, runId]);

  useEffect(() => {
    setCheckpoints(null);
    setError(null);
    refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = api.on('training:event', (event) => {
      if (event.runId !== runId) return;
      const changed =
        (event.type === 'checkpoint' && (event.event.kind === 'save' || event.event.kind === 'delete')) ||
        event.type === 'run-finished' ||
        event.type === 'run-failed';
      if (!changed || timer !== null) return;
      timer = setTimeout(() => {
        timer = null;
        refresh();
      }, refreshDelayMs);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
      request.current++;
    };
  }, [api, runId, refresh, refreshDelayMs, generation]);

  return { checkpoints, error, refresh };
}
