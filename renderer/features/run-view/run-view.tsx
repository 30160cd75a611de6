import { useEffect, useMemo, useState } from 'react';
import type { CheckpointView } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import type { RunRecord } from '../../../shared/run-record';
import { useWorkbench } from '../../api/use-workbench';
import { ErrorText } from '../../shared-ui/error-text';
import { formatMetric } from '../../shared-ui/format-metric';
import { StatusBadge } from '../../shared-ui/status-badge';
import { buildChartRows, chartableMetrics, chartMarkers, mergeCheckpointSources } from './chart-data';
import { MetricChart } from './metric-chart';
import type { RunStreamState } from './run-stream-state';
import { useRunStream } from './use-run-stream';

/** Props of {@link RunView}. */
export interface RunViewProps {
  runId: string;
  /** The run's checkpoint listing, for markers (saves seen in the stream are marked before it catches up). */
  checkpoints: CheckpointView[] | null;
  /** Called whenever the run record changes (status, best, ...). */
  onRunChange?: (run: RunRecord) => void;
  /** Opens a run (after a resume, which may continue under a new id). */
  onOpenRun?: (runId: string) => void;
  /** Frame of event batching. Defaults to 100 ms. */
  frameMs?: number;
  /** Fixed chart size (tests); by default the chart fills the width. */
  chartSize?: { width: number; height: number };
}

function ProgressLine({ state }: { state: RunStreamState }) {
  const total = state.run.config.training.epochs;
  const { progress } = state;
  const done = state.epochs.length ? state.epochs[state.epochs.length - 1].epoch + 1 : 0;
  const text = progress
    ? `Epoch ${progress.epoch + 1}/${total} · batch ${progress.batch + 1}/${progress.batchesPerEpoch} · ${Math.round(progress.samplesPerSecond).toLocaleString('en-US')} samples/s`
    : `Epoch ${done}/${total}${state.run.status === 'running' ? '' : ` · ${state.run.status}`}`;
  return (
    <p className="progress-line" role="status" data-testid="run-progress">
      {text}
    </p>
  );
}

/**
 * A run as it trains: header with status and actions, progress, the live metric chart with
 * checkpoint markers, and the ModelCheckpoint decision log.
 */
export function RunView({ runId, checkpoints, onRunChange, onOpenRun, frameMs = 100, chartSize }: RunViewProps) {
  const { api } = useWorkbench();
  const { state, error } = useRunStream(runId, frameMs);
  const [metric, setMetric] = useState<string | null>(null);
  const [smoothing, setSmoothing] = useState(0);
  const [logScale, setLogScale] = useState(false);
  const [showBatches, setShowBatches] = useState(true);
  const [actionError, setActionError] = useState<ErrorData | null>(null);
  const [acting, setActing] = useState(false);

  const run = state?.run ?? null;
  useEffect(() => {
    if (run && onRunChange) onRunChange(run);
  }, [run, onRunChange]);

  const metrics = useMemo(() => {
    if (!state) return [];
    const names = new Set(state.run.metricNames);
    for (const point of state.epochs) for (const key of Object.keys(point.logs)) names.add(key);
    return chartableMetrics([...names]);
  }, [state?.run.metricNames, state?.epochs]);
  const monitorBase = run ? (run.monitor.startsWith('val_') ? run.monitor.slice(4) : run.monitor) : 'loss';
  const shown = metric ?? (metrics.includes(monitorBase) ? monitorBase : (metrics[0] ?? monitorBase));

  const rows = useMemo(
    () => (state ? buildChartRows(state.epochs, showBatches ? state.batches : [], shown, { smoothing, logScale, maxPoints: 1000 }) : []),
    [state?.epochs, state?.batches, shown, smoothing, logScale, showBatches],
  );
  const markers = useMemo(
    () =>
      state
        ? chartMarkers(mergeCheckpointSources(checkpoints, state.saves), state.epochs, shown, state.run.monitor, state.batchesPerEpoch, logScale)
        : [],
    [checkpoints, state?.saves, state?.epochs, state?.run.monitor, state?.batchesPerEpoch, shown, logScale],
  );

  if (error) {
    return (
      <section className="run-view">
        <h2>Run {runId}</h2>
        <ErrorText error={error} />
      </section>
    );
  }
  if (!state || !run) return <p className="muted">Loading run {runId}…</p>;

  const act = async (action: 'stop' | 'resume') => {
    setActing(true);
    setActionError(null);
    const result = action === 'stop' ? await api.call('training:stop', { runId }) : await api.call('training:resume', { runId });
    setActing(false);
    if (!result.ok) setActionError(result.error);
    else if (action === 'resume' && 'runId' in result.value && result.value.runId !== runId) onOpenRun?.(result.value.runId);
  };

  return (
    <section className="run-view" aria-labelledby="run-title">
      <header className="run-header">
        <h2 id="run-title">{run.name}</h2>
        <StatusBadge status={run.status} />
        <span className="muted">
          {run.dataset.name} · {run.config.model.preset}
          {run.model ? ` · ${run.model.parameters.toLocaleString('en-US')} parameters` : ''} · backend {run.backend?.selected ?? 'not chosen yet'}
        </span>
        <span className="run-actions">
          {run.status === 'running' ? (
            <button type="button" onClick={() => void act('stop')} disabled={acting}>
              Stop
            </button>
          ) : run.status !== 'completed' ? (
            <button type="button" onClick={() => void act('resume')} disabled={acting}>
              Resume from last checkpoint
            </button>
          ) : null}
        </span>
      </header>
      <ErrorText error={actionError} />
      {run.error ? <ErrorText error={run.error} /> : null}
      <ProgressLine state={state} />
      {run.best ? (
        <p className="muted">
          Best {run.monitor} {formatMetric(run.best.value)} at epoch {run.best.epoch + 1} (<code>{run.best.id}</code>)
        </p>
      ) : null}

      <div className="chart-controls">
        <label>
          Metric{' '}
          <select value={shown} onChange={(event) => setMetric(event.target.value)}>
            {(metrics.length ? metrics : [shown]).map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Smoothing{' '}
          <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(event) => setSmoothing(Number(event.target.value))} />
          <output>{smoothing.toFixed(2)}</output>
        </label>
        <label>
          <input type="checkbox" checked={logScale} onChange={(event) => setLogScale(event.target.checked)} /> Log scale
        </label>
        <label>
          <input type="checkbox" checked={showBatches} onChange={(event) => setShowBatches(event.target.checked)} /> Batches
        </label>
      </div>
      <MetricChart rows={rows} markers={markers} metric={shown} logScale={logScale} size={chartSize} />

      <section className="run-log" aria-label="Checkpoint log">
        <h3>Checkpoint log</h3>
        {state.log.length === 0 ? (
          <p className="muted">
            {state.run.status === 'running'
              ? 'No checkpoint decisions yet.'
              : 'Decisions appear here while the run trains; the checkpoints it kept are listed below.'}
          </p>
        ) : (
          <ol data-testid="checkpoint-log" aria-label="Newest first">
            {[...state.log].reverse().map((line) => (
              <li key={line.key} className={`log-${line.level}`}>
                {line.epoch !== null ? <span className="log-epoch">epoch {line.epoch + 1}</span> : null}
                {line.text}
              </li>
            ))}
          </ol>
        )}
      </section>
    </section>
  );
}
