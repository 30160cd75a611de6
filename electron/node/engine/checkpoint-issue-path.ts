/**
 * Where in a run configuration a ModelCheckpoint error belongs, so the form can show it next to
 * the control it is about. ModelCheckpoint validates its options itself (the rules live in one
 * place) and names the option in its message; its option names are the run configuration's
 * `checkpoint.*` keys.
 */
import { checkpointPolicySchema } from '../../../shared/run-config';

const POLICY_KEYS = new Set(Object.keys(checkpointPolicySchema.shape));

/**
 * The config path of a ModelCheckpoint error message: `checkpoint.<option>` for the option it
 * names (Keras's `save_freq` is `saveFreq`), else `checkpoint`.
 *
 * @example checkpointIssuePath("ModelCheckpoint option 'saveTopK' must be an integer >= 0, ...") -> 'checkpoint.saveTopK'
 * @example checkpointIssuePath('Unrecognized save_freq: 2.5. Expected save_freq are ...') -> 'checkpoint.saveFreq'
 * @example checkpointIssuePath("ModelCheckpoint option 'baseDir' must be a directory path; ...") -> 'checkpoint'
 * @example checkpointIssuePath('ModelCheckpoint cannot tell whether monitor ...') -> 'checkpoint'
 */
export function checkpointIssuePath(message: string): string {
  const option = /^ModelCheckpoint option '([A-Za-z]+)'/.exec(message)?.[1] ?? (/^Unrecognized save_freq\b/.test(message) ? 'saveFreq' : null);
  return option !== null && POLICY_KEYS.has(option) ? `checkpoint.${option}` : 'checkpoint';
}
