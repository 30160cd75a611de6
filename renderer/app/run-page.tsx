import { useState } from 'react';
import type { RunRecord } from '../../shared/run-record';
import { CheckpointBrowser } from '../features/checkpoints/checkpoint-browser';
import { InferencePanel } from '../features/inference/inference-panel';
import { RunView } from '../features/run-view/run-view';
import { useCheckpointList } from '../hooks/use-checkpoint-list';
import { useSystemInfo } from '../hooks/use-system-info';

/** Props of {@link RunPage}. */
export interface RunPageProps {
  runId: string;
  onOpenRun: (runId: string) => void;
  /** Frame of the run view's event batching. Defaults to 100 ms. */
  frameMs?: number;
  /** Fixed chart size (tests). */
  chartSize?: { width: number; height: number };
}

/** One run: its live view, its checkpoints, and the inference panel of a reloaded checkpoint. */
export function RunPage({ runId, onOpenRun, frameMs, chartSize }: RunPageProps) {
  const listing = useCheckpointList(runId);
  const info = useSystemInfo();
  const [run, setRun] = useState<RunRecord | null>(null);
  const [reloaded, setReloaded] = useState<string | null>(null);
  const shownRun = run?.id === runId ? run : null;

  return (
    <div className="run-page">
      <RunView runId={runId} checkpoints={listing.checkpoints} onRunChange={setRun} onOpenRun={onOpenRun} frameMs={frameMs} chartSize={chartSize} />
      <CheckpointBrowser
        runId={runId}
        checkpoints={listing.checkpoints}
        error={listing.error}
        host={info?.host ?? null}
        workspace={info?.workspace ?? null}
        onReload={setReloaded}
        selectedId={reloaded}
      />
      {reloaded && shownRun ? (
        <InferencePanel run={shownRun} checkpointId={reloaded} checkpoints={listing.checkpoints} onClose={() => setReloaded(null)} />
      ) : null}
    </div>
  );
}
