/**
 * Kills a process that writes checkpoints (crash-child.ts) with SIGKILL at many moments, both
 * at chosen steps of the atomic write and at random instants, and checks after each kill that
 * opening the store leaves only complete checkpoints: every one verifies and loads with the
 * weights its sidecar's epoch says, `latest` holds the old or the new checkpoint, every finished
 * checkpoint is intact, and no temporaries remain.
 */
import { spawn } from 'node:child_process';
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadCheckpointModel } from '../../../../electron/node/checkpoint-io/checkpoint-loader';
import { verifyCheckpoint } from '../../../../electron/node/checkpoint-io/checkpoint-reader';
import { openStore } from '../../../../electron/node/checkpoint-io/checkpoint-store';
import { crashTarget } from './crash-child';
import { makeTempDir } from './helpers';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../../..');
const childScript = path.join(here, 'crash-child.ts');

/** A kill at a chosen step: the child stops there and is killed once it says so. */
interface PauseKill {
  step: string;
  target: 'new' | 'latest';
  file?: string;
  /** What `latest` / the new target must hold after recovery: the checkpoint being written, or the one before. */
  expect: 'old' | 'new';
}

const PAUSES: PauseKill[] = [
  { step: 'temp-created', target: 'new', expect: 'old' },
  { step: 'file-written', target: 'new', file: 'model.json', expect: 'old' },
  { step: 'file-written', target: 'new', file: 'weights.bin', expect: 'old' },
  { step: 'file-written', target: 'new', file: 'checkpoint.json', expect: 'old' },
  { step: 'temp-synced', target: 'new', expect: 'old' },
  { step: 'new-in-place', target: 'new', expect: 'new' },
  { step: 'temp-created', target: 'latest', expect: 'old' },
  { step: 'file-written', target: 'latest', file: 'weights.bin', expect: 'old' },
  { step: 'file-written', target: 'latest', file: 'checkpoint.json', expect: 'old' },
  { step: 'temp-synced', target: 'latest', expect: 'old' },
  { step: 'old-moved-aside', target: 'latest', expect: 'new' },
  { step: 'new-in-place', target: 'latest', expect: 'new' },
  { step: 'parent-synced', target: 'latest', expect: 'new' },
];
const RANDOM_KILLS = 18;
/** Random kills of a child writing on the checkpoint writer thread, as ModelCheckpoint does. */
const THREAD_KILLS = 8;
const MAX_RANDOM_DELAY_MS = 40;

/** What the parent knows from the child's progress lines, across all the rounds of one root. */
class Ledger {
  /** New checkpoints finished and not being removed: epoch -> dir. */
  readonly kept = new Map<number, string>();
  /** Removals begun (the checkpoint may still be there, complete) and finished. */
  readonly removing = new Set<number>();
  readonly removed = new Set<number>();
  /** Epochs `latest` may hold now. */
  latestAllowed = new Set<number>();
  /** A new checkpoint begun and not finished in the last round. */
  inFlightNew: number | null = null;
  /** Whether a write of `latest` ever finished (before that, `latest` may be absent). */
  latestWritten = false;
  nextEpoch = 0;

  constructor(private readonly root: string) {}

  read(line: string): void {
    const [word, a, b] = line.split(' ');
    if (word === 'begin') {
      const epoch = Number(b);
      this.nextEpoch = epoch + 1;
      if (a === 'new') this.inFlightNew = epoch;
      else this.latestAllowed.add(epoch);
    } else if (word === 'done') {
      const epoch = Number(b);
      if (a === 'new') {
        this.kept.set(epoch, crashTarget(this.root, epoch).dir);
        this.inFlightNew = null;
      } else {
        this.latestAllowed = new Set([epoch]);
        this.latestWritten = true;
      }
    } else if (word === 'removing') {
      this.kept.delete(Number(a));
      this.removing.add(Number(a));
    } else if (word === 'removed') {
      this.removing.delete(Number(a));
      this.removed.add(Number(a));
    }
  }
}

interface RoundResult {
  lines: string[];
  paused: { step: string; epoch: number } | null;
}

/** Runs the child from `ledger.nextEpoch` and kills it at a pause or after `delayMs` past `ready`. */
type Kill = { pause: PauseKill } | { delayMs: number; viaThread?: boolean };

function runAndKill(root: string, ledger: Ledger, kill: Kill): Promise<RoundResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, CRASH_ROOT: root, CRASH_START_EPOCH: String(ledger.nextEpoch) };
  if ('viaThread' in kill && kill.viaThread === true) env.CRASH_VIA_THREAD = '1';
  delete env.NODE_OPTIONS;
  if ('pause' in kill) {
    env.CRASH_PAUSE_STEP = kill.pause.step;
    env.CRASH_PAUSE_TARGET = kill.pause.target;
    if (kill.pause.file !== undefined) env.CRASH_PAUSE_FILE = kill.pause.file;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', childScript], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let paused: RoundResult['paused'] = null;
  let pending = '';
  let stderr = '';
  let killed = false;
  const killNow = (): void => {
    if (!killed) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  const watchdog = setTimeout(killNow, 20_000);
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      ledger.read(line);
      if (line === 'ready' && 'delayMs' in kill) setTimeout(killNow, kill.delayMs);
      if (line.startsWith('paused ')) {
        const [, step, epoch] = line.split(' ');
        paused = { step, epoch: Number(epoch) };
        killNow();
      }
    }
  });
  return new Promise((resolve, reject) => {
    child.on('close', (code, signal) => {
      clearTimeout(watchdog);
      if (signal !== 'SIGKILL' || !killed) {
        reject(new Error(`crash child ended by itself (code ${code}, signal ${signal}): ${stderr}`));
      } else if (!lines.includes('ready')) {
        reject(new Error(`crash child was killed before it was ready (watchdog): ${stderr}`));
      } else {
        resolve({ lines, paused });
      }
    });
  });
}

/** Every path under `root`, relative. */
async function walk(root: string): Promise<{ dirsWithFiles: Set<string>; entries: string[] }> {
  const dirsWithFiles = new Set<string>();
  const entries: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await nodeFs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      entries.push(path.relative(root, full));
      if (entry.isDirectory()) await visit(full);
      else dirsWithFiles.add(dir);
    }
  };
  await visit(root);
  return { dirsWithFiles, entries };
}

/** Loads the checkpoint and checks its weights are epoch e's (each weight i filled with e + i/100). */
async function expectLoadsAsEpoch(dir: string, epoch: number): Promise<void> {
  const model = await loadCheckpointModel(dir);
  try {
    const firsts = model.weights.map((w) => (w.read().dataSync() as Float32Array)[0]);
    expect(firsts).toEqual(model.weights.map((_, i) => Math.fround(epoch + i / 100)));
  } finally {
    model.dispose();
    model.optimizer?.dispose();
  }
}

/** Recovers the store after a kill and checks every promise of the atomic writer. */
async function checkAfterKill(root: string, ledger: Ledger, round: RoundResult, pause?: PauseKill): Promise<void> {
  const store = await openStore(root);
  expect(store.unreadable).toEqual([]);

  const { dirsWithFiles, entries } = await walk(root);
  expect(entries.filter((e) => /\.wb(tmp|old|del)-/.test(path.basename(e)))).toEqual([]);
  // Every folder holding files is a listed, complete checkpoint: nothing half-written anywhere.
  expect([...dirsWithFiles].sort()).toEqual(store.checkpoints.map((c) => c.dir).sort());

  const listed = new Map(store.checkpoints.map((c) => [c.dir, c]));
  for (const checkpoint of store.checkpoints) {
    const sidecar = await verifyCheckpoint(checkpoint.dir);
    await expectLoadsAsEpoch(checkpoint.dir, sidecar.epoch);
  }
  for (const [epoch, dir] of ledger.kept) {
    expect(listed.get(dir)?.sidecar.epoch, `finished checkpoint e${epoch} must be intact`).toBe(epoch);
  }
  for (const epoch of ledger.removed) expect(listed.has(crashTarget(root, epoch).dir)).toBe(false);
  for (const checkpoint of store.checkpoints) {
    if (checkpoint.id === 'latest') continue;
    const epoch = checkpoint.sidecar.epoch;
    expect(checkpoint.dir).toBe(crashTarget(root, epoch).dir);
    expect(ledger.kept.has(epoch) || ledger.removing.has(epoch) || ledger.inFlightNew === epoch).toBe(true);
  }

  const latest = listed.get(path.join(root, 'latest'));
  if (ledger.latestWritten) expect(latest, 'latest must exist once a write of it finished').toBeDefined();
  if (latest !== undefined) expect(ledger.latestAllowed.has(latest.sidecar.epoch)).toBe(true);

  if (pause !== undefined && round.paused !== null) {
    const epoch = round.paused.epoch;
    const dir = crashTarget(root, epoch).dir;
    if (pause.target === 'latest') {
      expect(latest?.sidecar.epoch).toBe(pause.expect === 'new' ? epoch : epoch - 2);
      if (pause.step === 'old-moved-aside') expect(store.sweep.rolledForward).toEqual([dir]);
    } else {
      expect(listed.has(dir)).toBe(pause.expect === 'new');
    }
  }

  // What recovery settled is now the baseline of the next round.
  if (latest !== undefined) ledger.latestAllowed = new Set([latest.sidecar.epoch]);
  if (ledger.inFlightNew !== null) {
    const dir = crashTarget(root, ledger.inFlightNew).dir;
    if (listed.has(dir)) ledger.kept.set(ledger.inFlightNew, dir);
    ledger.inFlightNew = null;
  }
  for (const epoch of [...ledger.removing]) {
    if (!listed.has(crashTarget(root, epoch).dir)) {
      ledger.removing.delete(epoch);
      ledger.removed.add(epoch);
    }
  }
}

describe('atomic checkpoint writes under SIGKILL', () => {
  const roots: { dir: string; cleanup: () => Promise<void> }[] = [];

  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  afterAll(async () => {
    for (const root of roots) await root.cleanup();
  });

  it(`leaves only complete checkpoints after ${PAUSES.length} kills at chosen steps, ${RANDOM_KILLS} at random instants and ${THREAD_KILLS} during writes on the writer thread`, async () => {
    const lane = async (kills: Kill[]): Promise<number> => {
      const tmp = await makeTempDir();
      roots.push(tmp);
      const ledger = new Ledger(tmp.dir);
      let midWrite = 0;
      for (const kill of kills) {
        const round = await runAndKill(tmp.dir, ledger, kill);
        const last = round.lines.filter((l) => l.startsWith('begin') || l.startsWith('done')).at(-1);
        if (last?.startsWith('begin')) midWrite += 1;
        const tensors = tf.memory().numTensors;
        await checkAfterKill(tmp.dir, ledger, round, 'pause' in kill ? kill.pause : undefined);
        if ('pause' in kill) expect(round.paused?.step).toBe(kill.pause.step);
        expect(tf.memory().numTensors).toBe(tensors);
      }
      return midWrite;
    };
    const randomKills = Array.from({ length: RANDOM_KILLS }, (_, i) => ({
      delayMs: Math.round(((i * 7919) % 97) / 97 * MAX_RANDOM_DELAY_MS),
    }));
    const threadKills = randomKills.slice(0, THREAD_KILLS).map((kill) => ({ ...kill, viaThread: true }));
    const [pausedMidWrite, randomMidWrite, threadMidWrite] = await Promise.all([
      lane(PAUSES.map((pause) => ({ pause }))),
      lane(randomKills),
      lane(threadKills),
    ]);
    expect(pausedMidWrite).toBe(PAUSES.length);
    // Most random kills land inside a write (writing is nearly all the child does).
    expect(randomMidWrite).toBeGreaterThanOrEqual(RANDOM_KILLS / 2);
    expect(threadMidWrite).toBeGreaterThanOrEqual(THREAD_KILLS / 2);
  }, 120_000);
});
