/**
 * The path a person copies for a checkpoint: the contract names checkpoints by id (relative to
 * their run's `checkpoints/` folder), and runs are folders of the workspace (`system:info`
 * tells where). Written with the workspace's own separator; relative to the workspace while it
 * is unknown.
 *
 * @example checkpointCopyPath('/home/ada/TrainingWorkbench', 'r1', 'epoch03-0.1234')
 *   -> '/home/ada/TrainingWorkbench/r1/checkpoints/epoch03-0.1234'
 * @example checkpointCopyPath('C:\\Users\\ada\\TrainingWorkbench\\', 'r1', 'top/epoch03')
 *   -> 'C:\\Users\\ada\\TrainingWorkbench\\r1\\checkpoints\\top\\epoch03'
 * @example checkpointCopyPath(null, 'r1', 'epoch03') -> 'r1/checkpoints/epoch03'
 */
export function checkpointCopyPath(workspace: string | null, runId: string, checkpointId: string): string {
  const windows = workspace !== null && workspace.includes('\\') && !workspace.includes('/');
  const separator = windows ? '\\' : '/';
  const parts = [runId, 'checkpoints', ...checkpointId.split('/')];
  if (workspace === null || workspace === '') return parts.join('/');
  return [workspace.replace(/[\\/]+$/, ''), ...parts].join(separator);
}
