import type { PyValue } from './py-value';
import { pyRepr } from './py-repr';

/**
 * Python's `str()`: a str unchanged, anything else as `pyRepr` (for float and int, Python's
 * `str` and `repr` agree).
 *
 * @example pyStr(3) -> '3.0'
 * @example pyStr('val_loss') -> 'val_loss'
 */
export function pyStr(value: PyValue): string {
  return typeof value === 'string' ? value : pyRepr(value);
}
