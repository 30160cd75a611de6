/**
 * The engine's tfjs callback: epoch ends become history lines and events, batch ends become
 * throttled progress events, and a stop request ends training after the current epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { resolveLogs } from '../checkpoint/resolve-logs';

/** What the callback reports to the trainer. */
export interface ProgressSink {
  epochEnd(epoch: number, logs: Record<string, number>): void | Promise<void>;
  batchEnd(epoch: number, batch: number, logs: Record<string, number>, samplesPerSecond: number): void;
  /** Whether a graceful stop was requested (checked at every epoch end). */
  stopRequested(): boolean;
}

/** Minimum time between two batch progress events (at most ~10 per second). */
export const BATCH_EVENT_INTERVAL_MS = 100;

/** Reports progress; reads batch values only when a throttled event is due (a read forces a sync). */
export class ProgressCallback extends tf.Callback {
  private epoch = 0;
  private epochStart = 0;
  private samples = 0;
  private lastEmit = 0;

  constructor(private readonly sink: ProgressSink, private readonly clock: () => number = () => performance.now()) {
    super();
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    this.epoch = epoch;
    this.epochStart = this.clock();
    this.samples = 0;
    this.lastEmit = this.epochStart;
  }

  override async onBatchEnd(batch: number, logs?: Record<string, unknown>): Promise<void> {
    this.samples += typeof logs?.size === 'number' ? logs.size : 0;
    const now = this.clock();
    if (now - this.lastEmit < BATCH_EVENT_INTERVAL_MS) return;
    this.lastEmit = now;
    const values = numbersOnly(await resolveLogs(logs, { dropBatchBookkeeping: true }));
    const seconds = Math.max((now - this.epochStart) / 1000, 1e-9);
    this.sink.batchEnd(this.epoch, batch, values, this.samples / seconds);
  }

  override async onEpochEnd(epoch: number, logs?: Record<string, unknown>): Promise<void> {
    await this.sink.epochEnd(epoch, numbersOnly(await resolveLogs(logs)));
    if (this.sink.stopRequested()) this.model.stopTraining = true;
  }
}

/** Scalar logs only, training metrics first then validation ones (tfjs adds `val_*` first). */
function numbersOnly(logs: Record<string, number | number[]>): Record<string, number> {
  const out: Record<string, number> = {};
  const keys = Object.keys(logs).sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
  for (const key of keys) {
    const value = logs[key];
    if (typeof value === 'number') out[key] = value;
  }
  return out;
}
