/**
 * Writes checkpoints on a worker thread, so that hashing and the file-system calls of a background
 * save (about 7 ms of JavaScript for a 1.2 MB checkpoint, 70 ms of SHA-256 for 120 MB) do not run
 * on the thread that trains. The snapshot is taken on the training thread as before; only the
 * write moves. Same writer, same atomic protocol: a crash mid-write kills the thread with the
 * process and leaves what the writer leaves, an untouched target and a temporary for the sweep.
 *
 * Where no worker can start (a bundle without its worker file), or once the thread has failed,
 * `writeCheckpointOffThread` writes on the calling thread instead.
 */
import { existsSync } from 'node:fs';
import * as nodePath from 'node:path';
import { Worker } from 'node:worker_threads';

import type { CheckpointSidecar } from '../../../shared/checkpoint-record';
import { CheckpointOccupiedError, CheckpointSaveError, type ErrorData } from '../../../shared/errors';
import { type ArtifactData, type ResolvedSidecarInput, writeCheckpointFiles } from './checkpoint-files-writer';
import { type CheckpointSidecarInput, resolveSidecarInput } from './checkpoint-writer';
import type { CollectedModelArtifacts } from './model-artifacts';

/** What the thread is sent: a `writeCheckpointFiles` call, plain data. */
export interface WriteJob {
  id: number;
  dir: string;
  kind: 'model' | 'weights';
  includeOptimizer: boolean;
  sidecar: ResolvedSidecarInput;
  artifacts: ArtifactData;
}

/** What the thread answers. */
export type WriteReply = { id: number; sidecar: CheckpointSidecar } | { id: number; error: ErrorData };

interface Pending {
  job: WriteJob;
  resolve: (sidecar: CheckpointSidecar) => void;
  reject: (error: Error) => void;
}

/** The worker's entry: the bundled file next to this bundle, or the TypeScript source run with tsx. */
function startWorker(): Worker | null {
  if (__filename.endsWith('.ts')) {
    const source = nodePath.join(__dirname, 'checkpoint-write-worker.ts');
    const bootstrap = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(source)});`;
    return new Worker(bootstrap, { eval: true });
  }
  const bundled = nodePath.join(__dirname, 'checkpoint-write-worker.js');
  return existsSync(bundled) ? new Worker(bundled) : null;
}

function toError(data: ErrorData): Error {
  if (data.code === 'CHECKPOINT_OCCUPIED') return new CheckpointOccupiedError(data.message, data.detail);
  if (data.code === 'CHECKPOINT_SAVE_FAILED') return new CheckpointSaveError(data.message, data.detail);
  return new Error(data.message);
}

class CheckpointWriteThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;

  constructor(readonly worker: Worker, private readonly onBroken: () => void) {
    worker.on('message', (reply: WriteReply) => {
      const entry = this.pending.get(reply.id);
      if (entry === undefined) return;
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('sidecar' in reply) entry.resolve(reply.sidecar);
      else entry.reject(toError(reply.error));
    });
    // A thread that fails (cannot load its code, runs out of memory, ...) is not restarted: the
    // writes it had not answered, and all later ones, run on this thread instead. The atomic writer
    // leaves a target untouched by a write that died, so writing it again is safe.
    const fail = () => {
      this.onBroken();
      const unanswered = [...this.pending.values()];
      this.pending.clear();
      for (const { job, resolve, reject } of unanswered) {
        const { id: _id, dir, ...args } = job;
        writeCheckpointFiles(dir, args).then(resolve, reject);
      }
    };
    worker.on('error', fail);
    worker.on('exit', fail);
    // Idle, the thread must not keep the process alive (after the listeners: adding a 'message'
    // listener refs the worker's port again).
    worker.unref();
  }

  write(request: Omit<WriteJob, 'id'>): Promise<CheckpointSidecar> {
    const job: WriteJob = { ...request, id: this.nextId++ };
    return new Promise<CheckpointSidecar>((resolve, reject) => {
      this.pending.set(job.id, { job, resolve, reject });
      // Keeps the process alive while a write is pending (the thread is unref'd when idle).
      this.worker.ref();
      this.worker.postMessage(job);
    });
  }
}

let thread: CheckpointWriteThread | null | undefined;

function writeThread(): CheckpointWriteThread | null {
  if (thread === undefined) {
    let worker: Worker | null = null;
    try {
      worker = startWorker();
    } catch {
      worker = null;
    }
    thread = worker === null ? null : new CheckpointWriteThread(worker, () => {
      thread = null;
    });
  }
  return thread;
}

/** Starts the writer thread now (if it is not running), so that the first save does not wait for it. */
export function startCheckpointWriter(): void {
  writeThread();
}

/** The writer thread's id once it runs (null before it starts, where none can, or after it failed). */
export function checkpointWriterThreadId(): number | null {
  return thread?.worker.threadId ?? null;
}

/**
 * `writeCheckpoint(dir, { kind, artifacts, includeOptimizer, sidecar })` on the writer thread
 * (started on first use, shared by every caller), or on this thread where no worker can run. The
 * artifacts' arrays are copied to the thread; the caller still disposes them.
 */
export async function writeCheckpointOffThread(
  dir: string,
  args: { kind: 'model' | 'weights'; artifacts: CollectedModelArtifacts; includeOptimizer: boolean; sidecar: CheckpointSidecarInput },
): Promise<CheckpointSidecar> {
  const { dispose: _dispose, ...artifacts } = args.artifacts;
  const sidecar = resolveSidecarInput(args.sidecar);
  const writer = writeThread();
  if (writer === null) return writeCheckpointFiles(dir, { kind: args.kind, includeOptimizer: args.includeOptimizer, sidecar, artifacts });
  // postMessage copies a view's whole underlying buffer: a view into a larger one (weights loaded
  // from a checkpoint may view its whole weights.bin) gets a buffer of its own first.
  artifacts.weightChunks = artifacts.weightChunks.map((chunk) => (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice()));
  return writer.write({ dir, kind: args.kind, includeOptimizer: args.includeOptimizer, sidecar, artifacts });
}
