import { describe, expect, it } from 'vitest';

import { pythonRepr, pythonStr } from '../../src/render/python-str.js';

describe('pythonStr', () => {
  it.each([
    [null, 'None'],
    [true, 'True'],
    [false, 'False'],
    [0, '0'],
    [1024, '1024'],
    [-3, '-3'],
    [1.5, '1.5'],
    ['text', 'text'],
    ["it's", "it's"],
    ['', ''],
    [{}, '{}'],
    [[], '[]'],
    [{ a: 1 }, "{'a': 1}"],
    [{ a: 1, b: 'x' }, "{'a': 1, 'b': 'x'}"],
    [[1, 'x', null, true, false], "[1, 'x', None, True, False]"],
    [{ k: { n: [true] } }, "{'k': {'n': [True]}}"],
    [[{ capacityProvider: 'FARGATE', weight: 1 }], "[{'capacityProvider': 'FARGATE', 'weight': 1}]"],
  ])('str(%j) is %j', (value, expected) => {
    expect(pythonStr(value)).toBe(expected);
  });

  it('prints a top-level string as is, without quotes or escapes', () => {
    expect(pythonStr('a\nb\\c"d')).toBe('a\nb\\c"d');
  });
});

describe('pythonRepr of nested strings', () => {
  it.each([
    ['plain', "'plain'"],
    ["it's", `"it's"`],
    ['say "hi"', `'say "hi"'`],
    [`both ' and "`, `'both \\' and "'`],
    ['back\\slash', "'back\\\\slash'"],
    ['line\nbreak', "'line\\nbreak'"],
    ['tab\there', "'tab\\there'"],
    ['cr\r', "'cr\\r'"],
    ['\u0000', "'\\x00'"],
    ['\u001f', "'\\x1f'"],
    ['\u007f', "'\\x7f'"],
    ['café', "'café'"],
    ['名前', "'名前'"],
  ])('repr(%j) is %s', (text, expected) => {
    expect(pythonRepr(text)).toBe(expected);
  });

  it('quotes dictionary keys the same way', () => {
    expect(pythonStr({ "it's": 'x', 'a"b': "c'd" })).toBe(`{"it's": 'x', 'a"b': "c'd"}`);
  });

  it('prints undefined as None', () => {
    expect(pythonRepr(undefined)).toBe('None');
  });
});
