import { describe, expect, it } from 'vitest';
import { checkPlainData } from '../../shared/check-plain-data';

describe('checkPlainData', () => {
  it('accepts the documented plain request', () => {
    expect(checkPlainData({ runId: 'a', inputs: [[0, 1]] })).toBeNull();
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a missing optional field', { lastRunConfig: undefined }],
    ['a null-prototype object', Object.assign(Object.create(null), { a: 1 })],
    ['nesting at the limit', { a: { b: { c: 1 } } }],
  ])('accepts %s', (_name, value) => {
    expect(checkPlainData(value, { maxDepth: 3 })).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['the documented __proto__ key', JSON.parse('{"config":{"__proto__":{"x":1}}}'), "config.__proto__: the key '__proto__' is not allowed"],
    ['the documented Date', { when: new Date(0) }, 'when: a Date is not plain data'],
    ['a prototype key in an array item', { items: [{ prototype: {} }] }, "items[0].prototype: the key 'prototype' is not allowed"],
    ['a function', { f: () => 1 }, 'f: a function is not plain data'],
    ['a bigint', { n: 1n }, 'n: a bigint is not plain data'],
    ['a Map', { m: new Map() }, 'm: a Map is not plain data'],
    ['Infinity', [Infinity], '[0]: Infinity is not a finite number'],
    ['a symbol key', { [Symbol('s')]: 1 }, '(request): symbol keys are not plain data'],
    ['an accessor', Object.defineProperty({}, 'x', { get: () => 1, enumerable: true }), 'x: an accessor property is not plain data'],
  ])('refuses %s', (_name, value, problem) => {
    expect(checkPlainData(value)).toBe(problem);
  });

  it('refuses nesting one level past the limit, as documented', () => {
    expect(checkPlainData({ a: { b: 1 } }, { maxDepth: 1 })).toBe('a.b: nested deeper than 1 levels');
  });

  it('refuses a cycle', () => {
    const cycle: Record<string, unknown> = {};
    cycle.next = cycle;
    expect(checkPlainData(cycle, { maxDepth: 4 })).toBe('next.next.next.next.next: nested deeper than 4 levels');
  });

  it('refuses too many values, counting a sparse array by its length', () => {
    expect(checkPlainData({ a: new Array(11) }, { maxValues: 10 })).toBe('a: more than 10 values in all');
  });

  it('refuses a string that is too long', () => {
    expect(checkPlainData({ s: 'x'.repeat(11) }, { maxStringLength: 10 })).toBe('s: a string longer than 10 characters');
  });

  it('checks a legitimately large prediction request', () => {
    const inputs = Array.from({ length: 64 }, () => new Array(100_000).fill(0.5));
    expect(checkPlainData({ runId: 'r', checkpointId: 'c', inputs })).toBeNull();
  });
});
