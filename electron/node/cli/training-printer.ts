/**
 * Renders engine events for a person in a terminal: Keras-style epoch lines, ModelCheckpoint's
 * verbose lines, and a progress bar per epoch with the running metrics (redrawn in place on a TTY).
 */
import { formatBackendReport } from '../../../shared/backend-report';
import type { EngineEvent } from '../../../shared/engine-events';
import type { RunRecord } from '../../../shared/run-record';
import type { CliIo } from './cli-io';
import { formatDuration } from './format-table';

/** Prints one run's events. */
export class TrainingPrinter {
  private barShown = false;
  private epochStart = 0;
  private readonly warned = new Set<string>();

  constructor(private readonly io: CliIo, private readonly tty: boolean, private readonly totalEpochs: () => number) {}

  /** Handles one event. */
  handle(event: EngineEvent): void {
    switch (event.type) {
      case 'run-started':
        this.header(event.run);
        this.epochStart = Date.now();
        break;
      case 'batch-end': {
        if (!this.tty) return;
        const { batch, batchesPerEpoch, logs, samplesPerSecond, epoch } = event;
        const done = batch + 1;
        const width = 24;
        const filled = Math.round((done / batchesPerEpoch) * width);
        const bar = `${'='.repeat(Math.max(filled - 1, 0))}${filled > 0 && filled < width ? '>' : filled >= width ? '=' : ''}${' '.repeat(width - filled)}`;
        const metrics = Object.entries(logs).map(([k, v]) => `${k}: ${v.toFixed(4)}`).join(' - ');
        this.io.out(`\r\x1b[2KEpoch ${epoch + 1}/${this.totalEpochs()} [${bar}] ${done}/${batchesPerEpoch} - ${metrics} - ${Math.round(samplesPerSecond)} samples/s`);
        this.barShown = true;
        break;
      }
      case 'epoch-end': {
        this.clearBar();
        const took = Date.now() - this.epochStart;
        this.epochStart = Date.now();
        const metrics = Object.entries(event.logs).map(([k, v]) => `${k}: ${v.toFixed(4)}`).join(' - ');
        this.io.out(`Epoch ${event.epoch + 1}/${this.totalEpochs()} - ${formatDuration(took)} - ${metrics}\n`);
        break;
      }
      case 'checkpoint': {
        const inner = event.event;
        if (inner.kind === 'print') {
          this.clearBar();
          this.io.out(`${inner.text}\n`);
        } else if (inner.kind === 'warning') {
          this.warn(`ModelCheckpoint: ${inner.text}`);
        } else if (inner.kind === 'delete') {
          this.clearBar();
          this.io.out(`Removed ${inner.path} (no longer among the best)\n`);
        }
        break;
      }
      case 'warning':
        this.warn(event.text);
        break;
      case 'run-finished':
        this.clearBar();
        this.footer(event.run);
        break;
      case 'run-failed':
        this.clearBar();
        this.io.err(`Run ${event.runId} failed: ${event.error.message}\n`);
        break;
    }
  }

  private header(run: RunRecord): void {
    this.io.out(`Run ${run.id}${run.resumedFrom ? ` (resumed from ${run.resumedFrom.checkpointId}, epoch ${run.epochsCompleted + 1})` : ''}\n`);
    if (run.backend) this.io.out(`${formatBackendReport(run.backend)}\n`);
    const sizes = run.dataset.splitSizes;
    this.io.out(`Data: ${run.dataset.name} (${sizes.train} train / ${sizes.validation} validation / ${sizes.test} test)\n`);
    if (run.model) this.io.out(`Model: ${run.config.model.preset}, ${run.model.parameters.toLocaleString('en-US')} parameters\n`);
    this.io.out(`Checkpoints: monitor ${run.monitor} (${run.mode}), template ${run.config.checkpoint.filepath}\n`);
  }

  private footer(run: RunRecord): void {
    const took = run.startedAt && run.endedAt ? formatDuration(Date.parse(run.endedAt) - Date.parse(run.startedAt)) : '';
    this.io.out(`\nRun ${run.id} ${run.status} after ${run.epochsCompleted} epochs${took ? ` in ${took}` : ''}.\n`);
    if (run.best) this.io.out(`Best checkpoint: ${run.best.id} (${run.monitor} ${run.best.value.toFixed(5)}, epoch ${run.best.epoch + 1})\n`);
  }

  private warn(text: string): void {
    if (this.warned.has(text)) return;
    this.warned.add(text);
    this.clearBar();
    this.io.err(`warning: ${text}\n`);
  }

  private clearBar(): void {
    if (!this.barShown) return;
    this.io.out('\r\x1b[2K');
    this.barShown = false;
  }
}
