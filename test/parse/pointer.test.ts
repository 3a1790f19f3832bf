import { describe, expect, it } from 'vitest';

import {
  escapePointerSegment,
  getAtPointer,
  isPlainObject,
  isPointerWithin,
  joinPointer,
  parsePointer,
  unescapePointerSegment,
} from '../../src/parse/pointer.js';

describe('pointer escaping', () => {
  it.each([
    ['plain', 'plain'],
    ['a/b', 'a~1b'],
    ['m~n', 'm~0n'],
    ['~1', '~01'],
    ['/~', '~1~0'],
    ['', ''],
  ])('escapes %j as %j and back', (segment, token) => {
    expect(escapePointerSegment(segment)).toBe(token);
    expect(unescapePointerSegment(token)).toBe(segment);
  });

  it('escapes numbers as their decimal text', () => {
    expect(escapePointerSegment(3)).toBe('3');
  });

  it('decodes ~01 to ~1, not to /', () => {
    expect(unescapePointerSegment('~01')).toBe('~1');
  });
});

describe('joinPointer and parsePointer', () => {
  it('joins escaped segments', () => {
    expect(joinPointer('/job_configuration', 'env', 'A/B', 0)).toBe('/job_configuration/env/A~1B/0');
    expect(joinPointer('')).toBe('');
  });

  it.each([
    ['', []],
    ['/', ['']],
    ['/a~1b/m~0n/0', ['a/b', 'm~n', '0']],
    ['/a//b', ['a', '', 'b']],
  ])('parses %j', (pointer, segments) => {
    expect(parsePointer(pointer)).toEqual(segments);
  });

  it('rejects a pointer without a leading slash', () => {
    expect(() => parsePointer('a/b')).toThrow(TypeError);
    expect(() => parsePointer('a/b')).toThrow('Invalid JSON Pointer "a/b": it must start with "/".');
  });
});

describe('getAtPointer', () => {
  const value = { 'a/b': { list: [10, { k: null }] }, '': 'empty key' };

  it.each([
    ['', value],
    ['/a~1b/list/0', 10],
    ['/a~1b/list/1/k', null],
    ['/', 'empty key'],
  ])('reads %j', (pointer, expected) => {
    expect(getAtPointer(value, pointer)).toEqual(expected);
  });

  it.each(['/a~1b/list/2', '/a~1b/list/01', '/a~1b/list/-', '/a~1b/list/0/x', '/missing', '/toString'])(
    'returns undefined for %j',
    (pointer) => {
      expect(getAtPointer(value, pointer)).toBeUndefined();
    },
  );
});

describe('isPointerWithin', () => {
  it.each([
    ['/a', '/a', true],
    ['/a/b', '/a', true],
    ['/ab', '/a', false],
    ['/a', '', true],
    ['', '/a', false],
  ])('%j within %j is %s', (pointer, ancestor, expected) => {
    expect(isPointerWithin(pointer, ancestor)).toBe(expected);
  });
});

describe('isPlainObject', () => {
  class Marker {}

  it.each([
    [{}, true],
    [Object.create(null), true],
    [[], false],
    [null, false],
    ['x', false],
    [new Marker(), false],
    [new Date(0), false],
  ])('%o is %s', (value, expected) => {
    expect(isPlainObject(value)).toBe(expected);
  });
});
