/**
 * What a run folder records (`run.json`, `history.jsonl`) and what listings show. Plain data.
 */
import type { BackendReport } from './backend-report';
import type { DatasetInfo } from './dataset';
import type { ErrorData } from './errors';
import type { RunConfig } from './run-config';

/** Where a run stands. `interrupted`: found `running` with no live process. */
export type RunStatus = 'running' | 'completed' | 'stopped' | 'failed' | 'interrupted';

/** The best checkpoint of a run so far. */
export interface BestCheckpointRef {
  /** Checkpoint id (its folder relative to the run's `checkpoints/`). */
  id: string;
  /** 0-based epoch. */
  epoch: number;
  value: number;
}

/** Contents of `run.json`. */
export interface RunRecord {
  /** Folder name under the workspace, e.g. `20261125-143012-mnist-cnn`. */
  id: string;
  name: string;
  status: RunStatus;
  config: RunConfig;
  dataset: DatasetInfo;
  /** Backend that trained it (null before it started). */
  backend: BackendReport | null;
  /** Model summary: parameter count and one line per layer. */
  model: { parameters: number; layers: string[] } | null;
  /** The monitored metric and its resolved direction. */
  monitor: string;
  mode: 'min' | 'max';
  /** Metric names the model logs per epoch (`loss`, `acc`, `val_loss`, `val_acc`). */
  metricNames: string[];
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Epochs completed (including those before a resume). */
  epochsCompleted: number;
  /** Process training it while `running`. */
  pid: number | null;
  /** Host name of that process (a pid means nothing on another machine). */
  host: string | null;
  best: BestCheckpointRef | null;
  /** Set when the run continued from a checkpoint. */
  resumedFrom: { runId: string; checkpointId: string } | null;
  error: ErrorData | null;
}

/** One line of `history.jsonl`: an epoch's logs, written and flushed as the epoch ends. */
export interface HistoryEntry {
  /** 0-based epoch. */
  epoch: number;
  logs: Record<string, number>;
  /** Milliseconds since the run (or the resumed segment) started. */
  elapsedMs: number;
  time: string;
}
