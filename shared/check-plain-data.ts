/**
 * A shape-independent check of data from an untrusted side (the renderer), run before a request is
 * validated against its channel's schema. The schemas check known fields; this also covers what
 * they let through untouched (`config: unknown`): prototype-pollution keys, cycles, absurd nesting
 * or sizes, and values that are not plain data (class instances, typed arrays, functions).
 */

/** Limits of {@link checkPlainData}. */
export interface PlainDataLimits {
  /**
   * Deepest nesting: the value itself is at depth 0, its fields and items at depth 1, and so on.
   * Also stops cycles. Defaults to 32.
   */
  maxDepth?: number;
  /**
   * Most values in all (every object, array, string, number, ...). The largest legitimate request,
   * `inference:predict` with 64 inputs of 100,000 numbers, holds about 6.4 million. Defaults to 8,000,000.
   */
  maxValues?: number;
  /** Longest string, in UTF-16 code units. Defaults to 1,000,000. */
  maxStringLength?: number;
}

/** Keys that reach an object's prototype when assigned or merged. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Checks that `value` is plain data: `null`, `undefined`, booleans, finite numbers, strings, arrays
 * and plain objects (prototype `Object.prototype` or `null`), within the limits, with no key
 * `__proto__`, `constructor` or `prototype`. Returns `null` when it is, else what is wrong and where.
 *
 * @example checkPlainData({ runId: 'a', inputs: [[0, 1]] }) -> null
 * @example checkPlainData(JSON.parse('{"config":{"__proto__":{"x":1}}}'))
 *   -> "config.__proto__: the key '__proto__' is not allowed"
 * @example checkPlainData({ when: new Date(0) }) -> 'when: a Date is not plain data'
 * @example checkPlainData({ a: { b: 1 } }, { maxDepth: 1 }) -> 'a.b: nested deeper than 1 levels'
 */
export function checkPlainData(value: unknown, limits: PlainDataLimits = {}): string | null {
  const maxDepth = limits.maxDepth ?? 32;
  const maxValues = limits.maxValues ?? 8_000_000;
  const maxStringLength = limits.maxStringLength ?? 1_000_000;
  let count = 0;

  /** A container still to be walked; paths are only spelled out for the message, when needed. */
  interface Pending {
    value: object;
    depth: number;
    parent: Pending | null;
    key: string | number;
  }
  const pathOf = (pending: Pending | null, key?: string | number): string => {
    const keys: (string | number)[] = key === undefined ? [] : [key];
    for (let at = pending; at !== null && at.parent !== null; at = at.parent) keys.unshift(at.key);
    const path = keys.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
    return path === '' ? '(request)' : path;
  };

  /** Checks a value that is not a container; returns the problem, 'container' to walk it, or null. */
  const leafProblem = (current: unknown): string | null | 'container' => {
    if (current === null || current === undefined || typeof current === 'boolean') return null;
    if (typeof current === 'number') return Number.isFinite(current) ? null : `${current} is not a finite number`;
    if (typeof current === 'string') return current.length > maxStringLength ? `a string longer than ${maxStringLength} characters` : null;
    if (typeof current !== 'object') return `a ${typeof current} is not plain data`;
    return 'container';
  };

  const stack: Pending[] = [];
  // Returns the problem with `child`, or pushes it when it is a container to walk.
  const visit = (child: unknown, parent: Pending | null, key: string | number, depth: number): string | null => {
    count += 1;
    if (count > maxValues) return `${pathOf(parent, key)}: more than ${maxValues} values in all`;
    if (depth > maxDepth) return `${pathOf(parent, key)}: nested deeper than ${maxDepth} levels`;
    const problem = leafProblem(child);
    if (problem === null) return null;
    if (problem !== 'container') return `${pathOf(parent, key)}: ${problem}`;
    stack.push({ value: child as object, depth, parent, key });
    return null;
  };

  // Iterative walk: a hostile payload must not be able to overflow the stack of the checker itself.
  const rootProblem = visit(value, null, '', 0);
  if (rootProblem !== null) return rootProblem;
  while (stack.length > 0) {
    const item = stack.pop() as Pending;
    const current = item.value;
    if (Array.isArray(current)) {
      if (Object.getPrototypeOf(current) !== Array.prototype) return `${pathOf(item)}: an array subclass is not plain data`;
      // Checked before walking, so a sparse array with a huge length costs nothing.
      if (count + current.length > maxValues) return `${pathOf(item)}: more than ${maxValues} values in all`;
      for (let index = 0; index < current.length; index += 1) {
        const problem = visit(current[index], item, index, item.depth + 1);
        if (problem !== null) return problem;
      }
      continue;
    }
    const proto = Object.getPrototypeOf(current);
    if (proto !== Object.prototype && proto !== null) {
      const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
      return `${pathOf(item)}: a ${typeof name === 'string' && name ? name : 'class instance'} is not plain data`;
    }
    if (Object.getOwnPropertySymbols(current).length > 0) return `${pathOf(item)}: symbol keys are not plain data`;
    const keys = Object.getOwnPropertyNames(current);
    if (count + keys.length > maxValues) return `${pathOf(item)}: more than ${maxValues} values in all`;
    for (const key of keys) {
      if (FORBIDDEN_KEYS.has(key)) return `${pathOf(item, key)}: the key '${key}' is not allowed`;
      const descriptor = Object.getOwnPropertyDescriptor(current, key) as PropertyDescriptor;
      if (!('value' in descriptor)) return `${pathOf(item, key)}: an accessor property is not plain data`;
      const problem = visit(descriptor.value, item, key, item.depth + 1);
      if (problem !== null) return problem;
    }
  }
  return null;
}
