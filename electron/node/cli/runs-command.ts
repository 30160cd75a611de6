/**
 * `workbench runs` and `workbench checkpoints <run>`: what the workspace holds.
 */
import { parseArgs } from 'node:util';
import type { CheckpointSummary } from '../../../shared/checkpoint-record';
import { ConfigError, toErrorData } from '../../../shared/errors';
import { verifyCheckpoint } from '../checkpoint-io/checkpoint-reader';
import { openStore } from '../checkpoint-io/checkpoint-store';
import { RunStore } from '../engine/run-store';
import type { CliIo } from './cli-io';
import { COMMON_OPTIONS, workspaceOf } from './cli-options';
import { formatBytes, formatDuration, formatMetric, formatTable } from './format-table';

/** Runs `workbench runs`. */
export async function runsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: argv, options: COMMON_OPTIONS, strict: true });
  if (values.help) {
    io.out('Usage: workbench runs [--workspace <dir>] [--json]\n\nLists the runs of the workspace, newest first.\n');
    return 0;
  }
  const store = new RunStore(workspaceOf(values));
  const runs = await store.listRecords();
  if (values.json) {
    io.out(`${JSON.stringify(runs, null, 2)}\n`);
    return 0;
  }
  if (runs.length === 0) {
    io.out(`No runs in ${store.workspace}. Start one with: workbench train\n`);
    return 0;
  }
  const rows = runs.map((run) => [
    run.id,
    run.status,
    run.backend?.selected ?? '-',
    `${run.epochsCompleted}/${run.config.training.epochs}`,
    run.best ? `${run.monitor} ${formatMetric(run.best.value)}` : '-',
    run.startedAt ? formatDuration((run.endedAt ? Date.parse(run.endedAt) : Date.now()) - Date.parse(run.startedAt)) : '-',
  ]);
  io.out(`${formatTable(['RUN', 'STATUS', 'BACKEND', 'EPOCHS', 'BEST', 'DURATION'], rows)}\n`);
  const interrupted = runs.filter((run) => run.status === 'interrupted');
  for (const run of interrupted) io.out(`\n${run.id} was interrupted; continue it with: workbench resume ${run.id}\n`);
  return 0;
}

/** Runs `workbench checkpoints <run>`. */
export async function checkpointsCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, verify: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: true,
  });
  if (values.help) {
    io.out('Usage: workbench checkpoints <run> [--verify] [--workspace <dir>] [--json]\n\nLists a run\'s checkpoints from their sidecars; --verify also checks sizes and SHA-256.\n');
    return 0;
  }
  if (positionals.length !== 1) throw new ConfigError(`workbench checkpoints takes one run id; received ${positionals.length}.`);
  const store = new RunStore(workspaceOf(values));
  const runId = positionals[0];
  const record = await store.readRecord(runId);
  const listing = await openStore(store.checkpointsDir(runId));
  const integrity = new Map<string, string>();
  if (values.verify) {
    for (const checkpoint of listing.checkpoints) {
      try {
        await verifyCheckpoint(checkpoint.dir);
        integrity.set(checkpoint.id, 'ok');
      } catch (error) {
        integrity.set(checkpoint.id, `CORRUPT: ${toErrorData(error).message}`);
      }
    }
  }
  if (values.json) {
    const out = listing.checkpoints.map(({ dir: _dir, ...rest }: CheckpointSummary) => ({ ...rest, integrity: integrity.get(rest.id) ?? 'unchecked' }));
    io.out(`${JSON.stringify({ checkpoints: out, unreadable: listing.unreadable }, null, 2)}\n`);
    return 0;
  }
  if (listing.checkpoints.length === 0) {
    io.out(`Run ${runId} has no checkpoints yet.\n`);
    return 0;
  }
  const rows = listing.checkpoints.map((c) => [
    c.id,
    String(c.sidecar.epoch + 1),
    c.sidecar.value === null ? '-' : formatMetric(Number(c.sidecar.value)),
    formatBytes(c.sizeBytes),
    c.sidecar.createdAt.replace('T', ' ').slice(0, 19),
    [c.isBest ? 'best' : '', c.isLast ? 'last' : '', c.sidecar.kind === 'weights' ? 'weights-only' : ''].filter(Boolean).join(','),
    ...(values.verify ? [integrity.get(c.id) ?? ''] : []),
  ]);
  const header = ['CHECKPOINT', 'EPOCH', record.monitor.toUpperCase(), 'SIZE', 'CREATED', 'BADGES', ...(values.verify ? ['INTEGRITY'] : [])];
  io.out(`${formatTable(header, rows)}\n`);
  for (const bad of listing.unreadable) io.err(`unreadable checkpoint ${bad.id}: ${bad.error.message}\n`);
  return values.verify && [...integrity.values()].some((v) => v !== 'ok') ? 1 : 0;
}
