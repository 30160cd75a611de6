/**
 * A Python `int`, as opposed to a plain JS `number`, which this module treats as a Python
 * `float`. Keras passes `epoch` and `batch` to `str.format` as ints and every log value as a
 * float, so `{epoch}` renders `3` while `{loss}` with the same value renders `3.0`.
 *
 * @example formatValue(new PyInt(3), '02d') -> '03'
 * @example formatValue(new PyInt(10n ** 20n), ',') -> '100,000,000,000,000,000,000'
 */
export class PyInt {
  /**
   * @param value The integer. A `number` must be an integer (`Number.isInteger`); a `bigint`
   *   holds any size, as a Python int does.
   * @throws RangeError when `value` is a `number` that is not an integer.
   */
  constructor(readonly value: bigint | number) {
    if (typeof value === 'number' && !Number.isInteger(value)) {
      throw new RangeError(
        `PyInt needs an integer, got ${value}; pass a plain number instead to format it as a Python float`,
      );
    }
  }

  /** The value as a `bigint` (a `-0` number becomes `0n`, as Python ints have no negative zero). */
  toBigInt(): bigint {
    return typeof this.value === 'bigint' ? this.value : BigInt(this.value);
  }
}
