/** Builds scenarios in code and replays them through the real parser and callback. */
import { replayScenario, type ReplayTrace } from '../../electron/node/checkpoint-replay/replay-scenario';
import { parseScenario } from '../../electron/node/checkpoint-replay/scenario';
import { makeTempDir } from './temp-dir';

/** A scenario as JSON (semantics.md section D). `epochs` may be given as bare epoch-log objects. */
export interface ScenarioInput {
  options: Record<string, unknown>;
  epochs: Array<Record<string, unknown>>;
  steps_per_epoch?: number;
  [key: string]: unknown;
}

/** Replays a scenario into a fresh temp dir; `json` lets a test pass raw text (float literals). */
export async function replay(input: ScenarioInput | string): Promise<ReplayTrace & { outDir: string }> {
  const text =
    typeof input === 'string'
      ? input
      : JSON.stringify({
          steps_per_epoch: 2,
          ...input,
          epochs: input.epochs.map((epoch) => ('epoch_logs' in epoch || 'batches' in epoch || 'batch_indices' in epoch ? epoch : { epoch_logs: epoch })),
        });
  const outDir = await makeTempDir('workbench-replay-');
  const trace = await replayScenario(parseScenario(text, 'test-scenario.json'), outDir);
  return { ...trace, outDir };
}

/** The texts of events of one kind, in order. */
export function texts(trace: ReplayTrace, kind: 'print' | 'warning' | 'error'): string[] {
  return trace.events.flatMap((event) => (event.kind === kind ? [event.text] : []));
}

/** The saved paths with their 0-based epoch and batch. */
export function saves(trace: ReplayTrace): Array<[number | null, number | null, string]> {
  return trace.events.flatMap((event) => (event.kind === 'save' ? [[event.epoch, event.batch, event.path] as [number | null, number | null, string]] : []));
}
