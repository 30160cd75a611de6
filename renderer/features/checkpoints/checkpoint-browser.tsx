import { useState } from 'react';
import { decodeNumber } from '../../../shared/checkpoint-record';
import type { CheckpointView, SystemInfo } from '../../../shared/contract';
import type { ErrorData } from '../../../shared/errors';
import { useWorkbench } from '../../api/use-workbench';
import { ErrorText } from '../../shared-ui/error-text';
import { formatBytes } from '../../shared-ui/format-bytes';
import { formatMetric } from '../../shared-ui/format-metric';
import { checkpointCopyPath } from './checkpoint-copy-path';

/** Props of {@link CheckpointBrowser}. */
export interface CheckpointBrowserProps {
  runId: string;
  /** The listing (`checkpoints:list`), null while loading. */
  checkpoints: CheckpointView[] | null;
  /** Why the listing failed. */
  error: ErrorData | null;
  /** Where the UI runs (`system:info`), null while unknown: 'electron' offers Reveal. */
  host: SystemInfo['host'] | null;
  /** The engine's workspace folder (`system:info`), for copied paths; null while unknown. */
  workspace: string | null;
  /** Opens the inference panel on a checkpoint. */
  onReload: (checkpointId: string) => void;
  /** The checkpoint open in the inference panel, if any. */
  selectedId?: string | null;
}

function decoded(value: number | string | null): number | null {
  return value === null ? null : decodeNumber(value);
}

function otherLogs(view: CheckpointView): string {
  return Object.entries(view.sidecar.logs)
    .filter(([key]) => key !== view.sidecar.monitor)
    .map(([key, value]) => `${key} ${typeof value === 'string' || typeof value === 'number' ? formatMetric(decoded(value)) : '[…]'}`)
    .join(' · ');
}

function IntegrityBadge({ view }: { view: CheckpointView }) {
  if (view.integrity === 'ok') return <span className="badge badge-ok">verified</span>;
  if (view.integrity === 'unchecked') return <span className="badge badge-muted">not checked</span>;
  return (
    <span className="integrity-corrupt">
      <span className="badge badge-corrupt">corrupt</span>
      {view.problem ? <span className="integrity-problem">{view.problem}</span> : null}
    </span>
  );
}

/**
 * A run's checkpoints: epoch (1-based), monitored value and other logs, size, time, best/last
 * badges, integrity, and actions: copy path, reveal in the file manager (desktop app:
 * `checkpoints:reveal`), reload for inference.
 */
export function CheckpointBrowser({ runId, checkpoints, error, host, workspace, onReload, selectedId = null }: CheckpointBrowserProps) {
  const { api } = useWorkbench();
  const [notice, setNotice] = useState<{ id: string; text: string; error?: boolean } | null>(null);

  const copy = async (id: string) => {
    const path = checkpointCopyPath(workspace, runId, id);
    try {
      if (!navigator.clipboard) throw new Error('no clipboard access');
      await navigator.clipboard.writeText(path);
      setNotice({ id, text: `Copied ${path}` });
    } catch {
      setNotice({ id, text: `Copy this path: ${path}` });
    }
  };

  const revealIn = async (id: string) => {
    const result = await api.call('checkpoints:reveal', { runId, checkpointId: id });
    setNotice(result.ok ? null : { id, text: result.error.message, error: true });
  };

  return (
    <section className="checkpoint-browser" aria-labelledby="checkpoints-title">
      <h3 id="checkpoints-title">Checkpoints</h3>
      <ErrorText error={error} />
      {checkpoints === null && !error ? <p className="muted">Loading checkpoints…</p> : null}
      {checkpoints?.length === 0 ? <p className="muted">No checkpoints yet.</p> : null}
      {checkpoints?.length ? (
        <div className="table-scroll">
          <table className="checkpoint-table">
            <thead>
              <tr>
                <th scope="col">Checkpoint</th>
                <th scope="col">Epoch</th>
                <th scope="col">Monitored</th>
                <th scope="col">Other logs</th>
                <th scope="col">Size</th>
                <th scope="col">Created</th>
                <th scope="col">Integrity</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {checkpoints.map((view) => {
                const { sidecar } = view;
                const unusable = view.integrity === 'corrupt' || sidecar.kind === 'placeholder';
                return (
                  <tr
                    key={view.id}
                    data-testid="checkpoint-row"
                    data-checkpoint-id={view.id}
                    className={`${view.isBest ? 'row-best' : ''}${selectedId === view.id ? ' row-selected' : ''}`}
                  >
                    <td>
                      <code>{view.id}</code>{' '}
                      {view.isBest ? <span className="badge badge-best">best</span> : null}{' '}
                      {view.isLast ? <span className="badge badge-last">last</span> : null}{' '}
                      {sidecar.kind === 'weights' ? <span className="badge badge-muted">weights only</span> : null}
                    </td>
                    <td>
                      {sidecar.epoch + 1}
                      {sidecar.batch !== null ? <span className="muted"> (batch {sidecar.batch + 1})</span> : null}
                    </td>
                    <td>
                      {sidecar.monitor} {formatMetric(decoded(sidecar.value))}
                    </td>
                    <td className="muted">{otherLogs(view)}</td>
                    <td>{formatBytes(view.sizeBytes)}</td>
                    <td>
                      <time dateTime={sidecar.createdAt}>{new Date(sidecar.createdAt).toLocaleString()}</time>
                    </td>
                    <td>
                      <IntegrityBadge view={view} />
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        onClick={() => onReload(view.id)}
                        disabled={unusable}
                        title={unusable ? (view.problem ?? 'This checkpoint has no weights to load.') : undefined}
                        aria-label={`Reload ${view.id}`}
                        data-testid="reload-checkpoint"
                      >
                        Reload
                      </button>
                      <button type="button" onClick={() => void copy(view.id)} aria-label={`Copy path of ${view.id}`}>
                        Copy path
                      </button>
                      {host === 'electron' ? (
                        <button type="button" onClick={() => void revealIn(view.id)} aria-label={`Reveal ${view.id} in the file manager`}>
                          Reveal
                        </button>
                      ) : null}
                      {notice?.id === view.id ? (
                        <span role={notice.error ? 'alert' : 'status'} className={notice.error ? 'error-text' : 'muted'}>
                          {notice.text}
                        </span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
