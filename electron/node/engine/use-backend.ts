/**
 * Backend selection for the engine: the selector's report, with tfjs's own console banner for the
 * cpu backend silenced (the report already tells the user why a native backend is not in use).
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendReport, BackendRequest } from '../../../shared/backend-report';
import { selectBackend } from '../backends/select-backend';

/** Selects and activates a backend; returns the report to record with the run. */
export async function useBackend(requested: BackendRequest, wasmBinaryDir?: string): Promise<BackendReport> {
  const report = await selectBackend({ backend: requested, wasmBinaryDir });
  if (report.tfjsBackend === 'cpu') {
    // tfjs-backend-cpu prints "Hi, looks like you are running TensorFlow.js in Node.js..." on first use.
    const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | null;
    if (cpu) cpu.firstUse = false;
  }
  return report;
}
