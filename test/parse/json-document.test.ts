import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  JsonDocument,
  JsonSyntaxError,
  MAX_NESTING_DEPTH,
} from '../../src/parse/json-document.js';

// Each line is written out so that the expected columns can be counted by
// eye. The keys with `/` and `~` exercise pointer escaping.
const SAMPLE = [
  '{',
  '  "job_configuration": {',
  '    "a/b": "x",',
  '    "m~n": [1, {"k": true}]',
  '  },',
  '  "variables": {}',
  '}',
  '',
].join('\n');

function range(
  startLine: number,
  startColumn: number,
  endLine: number,
  endColumn: number,
): { start: { line: number; column: number }; end: { line: number; column: number } } {
  return {
    start: { line: startLine, column: startColumn },
    end: { line: endLine, column: endColumn },
  };
}

function lineColumns(value: ReturnType<JsonDocument['rangeOf']>): unknown {
  if (!value) {
    return undefined;
  }
  return range(value.start.line, value.start.column, value.end.line, value.end.column);
}

function parseError(text: string): JsonSyntaxError {
  try {
    JsonDocument.parse(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected a JsonSyntaxError for ${JSON.stringify(text)}`);
}

describe('JsonDocument value positions', () => {
  const document = JsonDocument.parse(SAMPLE);

  it.each([
    ['', range(1, 1, 7, 2)],
    ['/job_configuration', range(2, 24, 5, 4)],
    ['/job_configuration/a~1b', range(3, 12, 3, 15)],
    ['/job_configuration/m~0n', range(4, 12, 4, 28)],
    ['/job_configuration/m~0n/0', range(4, 13, 4, 14)],
    ['/job_configuration/m~0n/1', range(4, 16, 4, 27)],
    ['/job_configuration/m~0n/1/k', range(4, 22, 4, 26)],
    ['/variables', range(6, 16, 6, 18)],
  ])('value at %j', (pointer, expected) => {
    expect(lineColumns(document.rangeOf(pointer))).toEqual(expected);
  });

  it.each([
    ['/job_configuration', range(2, 3, 2, 22)],
    ['/job_configuration/a~1b', range(3, 5, 3, 10)],
    ['/job_configuration/m~0n', range(4, 5, 4, 10)],
    ['/job_configuration/m~0n/1/k', range(4, 17, 4, 20)],
    ['/variables', range(6, 3, 6, 14)],
  ])('key of %j', (pointer, expected) => {
    expect(lineColumns(document.keyRangeOf(pointer))).toEqual(expected);
  });

  it('has no key range for array items and the root', () => {
    expect(document.keyRangeOf('/job_configuration/m~0n/0')).toBeUndefined();
    expect(document.keyRangeOf('')).toBeUndefined();
  });

  it('has no range for a missing pointer', () => {
    expect(document.rangeOf('/job_configuration/a/b')).toBeUndefined();
    expect(document.has('/job_configuration/a/b')).toBe(false);
    expect(document.has('/job_configuration/a~1b')).toBe(true);
  });

  it('keeps offsets consistent with the text', () => {
    const node = document.nodeAt('/job_configuration/a~1b');
    expect(node?.kind).toBe('string');
    expect(SAMPLE.slice(node!.offset, node!.offset + node!.length)).toBe('"x"');
    expect(SAMPLE.slice(node!.keyOffset!, node!.keyOffset! + node!.keyLength!)).toBe('"a/b"');
  });

  it.each([
    ['', 'object'],
    ['/job_configuration/m~0n', 'array'],
    ['/job_configuration/m~0n/0', 'number'],
    ['/job_configuration/m~0n/1/k', 'boolean'],
    ['/job_configuration/a~1b', 'string'],
  ])('node kind at %j', (pointer, kind) => {
    expect(document.nodeAt(pointer)?.kind).toBe(kind);
  });

  it('records null literals', () => {
    const parsed = JsonDocument.parse('{"a": null}');
    expect(parsed.nodeAt('/a')?.kind).toBe('null');
    expect(lineColumns(parsed.rangeOf('/a'))).toEqual(range(1, 7, 1, 11));
  });

  it('escapes ~ before / in keys', () => {
    const parsed = JsonDocument.parse('{"~1": 1, "/": 2, "~": 3, "": 4}');
    expect(parsed.has('/~01')).toBe(true);
    expect(parsed.has('/~1')).toBe(true);
    expect(parsed.has('/~0')).toBe(true);
    expect(parsed.has('/')).toBe(true);
    expect(lineColumns(parsed.rangeOf('/~01'))).toEqual(range(1, 8, 1, 9));
    expect(lineColumns(parsed.rangeOf('/~1'))).toEqual(range(1, 16, 1, 17));
    expect(lineColumns(parsed.rangeOf('/'))).toEqual(range(1, 31, 1, 32));
  });

  it('counts columns in UTF-16 code units', () => {
    const parsed = JsonDocument.parse('{"é😀": "x", "b": 1}');
    // The key "é😀" is 5 code units with its quotes, because the emoji is two.
    expect(lineColumns(parsed.keyRangeOf('/é😀'))).toEqual(range(1, 2, 1, 7));
    expect(lineColumns(parsed.rangeOf('/b'))).toEqual(range(1, 19, 1, 20));
  });
});

describe('JsonDocument.locate', () => {
  const document = JsonDocument.parse(SAMPLE);

  it('spans a member from its key to the end of its value', () => {
    const located = document.locate('/job_configuration/a~1b');
    expect(located.pointer).toBe('/job_configuration/a~1b');
    expect(lineColumns(located.range)).toEqual(range(3, 5, 3, 15));
  });

  it('spans an array item as its value', () => {
    const located = document.locate('/job_configuration/m~0n/1');
    expect(lineColumns(located.range)).toEqual(range(4, 16, 4, 27));
  });

  it('falls back to the nearest existing ancestor', () => {
    const located = document.locate('/job_configuration/missing/deeper');
    expect(located.pointer).toBe('/job_configuration');
    expect(lineColumns(located.range)).toEqual(range(2, 3, 5, 4));
  });

  it('falls back to the root for an unknown top-level key', () => {
    const located = document.locate('/nope');
    expect(located.pointer).toBe('');
    expect(lineColumns(located.range)).toEqual(range(1, 1, 7, 2));
  });
});

describe('JsonDocument.pointerAt', () => {
  const document = JsonDocument.parse(SAMPLE);

  it.each([
    [1, 1, ''],
    [2, 3, '/job_configuration'],
    [2, 24, '/job_configuration'],
    [3, 5, '/job_configuration/a~1b'],
    [3, 11, '/job_configuration/a~1b'],
    [3, 13, '/job_configuration/a~1b'],
    [4, 13, '/job_configuration/m~0n/0'],
    [4, 14, '/job_configuration/m~0n'],
    [4, 17, '/job_configuration/m~0n/1/k'],
    [4, 23, '/job_configuration/m~0n/1/k'],
    [4, 26, '/job_configuration/m~0n/1'],
    [6, 17, '/variables'],
    [7, 1, ''],
  ])('line %i column %i is %j', (line, column, pointer) => {
    expect(document.pointerAt(line, column)).toBe(pointer);
  });

  it('returns undefined past the end of the text', () => {
    expect(document.pointerAt(8, 1)).toBeUndefined();
    expect(document.pointerAt(100, 1)).toBeUndefined();
  });
});

describe('JsonDocument duplicate keys', () => {
  it('reports both offsets and keeps the last value', () => {
    const text = '{"a": 1, "a": 2}';
    const document = JsonDocument.parse(text);
    expect(document.value).toEqual({ a: 2 });
    expect(document.duplicateKeys).toEqual([
      {
        pointer: '/a',
        key: 'a',
        firstKeyOffset: 1,
        duplicateKeyOffset: 9,
        keyLength: 3,
      },
    ]);
    expect(lineColumns(document.rangeOf('/a'))).toEqual(range(1, 15, 1, 16));
    expect(lineColumns(document.keyRangeOf('/a'))).toEqual(range(1, 10, 1, 13));
  });

  it('names nested duplicates with an escaped pointer', () => {
    const text = '{"x/y": {"k": 1, "z": 0, "k": 2, "k": 3}}';
    const document = JsonDocument.parse(text);
    expect(document.duplicateKeys.map((d) => [d.pointer, d.firstKeyOffset, d.duplicateKeyOffset])).toEqual([
      ['/x~1y/k', 9, 25],
      ['/x~1y/k', 9, 33],
    ]);
    expect(document.value).toEqual({ 'x/y': { k: 3, z: 0 } });
  });

  it('does not mix keys of sibling objects', () => {
    const document = JsonDocument.parse('{"a": {"k": 1}, "b": {"k": 2}}');
    expect(document.duplicateKeys).toEqual([]);
  });

  it('locates the duplicate in the stored fixture', () => {
    const text = readFileSync(new URL('../../fixtures/invalid/duplicate-keys.json', import.meta.url), 'utf8');
    const document = JsonDocument.parse(text);
    expect(document.duplicateKeys).toHaveLength(1);
    const [duplicate] = document.duplicateKeys;
    expect(duplicate?.pointer).toBe('/job_configuration/task_run_request/launchType');
    expect(document.positionAt(duplicate!.firstKeyOffset).line).toBe(13);
    expect(document.positionAt(duplicate!.duplicateKeyOffset).line).toBe(14);
    expect(
      (document.value as { job_configuration: { task_run_request: { launchType: string } } })
        .job_configuration.task_run_request.launchType,
    ).toBe('FARGATE');
  });
});

describe('JsonDocument byte order mark and line endings', () => {
  it('accepts and remembers a BOM', () => {
    const document = JsonDocument.parse('\ufeff{"a": 1}');
    expect(document.hasBom).toBe(true);
    expect(document.text).toBe('{"a": 1}');
    expect(document.value).toEqual({ a: 1 });
    expect(lineColumns(document.rangeOf('/a'))).toEqual(range(1, 7, 1, 8));
  });

  it('reports no BOM when there is none', () => {
    expect(JsonDocument.parse('{}').hasBom).toBe(false);
  });

  it('counts CRLF as one line break', () => {
    const text = '{\r\n  "a": [\r\n    1\r\n  ]\r\n}\r\n';
    const document = JsonDocument.parse(text);
    expect(document.eol).toBe('\r\n');
    expect(lineColumns(document.rangeOf('/a/0'))).toEqual(range(3, 5, 3, 6));
    expect(lineColumns(document.rangeOf('/a'))).toEqual(range(2, 8, 4, 4));
    expect(document.pointerAt(3, 5)).toBe('/a/0');
  });

  it('counts a lone CR as a line break', () => {
    const document = JsonDocument.parse('{"a":\r"x"}');
    expect(lineColumns(document.rangeOf('/a'))).toEqual(range(2, 1, 2, 4));
  });

  it('picks the line ending used most', () => {
    expect(JsonDocument.parse('{\n"a": 1\n}').eol).toBe('\n');
    expect(JsonDocument.parse('{\r\n"a": 1\r\n,"b": 2\n}').eol).toBe('\r\n');
    expect(JsonDocument.parse('{}').eol).toBe('\n');
  });
});

describe('JsonDocument syntax errors', () => {
  it.each([
    ['trailing comma in an object', '{"a": 1,}', 1, 9, 'Expected a property name in double quotes, found "}".'],
    ['trailing comma in an array', '[1, 2,]', 1, 7, 'Expected a value, found "]".'],
    ['line comment', '{\n  // note\n  "a": 1\n}', 2, 3, 'Comments are not allowed in JSON, found "/".'],
    ['block comment', '/* note */ {}', 1, 1, 'Comments are not allowed in JSON, found "/".'],
    ['truncated array', '{"a": [1, 2', 1, 12, "Expected ']' to close the array, but the file ends."],
    ['truncated object', '{\n  "a": 1\n', 3, 1, "Expected '}' to close the object, but the file ends."],
    ['empty text', '', 1, 1, 'Expected a value, but the file ends.'],
    ['only whitespace', '\n\n', 3, 1, 'Expected a value, but the file ends.'],
    ['a second value', '{"a": 1} {}', 1, 10, 'Unexpected text after the end of the JSON value, found "{".'],
    ['a stray word', '{"a": 1} x', 1, 10, 'Unexpected character, found "x".'],
    ['missing colon', '{"a" 1}', 1, 6, 'Expected \':\' after the property name, found "1".'],
    ['unquoted key', '{a: 1}', 1, 2, 'Unexpected character, found "a".'],
    ['missing comma', '[1\n 2]', 2, 2, 'Expected \',\' between values, found "2".'],
  ])('%s', (_name, text, line, column, message) => {
    const error = parseError(text);
    expect(error.name).toBe('JsonSyntaxError');
    expect(error.position.line).toBe(line);
    expect(error.position.column).toBe(column);
    expect(error.message).toBe(message);
  });

  it('reports the trailing comma fixture on the closing brace', () => {
    const text = readFileSync(new URL('../../fixtures/invalid/trailing-comma.json', import.meta.url), 'utf8');
    const error = parseError(text);
    expect(error.position).toMatchObject({ line: 14, column: 5 });
  });

  it('rejects a raw control character in a string', () => {
    const error = parseError('{\n  "a": "x\u0001y"\n}');
    expect(error.position.line).toBe(2);
  });

  it('keeps the offset of the error', () => {
    const error = parseError('{"a": 1,}');
    expect(error.position.offset).toBe(8);
  });
});

describe('JsonDocument nesting limit', () => {
  it('accepts nesting up to the limit', () => {
    const text = '['.repeat(MAX_NESTING_DEPTH) + ']'.repeat(MAX_NESTING_DEPTH);
    const document = JsonDocument.parse(text);
    expect(Array.isArray(document.value)).toBe(true);
  });

  it('rejects 100,000 nested arrays with an error, not a crash', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + ']'.repeat(depth);
    const error = parseError(text);
    expect(error.message).toBe(`JSON nesting is deeper than ${MAX_NESTING_DEPTH} levels.`);
    expect(error.position).toEqual({
      line: 1,
      column: MAX_NESTING_DEPTH + 1,
      offset: MAX_NESTING_DEPTH,
    });
  });

  it('rejects deep objects the same way', () => {
    const depth = 5_000;
    const text = '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
    const error = parseError(text);
    expect(error.message).toContain(`${MAX_NESTING_DEPTH} levels`);
  });

  it('ignores brackets inside strings', () => {
    const text = JSON.stringify({ a: '['.repeat(1_000), b: '{'.repeat(1_000) });
    expect(JsonDocument.parse(text).value).toEqual({ a: '['.repeat(1_000), b: '{'.repeat(1_000) });
  });

  it('ignores escaped quotes when counting depth', () => {
    const text = `{"a": "\\"[[[[", "b": [1]}`;
    expect(JsonDocument.parse(text).value).toEqual({ a: '"[[[[', b: [1] });
  });
});

describe('JsonDocument large input', () => {
  it('parses a 5 MB document and locates its last node', () => {
    const entries: Record<string, { name: string; values: number[] }> = {};
    const count = 60_000;
    for (let index = 0; index < count; index++) {
      entries[`key${index}`] = { name: `container-${index}`, values: [index, index + 1] };
    }
    const text = JSON.stringify({ job_configuration: entries }, null, 2);
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);

    const started = performance.now();
    const document = JsonDocument.parse(text);
    const elapsed = performance.now() - started;

    const last = `/job_configuration/key${count - 1}/values/1`;
    expect(document.has(last)).toBe(true);
    const position = document.rangeOf(last)!.start;
    expect(text.split('\n')[position.line - 1]?.trim()).toBe(String(count));
    // Generous bound: catches quadratic behaviour, not machine speed.
    expect(elapsed).toBeLessThan(15_000);
  });
});
