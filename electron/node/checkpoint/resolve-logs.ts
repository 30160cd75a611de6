/**
 * Turns tfjs callback logs (numbers or scalar tensors) into plain numbers without touching the
 * tensors' ownership: tfjs disposes them after the callbacks ran.
 */
import type { LogRecord } from '../../../shared/checkpoint-record';

/** What tfjs hands a callback: numbers, or tensors that resolve to numbers. */
export type UnresolvedLogValue = number | { data(): Promise<ArrayLike<number> | Uint8Array[]>; rank: number };

/** tfjs's per-batch bookkeeping keys: the batch index (0-based) and the batch size, not metrics. */
const TFJS_BATCH_BOOKKEEPING = ['batch', 'size'];

/**
 * Resolves logs to numbers (rank-0 tensors) and number arrays (tensors of rank >= 1).
 * With `dropBatchBookkeeping`, tfjs's own `batch` and `size` keys are left out, so a template's
 * `{batch}` means Keras's 1-based batch number and not tfjs's 0-based index.
 *
 * @example await resolveLogs({ loss: 0.5, batch: 3, size: 32 }, { dropBatchBookkeeping: true }) -> { loss: 0.5 }
 */
export async function resolveLogs(
  logs: Record<string, unknown> | undefined,
  { dropBatchBookkeeping = false }: { dropBatchBookkeeping?: boolean } = {},
): Promise<LogRecord> {
  const resolved: LogRecord = {};
  if (!logs) return resolved;
  for (const [key, value] of Object.entries(logs)) {
    if (dropBatchBookkeeping && TFJS_BATCH_BOOKKEEPING.includes(key)) continue;
    if (typeof value === 'number') {
      resolved[key] = value;
    } else if (isTensorLike(value)) {
      const data = (await value.data()) as ArrayLike<number>;
      resolved[key] = value.rank === 0 ? Number(data[0]) : Array.from(data, Number);
    }
  }
  return resolved;
}

function isTensorLike(value: unknown): value is { data(): Promise<ArrayLike<number>>; rank: number } {
  return typeof value === 'object' && value !== null && typeof (value as { data?: unknown }).data === 'function'
    && typeof (value as { rank?: unknown }).rank === 'number';
}
