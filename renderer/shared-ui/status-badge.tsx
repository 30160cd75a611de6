import type { RunStatus } from '../../shared/run-record';

/** A run's status as a coloured badge. */
export function StatusBadge({ status }: { status: RunStatus }) {
  return <span className={`badge badge-status-${status}`}>{status}</span>;
}
