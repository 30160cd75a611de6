/**
 * The workspace's runs on disk: one folder per run with `run.json` (rewritten atomically),
 * `history.jsonl` (one line per epoch, flushed as the epoch ends) and `checkpoints/`.
 */
import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { mkdir, open, readdir, readFile, realpath, rename, rmdir, stat } from 'node:fs/promises';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { CHECKPOINT_FILES } from '../../../shared/checkpoint-record';
import type { HistoryEntry, RunRecord } from '../../../shared/run-record';
import { CheckpointNotFoundError, ConfigError, WorkbenchError } from '../../../shared/errors';

/** File names inside a run folder. */
export const RUN_FILES = { record: 'run.json', history: 'history.jsonl', checkpoints: 'checkpoints' } as const;

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** A run that cannot be found or read. */
export class RunNotFoundError extends WorkbenchError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** Reads and writes the runs of one workspace folder. */
export class RunStore {
  /** Absolute workspace folder. */
  readonly workspace: string;

  constructor(workspace: string, private readonly isActive: (runId: string) => boolean = () => false) {
    this.workspace = nodePath.resolve(workspace);
  }

  /** A run's folder. Refuses ids that are not plain folder names. */
  runDir(runId: string): string {
    if (!RUN_ID.test(runId)) throw new ConfigError(`'${runId}' is not a run id (a folder name of letters, digits, '.', '_' or '-').`);
    return nodePath.join(this.workspace, runId);
  }

  /** A run's checkpoints folder. */
  checkpointsDir(runId: string): string {
    return nodePath.join(this.runDir(runId), RUN_FILES.checkpoints);
  }

  /**
   * The folder of checkpoint `checkpointId` (a path relative to the run's checkpoints folder),
   * confined to that folder: `..`, absolute paths and symlinks out of it are refused.
   */
  checkpointDir(runId: string, checkpointId: string): string {
    const root = this.checkpointsDir(runId);
    const dir = nodePath.resolve(root, checkpointId);
    if (checkpointId.includes('\0') || nodePath.isAbsolute(checkpointId) || !dir.startsWith(root + nodePath.sep)) {
      throw new CheckpointNotFoundError(`'${checkpointId}' is not a checkpoint id of run ${runId} (ids are paths inside its checkpoints folder).`);
    }
    return dir;
  }

  /**
   * The real, absolute folder of an existing checkpoint: {@link checkpointDir}, with symlinks
   * resolved and still inside the run's checkpoints folder, and holding a `checkpoint.json` (a
   * folder without one is a half-written checkpoint or no checkpoint at all). For showing it to a
   * person (the desktop app's reveal), never for writing.
   */
  async locateCheckpoint(runId: string, checkpointId: string): Promise<string> {
    const dir = this.checkpointDir(runId, checkpointId);
    const notFound = (why: string) => new CheckpointNotFoundError(`No checkpoint '${checkpointId}' in run ${runId}: ${why}.`);
    let real: string;
    let root: string;
    try {
      [real, root] = await Promise.all([realpath(dir), realpath(this.checkpointsDir(runId))]);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw notFound('its folder does not exist');
      throw error;
    }
    if (!real.startsWith(root + nodePath.sep)) throw notFound('its folder links outside the run\'s checkpoints folder');
    const sidecar = await stat(nodePath.join(real, CHECKPOINT_FILES.sidecar)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null;
      throw error;
    });
    if (!sidecar?.isFile()) throw notFound(`its folder has no ${CHECKPOINT_FILES.sidecar}`);
    return real;
  }

  /** Creates a new, unique run folder named after the time and a slug, and returns its id. */
  async createRunFolder(slug: string, now = new Date()): Promise<string> {
    await mkdir(this.workspace, { recursive: true });
    const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const clean = slug.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'run';
    for (let attempt = 0; attempt < 1000; attempt++) {
      const id = attempt === 0 ? `${stamp}-${clean}` : `${stamp}-${clean}-${attempt + 1}`;
      try {
        await mkdir(nodePath.join(this.workspace, id));
        await mkdir(nodePath.join(this.workspace, id, RUN_FILES.checkpoints));
        return id;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    throw new ConfigError(`Cannot create a run folder in ${this.workspace}: too many runs named ${stamp}-${clean}.`);
  }

  /** Writes `run.json` atomically (temporary sibling, fsync, rename). */
  async writeRecord(record: RunRecord): Promise<void> {
    const dir = this.runDir(record.id);
    const target = nodePath.join(dir, RUN_FILES.record);
    const temp = nodePath.join(dir, `.run.json.tmp-${process.pid}`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(`${JSON.stringify(record, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  }

  /** Same as {@link writeRecord}, synchronously: for the last word of a process being interrupted. */
  writeRecordSync(record: RunRecord): void {
    const dir = this.runDir(record.id);
    const temp = nodePath.join(dir, `.run.json.tmp-${process.pid}`);
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(record, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, nodePath.join(dir, RUN_FILES.record));
  }

  /** Reads a run's record, with `interrupted` reported for a run whose process is gone. */
  async readRecord(runId: string): Promise<RunRecord> {
    const file = nodePath.join(this.runDir(runId), RUN_FILES.record);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new RunNotFoundError(`No run '${runId}' in ${this.workspace} (no ${RUN_FILES.record}). List runs with 'workbench runs'.`);
      }
      throw error;
    }
    let record: RunRecord;
    try {
      record = JSON.parse(text) as RunRecord;
    } catch (error) {
      throw new RunNotFoundError(`${file} is not valid JSON (${(error as Error).message}); the run cannot be read.`);
    }
    return this.withLiveness(record);
  }

  /** Every readable run of the workspace, newest first. Unreadable folders are skipped. */
  async listRecords(): Promise<RunRecord[]> {
    let entries: string[];
    try {
      entries = await readdir(this.workspace);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const records: RunRecord[] = [];
    for (const entry of entries) {
      if (!RUN_ID.test(entry)) continue;
      try {
        if (!(await stat(nodePath.join(this.workspace, entry, RUN_FILES.record))).isFile()) continue;
        records.push(await this.readRecord(entry));
      } catch {
        // A folder that is not a readable run is not ours to report here.
      }
    }
    return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }

  /** Appends one epoch to `history.jsonl` and flushes it to disk before returning. */
  appendHistory(runId: string, entry: HistoryEntry): void {
    const fd = openSync(nodePath.join(this.runDir(runId), RUN_FILES.history), 'a');
    try {
      writeSync(fd, `${JSON.stringify(entry)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  /** A run's history. A torn last line (a crash mid-write) is ignored. */
  async readHistory(runId: string): Promise<HistoryEntry[]> {
    let text: string;
    try {
      text = await readFile(nodePath.join(this.runDir(runId), RUN_FILES.history), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const entries: HistoryEntry[] = [];
    for (const line of text.split('\n')) {
      if (!line.trim()) continue;
      try {
        entries.push(JSON.parse(line) as HistoryEntry);
      } catch {
        break;
      }
    }
    return entries;
  }

  /** Keeps only the history of epochs before `epoch` (resuming from an earlier checkpoint), atomically. */
  async truncateHistory(runId: string, epoch: number): Promise<void> {
    const kept = (await this.readHistory(runId)).filter((entry) => entry.epoch < epoch);
    const dir = this.runDir(runId);
    const temp = nodePath.join(dir, `.history.jsonl.tmp-${process.pid}`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(kept.map((entry) => `${JSON.stringify(entry)}\n`).join(''));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, nodePath.join(dir, RUN_FILES.history));
  }

  /**
   * Removes a run folder that holds nothing yet (a start that failed before training): only empty
   * folders are removed (`rmdir`), so a folder with anything in it stays as it is.
   */
  async removeEmptyRun(runId: string): Promise<void> {
    await rmdir(this.checkpointsDir(runId)).catch(() => {});
    await rmdir(this.runDir(runId)).catch(() => {});
  }

  private withLiveness(record: RunRecord): RunRecord {
    if (record.status !== 'running') return record;
    if (this.isActive(record.id)) return record;
    if (record.pid !== null && record.pid !== process.pid && isAlive(record.pid) && record.host === os.hostname()) return record;
    return { ...record, status: 'interrupted' };
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
