import { useCallback, useEffect, useRef, useState } from 'react';
import type { CheckpointView } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import type { RunRecord } from '../../../shared/run-record';
import { useWorkbench } from '../../api/use-workbench';
import { routeHash } from '../../lib/routes';
import { ErrorText } from '../../shared-ui/error-text';
import { formatDuration } from '../../shared-ui/format-duration';
import { formatMetric } from '../../shared-ui/format-metric';
import { StatusBadge } from '../../shared-ui/status-badge';

/** Props of {@link RunsList}. */
export interface RunsListProps {
  /** Opens a run (after a resume). */
  onOpenRun: (runId: string) => void;
  /** Delay that coalesces list refreshes caused by events. Defaults to 1000 ms. */
  refreshDelayMs?: number;
}

/** How long a run trained (so far). */
function runDuration(run: RunRecord, now: number): string {
  if (!run.startedAt) return '—';
  const end = run.endedAt ? Date.parse(run.endedAt) : run.status === 'running' ? now : null;
  return end === null ? '—' : formatDuration(end - Date.parse(run.startedAt));
}

/** A run's resume controls: from the last checkpoint, or from one chosen from its listing. */
function ResumeControls({ run, onResumed, emphasised }: { run: RunRecord; onResumed: (runId: string) => void; emphasised: boolean }) {
  const { api } = useWorkbench();
  const [choosing, setChoosing] = useState(false);
  const [checkpoints, setCheckpoints] = useState<CheckpointView[] | null>(null);
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<ErrorData | null>(null);
  const [busy, setBusy] = useState(false);

  const resume = async (checkpointId?: string) => {
    setBusy(true);
    setError(null);
    const result = await api.call('training:resume', checkpointId ? { runId: run.id, checkpointId } : { runId: run.id });
    setBusy(false);
    if (result.ok) onResumed(result.value.runId);
    else setError(result.error);
  };

  const choose = async () => {
    setChoosing(true);
    const result = await api.call('checkpoints:list', { runId: run.id });
    if (result.ok) {
      const usable = result.value.filter((view) => view.integrity !== 'corrupt' && view.sidecar.kind === 'model');
      setCheckpoints(usable);
      setChosen(usable[usable.length - 1]?.id ?? '');
    } else setError(result.error);
  };

  return (
    <span className="resume-controls">
      <button type="button" className={emphasised ? 'primary' : undefined} onClick={() => void resume()} disabled={busy} aria-label={`Resume ${run.name} from its last checkpoint`}>
        Resume
      </button>
      {!choosing ? (
        <button type="button" onClick={() => void choose()} disabled={busy} aria-label={`Resume ${run.name} from a chosen checkpoint`}>
          From…
        </button>
      ) : checkpoints ? (
        <>
          <select value={chosen} onChange={(event) => setChosen(event.target.value)} aria-label={`Checkpoint to resume ${run.name} from`}>
            {checkpoints.length === 0 ? <option value="">no resumable checkpoint</option> : null}
            {checkpoints.map((view) => (
              <option key={view.id} value={view.id}>
                {view.id} (epoch {view.sidecar.epoch + 1})
              </option>
            ))}
          </select>
          <button type="button" onClick={() => void resume(chosen)} disabled={busy || !chosen} aria-label={`Resume ${run.name} from the chosen checkpoint`}>
            Resume from it
          </button>
        </>
      ) : null}
      <ErrorText error={error} />
    </span>
  );
}

/** Most epochs a run may train in total (the run configuration's limit). */
const MAX_EPOCHS = 100_000;

/**
 * The total a "Continue training" offers first: five epochs past the run's total when it
 * completed, its own total when it stopped early (that alone continues it).
 *
 * @example a completed run, 10 of 10 epochs -> 15
 * @example a run stopped after 3 of 10 epochs -> 10
 */
function suggestedTotalEpochs(run: RunRecord): number {
  const total = Math.max(run.config.training.epochs, run.epochsCompleted);
  return Math.min(MAX_EPOCHS, run.status === 'completed' || run.epochsCompleted >= total ? total + 5 : total);
}

/** "Continue training" for a completed or stopped run: resume from its last checkpoint up to a new total of epochs. */
function ContinueControls({ run, onResumed }: { run: RunRecord; onResumed: (runId: string) => void }) {
  const { api } = useWorkbench();
  const [open, setOpen] = useState(false);
  const [total, setTotal] = useState(() => String(suggestedTotalEpochs(run)));
  const [error, setError] = useState<ErrorData | string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    const epochs = Number(total.trim());
    if (!/^\d+$/.test(total.trim()) || epochs <= run.epochsCompleted || epochs > MAX_EPOCHS) {
      setError(`Enter a whole number of epochs above ${run.epochsCompleted} (the epochs done) and at most ${MAX_EPOCHS.toLocaleString('en-US')}.`);
      return;
    }
    setBusy(true);
    setError(null);
    const result = await api.call('training:resume', { runId: run.id, epochs });
    setBusy(false);
    if (result.ok) onResumed(result.value.runId);
    else setError(result.error);
  };

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Continue training ${run.name}`}>
        Continue training
      </button>
    );
  }
  return (
    <span className="resume-controls">
      <label>
        Total epochs{' '}
        <input
          type="text"
          inputMode="numeric"
          size={6}
          value={total}
          onChange={(event) => setTotal(event.target.value)}
          aria-label={`Total epochs for ${run.name}`}
          aria-invalid={typeof error === 'string'}
        />
      </label>
      <button type="button" className="primary" onClick={() => void start()} disabled={busy} aria-label={`Continue ${run.name} to the total epochs`}>
        Continue
      </button>
      <ErrorText error={error} />
    </span>
  );
}

/**
 * Every run of the workspace (`runs:list`): status, backend, duration, best value; stop a running
 * run, resume the others; continue a completed or stopped one for more epochs; interrupted runs
 * stand out with an offer to resume.
 */
export function RunsList({ onOpenRun, refreshDelayMs = 1000 }: RunsListProps) {
  const { api, generation } = useWorkbench();
  const [runs, setRuns] = useState<RunRecord[] | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);
  const [stopErrors, setStopErrors] = useState<Record<string, ErrorData>>({});
  const [now, setNow] = useState(() => Date.now());
  const request = useRef(0);

  const load = useCallback(() => {
    const mine = ++request.current;
    void api.call('runs:list', {}).then((result) => {
      if (mine !== request.current) return;
      if (result.ok) {
        setRuns(result.value);
        setError(null);
      } else setError(result.error);
    });
  }, [api]);

  useEffect(() => {
    load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const unsubscribe = api.on('training:event', (event) => {
      if (event.type === 'batch-end' || event.type === 'warning' || timer !== null) return;
      if (event.type === 'checkpoint' && event.event.kind !== 'save') return;
      timer = setTimeout(() => {
        timer = null;
        load();
      }, refreshDelayMs);
    });
    return () => {
      unsubscribe();
      if (timer !== null) clearTimeout(timer);
    };
  }, [api, load, refreshDelayMs, generation]);

  const anyRunning = runs?.some((run) => run.status === 'running') ?? false;
  useEffect(() => {
    if (!anyRunning) return undefined;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [anyRunning]);

  const stop = async (run: RunRecord) => {
    const result = await api.call('training:stop', { runId: run.id });
    setStopErrors(({ [run.id]: _dropped, ...rest }) => (result.ok ? rest : { ...rest, [run.id]: result.error }));
    if (result.ok) load();
  };

  const interrupted = runs?.filter((run) => run.status === 'interrupted') ?? [];

  return (
    <section className="runs-list" aria-labelledby="runs-title">
      <header className="section-header">
        <h2 id="runs-title">Runs</h2>
        <button type="button" onClick={load}>
          Refresh
        </button>
      </header>
      <ErrorText error={error} />
      {interrupted.length ? (
        <p className="notice notice-warning" role="status">
          {interrupted.length === 1 ? 'One run was' : `${interrupted.length} runs were`} interrupted (the app closed or the engine stopped while training).
          Resume from the last checkpoint to continue as if nothing happened.
        </p>
      ) : null}
      {runs === null && !error ? <p className="muted">Loading runs…</p> : null}
      {runs?.length === 0 ? (
        <p className="muted">
          No runs yet. <a href={routeHash({ page: 'new' })}>Start a new run</a>.
        </p>
      ) : null}
      {runs?.length ? (
        <div className="table-scroll">
          <table className="runs-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Status</th>
                <th scope="col">Data / model</th>
                <th scope="col">Backend</th>
                <th scope="col">Epochs</th>
                <th scope="col">Duration</th>
                <th scope="col">Best</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-testid="run-row" data-run-id={run.id} className={run.status === 'interrupted' ? 'row-interrupted' : undefined}>
                  <td>
                    {/* Runs often share a name: the id in the link's name tells them apart. */}
                    <a href={routeHash({ page: 'run', runId: run.id })} aria-label={`${run.name} (${run.id})`}>
                      {run.name}
                    </a>
                    <div className="muted small">{run.id}</div>
                  </td>
                  <td>
                    <StatusBadge status={run.status} />
                  </td>
                  <td>
                    {run.dataset.name} · {run.config.model.preset}
                  </td>
                  <td>{run.backend?.selected ?? '—'}</td>
                  <td>
                    {run.epochsCompleted}/{run.config.training.epochs}
                  </td>
                  <td>{runDuration(run, now)}</td>
                  <td>{run.best ? `${run.monitor} ${formatMetric(run.best.value)} (epoch ${run.best.epoch + 1})` : '—'}</td>
                  <td className="row-actions">
                    {run.status === 'running' ? (
                      <button type="button" onClick={() => void stop(run)} aria-label={`Stop ${run.name}`}>
                        Stop
                      </button>
                    ) : (
                      <>
                        {run.status !== 'completed' ? <ResumeControls run={run} onResumed={onOpenRun} emphasised={run.status === 'interrupted'} /> : null}
                        {run.status === 'completed' || run.status === 'stopped' ? <ContinueControls run={run} onResumed={onOpenRun} /> : null}
                      </>
                    )}
                    <ErrorText error={stopErrors[run.id]} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
