import type { PyInt } from './py-int';

/**
 * A value that `formatValue` and `pyFormat` can format, and the Python type it stands for:
 * - `PyInt`: a Python `int` (epoch and batch numbers).
 * - `number`: a Python `float` (every Keras log value; `3` renders as `3.0`).
 * - `string`: a Python `str`.
 * - `readonly number[]`: a non-scalar metric, formatted like a 1-D `numpy.ndarray` of floats:
 *   the empty spec renders `[0.5, 0.25]`, any other spec raises numpy's `TypeError`.
 */
export type PyValue = PyInt | number | string | readonly number[];
