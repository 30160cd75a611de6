/**
 * Retention bookkeeping for `saveTopK`: which checkpoints the callback wrote, ranked by the
 * monitored value, and which fall out. Pure: it decides, the callback deletes.
 */
import type { TopKEntry } from '../../../shared/checkpoint-record';
import { compareForRanking, type MonitorMode } from '../../../shared/monitor-direction';

/** The outcome of planning one save against the table. */
export interface TopKPlan {
  /** The table after the save, best first. */
  table: TopKEntry[];
  /** Entries that fell out and must be deleted (never the new one). */
  evicted: TopKEntry[];
}

/**
 * Ranks entries best first; equal values keep their age order (older first), so a tie never
 * displaces an earlier checkpoint.
 */
export function rankEntries(entries: readonly TopKEntry[], mode: MonitorMode): TopKEntry[] {
  return [...entries].sort((a, b) => compareForRanking(a.value, b.value, mode));
}

/**
 * Whether a candidate would be kept by a top-k policy. `k` -1 keeps everything; an entry at the
 * same path is replaced, so it does not count against the candidate.
 *
 * @example wouldKeep([{path:'a',value:0.5,epoch:0,batch:null}], {path:'b',value:0.4,epoch:1,batch:null}, 1, 'min') -> true
 * @example wouldKeep([{path:'a',value:0.5,epoch:0,batch:null}], {path:'b',value:0.5,epoch:1,batch:null}, 1, 'min') -> false
 */
export function wouldKeep(table: readonly TopKEntry[], candidate: TopKEntry, k: number, mode: MonitorMode): boolean {
  if (k < 0) return true;
  if (k === 0) return false;
  const others = rankEntries(table.filter((entry) => entry.path !== candidate.path), mode);
  if (others.length < k) return true;
  const worstKept = others[k - 1];
  return compareForRanking(candidate.value, worstKept.value, mode) < 0;
}

/**
 * Adds (or replaces, by path) an entry and evicts what falls out of the top k.
 *
 * @example planSave([{path:'a',value:0.5,...},{path:'b',value:0.3,...}], {path:'c',value:0.4,...}, 2, 'min')
 *   -> { table: [b, c], evicted: [a] }
 */
export function planSave(table: readonly TopKEntry[], entry: TopKEntry, k: number, mode: MonitorMode): TopKPlan {
  const next = rankEntries([...table.filter((existing) => existing.path !== entry.path), entry], mode);
  if (k < 0 || next.length <= k) return { table: next, evicted: [] };
  const limit = Math.max(k, 1);
  const kept = next.slice(0, limit);
  if (!kept.includes(entry)) {
    // Callers check wouldKeep first; never delete the checkpoint that was just written.
    kept[limit - 1] = entry;
  }
  return { table: kept, evicted: next.filter((existing) => !kept.includes(existing)) };
}
