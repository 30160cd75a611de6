/**
 * Formatting checkpoint paths from templates, exactly as Keras 3's `ModelCheckpoint._get_file_path`:
 * Python `str.format` with `epoch` (1-based), `batch` (1-based, batch-level saves only, unless the
 * batch logs carry their own `batch`) and every log key as keyword arguments.
 */
import { WorkbenchError } from '../../../shared/errors';
import type { LogRecord } from '../../../shared/checkpoint-record';
import { PyInt } from '../python-format/py-int';
import { pyFormat } from '../python-format/str-format';
import { PythonFormatError } from '../python-format/python-format-error';
import type { PyValue } from '../python-format/py-value';

/** A template Python could not format with these logs; `pyType` is the exception Python raises. */
export class CheckpointPathError extends WorkbenchError {
  constructor(message: string, readonly pyType: string) {
    super('FORMAT', message, { pyType });
  }
}

/**
 * Formats a checkpoint path. `epoch` and `batch` are 0-based here and 1-based in the result.
 * Errors are Python's (same inputs, same exception); a missing key carries Keras's message.
 *
 * @example formatCheckpointPath('epoch{epoch:02d}-{val_loss:.4f}', 4, null, { val_loss: 0.125 }) -> 'epoch05-0.1250'
 * @example formatCheckpointPath('e{epoch}-l{loss}', 0, null, { loss: 3 }) -> 'e1-l3.0'
 * @example formatCheckpointPath('ckpt-{epoch:02d}-{batch:02d}', 0, 2, { loss: 0.5 }) -> 'ckpt-01-03'
 * @example formatCheckpointPath('m-{val_loss:.2f}', 0, null, { loss: 1 }) -> throws
 *   'Failed to format this callback filepath: "m-{val_loss:.2f}". Reason: \'val_loss\''
 */
export function formatCheckpointPath(template: string, epoch: number, batch: number | null, logs: LogRecord): string {
  if (Object.prototype.hasOwnProperty.call(logs, 'epoch')) {
    // Keras passes epoch=... and **logs to str.format: Python refuses the duplicate keyword.
    throw new CheckpointPathError("str.format() got multiple values for keyword argument 'epoch'", 'TypeError');
  }
  const kwargs: Record<string, PyValue> = { epoch: new PyInt(epoch + 1) };
  if (batch !== null && !Object.prototype.hasOwnProperty.call(logs, 'batch')) {
    kwargs.batch = new PyInt(batch + 1);
  }
  for (const [key, value] of Object.entries(logs)) kwargs[key] = value;
  try {
    return pyFormat(template, kwargs);
  } catch (error) {
    if (!(error instanceof PythonFormatError)) throw error;
    if (error.pyType === 'KeyError') {
      throw new CheckpointPathError(
        `Failed to format this callback filepath: "${template}". Reason: ${error.message}`,
        'KeyError',
      );
    }
    throw new CheckpointPathError(error.message, error.pyType);
  }
}

/**
 * The leading directories of a template that contain no replacement field: where `last` and
 * listings live. Empty when the first component is already templated.
 *
 * @example templateRootDir('ckpt/epoch{epoch:02d}') -> 'ckpt'
 * @example templateRootDir('out/e{epoch:02d}/model') -> 'out'
 * @example templateRootDir('best') -> ''
 */
export function templateRootDir(template: string): string {
  const parts = template.split(/[\\/]/);
  parts.pop();
  const fixed: string[] = [];
  for (const part of parts) {
    if (part.includes('{') || part.includes('}')) break;
    fixed.push(part);
  }
  return fixed.join('/');
}
