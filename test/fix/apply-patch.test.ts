import type { Operation } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';

import { applyPatchToText, applyToValue, detectFormatting, PatchError } from '../../src/fix/apply-patch.js';
import { JsonDocument } from '../../src/parse/json-document.js';

const lines = (...rows: string[]): string => rows.join('\n');

const DOCUMENT = lines(
  '{',
  '  "first": 1,',
  '  "middle": "two",',
  '  "list": [',
  '    "a",',
  '    "b",',
  '    "c"',
  '  ],',
  '  "inline": [1, 2, 3],',
  '  "nested": {',
  '    "only": true',
  '  },',
  '  "last": null',
  '}',
  '',
);

function patched(text: string, operations: Operation[]): string {
  return applyPatchToText(text, operations);
}

/** Replaces `search` once in `text`, to build an expected output. */
function edit(text: string, search: string, replacement: string): string {
  expect(text.includes(search), `missing ${JSON.stringify(search)}`).toBe(true);
  return text.replace(search, replacement);
}

describe('applyPatchToText replace', () => {
  it.each([
    ['a number', '/first', 10, '"first": 1,', '"first": 10,'],
    ['a string', '/middle', 'TWO', '"middle": "two"', '"middle": "TWO"'],
    ['an array item', '/list/1', 'B', '"b",', '"B",'],
    ['an item of a one-line array', '/inline/2', 30, '[1, 2, 3]', '[1, 2, 30]'],
    ['a nested value', '/nested/only', false, '"only": true', '"only": false'],
    ['null with a string', '/last', 'x', '"last": null', '"last": "x"'],
  ])('changes only %s', (_name, path, value, search, replacement) => {
    const output = patched(DOCUMENT, [{ op: 'replace', path, value }]);
    expect(output).toBe(edit(DOCUMENT, search, replacement));
  });

  it('replaces a value with an object in the file indentation', () => {
    const output = patched(DOCUMENT, [{ op: 'replace', path: '/last', value: { a: 1 } }]);
    expect(output).toBe(edit(DOCUMENT, '"last": null', '"last": {\n    "a": 1\n  }'));
  });

  it('reads escaped pointers', () => {
    const text = '{"a~b": {"c/d": 1}}';
    expect(patched(text, [{ op: 'replace', path: '/a~0b/c~1d', value: 2 }])).toBe('{"a~b": {"c/d": 2}}');
  });

  it('treats numeric keys of objects as keys', () => {
    expect(patched('{"a": {"0": 1}}', [{ op: 'replace', path: '/a/0', value: 3 }])).toBe('{"a": {"0": 3}}');
  });
});

describe('applyPatchToText add', () => {
  it('adds a member after the last one', () => {
    const output = patched(DOCUMENT, [{ op: 'add', path: '/nested/more', value: 'x' }]);
    expect(output).toBe(edit(DOCUMENT, '"only": true\n', '"only": true,\n    "more": "x"\n'));
  });

  it('adds a member that already exists as a replacement', () => {
    const output = patched(DOCUMENT, [{ op: 'add', path: '/first', value: 2 }]);
    expect(output).toBe(edit(DOCUMENT, '"first": 1,', '"first": 2,'));
  });

  it.each([
    ['at the start', '/list/0', '[\n    "new",\n    "a",'],
    ['in the middle', '/list/1', '"a",\n    "new",\n    "b",'],
    ['at the end with -', '/list/-', '"c",\n    "new"\n  ],'],
  ])('inserts an array item %s', (_name, path, expectedFragment) => {
    const output = patched(DOCUMENT, [{ op: 'add', path, value: 'new' }]);
    expect(output).toContain(expectedFragment);
    expect(JsonDocument.parse(output).value).toMatchObject({ first: 1, last: null, inline: [1, 2, 3] });
    expect(output.split('\n').length).toBe(DOCUMENT.split('\n').length + 1);
  });

  it('inserts into an empty array', () => {
    const output = patched('{\n  "a": []\n}\n', [{ op: 'add', path: '/a/-', value: 1 }]);
    expect(JsonDocument.parse(output).value).toEqual({ a: [1] });
    expect(output.endsWith('}\n')).toBe(true);
  });

  it('adds to an empty document', () => {
    expect(patched('{}', [{ op: 'add', path: '/a', value: 1 }])).toBe('{\n  "a": 1\n}');
  });

  it('adds into an object inside an array', () => {
    const text = lines('{', '  "a": [', '    {', '      "x": 1', '    }', '  ]', '}');
    const output = patched(text, [{ op: 'add', path: '/a/0/y', value: 2 }]);
    expect(output).toBe(edit(text, '"x": 1\n', '"x": 1,\n      "y": 2\n'));
  });
});

describe('applyPatchToText remove', () => {
  it.each([
    ['the first member', '/first', '  "first": 1,\n', ''],
    ['a middle member', '/middle', '  "middle": "two",\n', ''],
    ['the last member', '/last', ',\n  "last": null', ''],
    ['the only member', '/nested/only', '{\n    "only": true\n  }', '{}'],
    ['the first item', '/list/0', '"a",\n    ', ''],
    ['a middle item', '/list/1', '"b",\n    ', ''],
    ['the last item', '/list/2', ',\n    "c"', ''],
    ['the first item of a one-line array', '/inline/0', '1, ', ''],
    ['a middle item of a one-line array', '/inline/1', '2, ', ''],
    ['the last item of a one-line array', '/inline/2', ', 3', ''],
  ])('removes %s', (_name, path, search, replacement) => {
    const output = patched(DOCUMENT, [{ op: 'remove', path }]);
    expect(output).toBe(edit(DOCUMENT, search, replacement));
  });

  it('removes the only item of an array', () => {
    expect(patched('{"a": [1]}', [{ op: 'remove', path: '/a/0' }])).toBe('{"a": []}');
  });

  it('removes a whole nested object', () => {
    const output = patched(DOCUMENT, [{ op: 'remove', path: '/nested' }]);
    expect(output).toBe(edit(DOCUMENT, '  "nested": {\n    "only": true\n  },\n', ''));
  });

  it('removes every copy of a duplicated key', () => {
    expect(patched('{"a": 1, "a": 2}', [{ op: 'remove', path: '/a' }])).toBe('{}');
  });
});

describe('applyPatchToText move, copy and test', () => {
  it('moves a member', () => {
    const output = patched(DOCUMENT, [{ op: 'move', from: '/middle', path: '/nested/middle' }]);
    expect(JsonDocument.parse(output).value).toEqual({
      first: 1,
      list: ['a', 'b', 'c'],
      inline: [1, 2, 3],
      nested: { only: true, middle: 'two' },
      last: null,
    });
    expect(output).toContain('    "only": true,\n    "middle": "two"\n');
    expect(output).not.toContain('  "middle": "two",\n  "list"');
  });

  it('moves an array item', () => {
    const output = patched(DOCUMENT, [{ op: 'move', from: '/list/0', path: '/list/-' }]);
    expect((JsonDocument.parse(output).value as { list: string[] }).list).toEqual(['b', 'c', 'a']);
  });

  it('copies a subtree', () => {
    const output = patched(DOCUMENT, [{ op: 'copy', from: '/nested', path: '/copy' }]);
    const value = JsonDocument.parse(output).value as Record<string, unknown>;
    expect(value.copy).toEqual({ only: true });
    expect(value.nested).toEqual({ only: true });
    expect(output.startsWith(DOCUMENT.slice(0, DOCUMENT.indexOf('  "last": null')))).toBe(true);
  });

  it('passes a test that holds and applies the rest', () => {
    const output = patched(DOCUMENT, [
      { op: 'test', path: '/first', value: 1 },
      { op: 'replace', path: '/first', value: 5 },
    ]);
    expect(output).toBe(edit(DOCUMENT, '"first": 1,', '"first": 5,'));
  });

  it('applies several operations in order', () => {
    const output = patched(DOCUMENT, [
      { op: 'remove', path: '/first' },
      { op: 'replace', path: '/middle', value: 'changed' },
      { op: 'add', path: '/nested/added', value: 1 },
    ]);
    expect(output).toBe(
      edit(
        edit(edit(DOCUMENT, '  "first": 1,\n', ''), '"middle": "two"', '"middle": "changed"'),
        '"only": true\n',
        '"only": true,\n    "added": 1\n',
      ),
    );
  });
});

describe('applyPatchToText formatting', () => {
  it('keeps 4-space indentation', () => {
    const text = lines('{', '    "a": {', '        "b": 1', '    }', '}');
    const output = patched(text, [{ op: 'add', path: '/a/c', value: { x: [1] } }]);
    expect(output).toBe(
      lines('{', '    "a": {', '        "b": 1,', '        "c": {', '            "x": [', '                1', '            ]', '        }', '    }', '}'),
    );
  });

  it('keeps tab indentation', () => {
    const text = '{\n\t"a": {\n\t\t"b": 1\n\t}\n}\n';
    const output = patched(text, [{ op: 'add', path: '/a/c', value: { x: 1 } }]);
    expect(output).toBe('{\n\t"a": {\n\t\t"b": 1,\n\t\t"c": {\n\t\t\t"x": 1\n\t\t}\n\t}\n}\n');
  });

  it('keeps CRLF line endings when adding', () => {
    const text = '{\r\n  "a": {\r\n    "b": 1\r\n  }\r\n}\r\n';
    const output = patched(text, [{ op: 'add', path: '/a/c', value: { x: 1 } }]);
    expect(output).toBe('{\r\n  "a": {\r\n    "b": 1,\r\n    "c": {\r\n      "x": 1\r\n    }\r\n  }\r\n}\r\n');
  });

  it('keeps CRLF line endings when removing', () => {
    const text = '{\r\n  "a": 1,\r\n  "b": 2\r\n}\r\n';
    expect(patched(text, [{ op: 'remove', path: '/a' }])).toBe('{\r\n  "b": 2\r\n}\r\n');
    expect(patched(text, [{ op: 'remove', path: '/b' }])).toBe('{\r\n  "a": 1\r\n}\r\n');
  });

  it('keeps a byte order mark when replacing and adding', () => {
    const text = '\ufeff{\n  "a": 1,\n  "b": 2\n}\n';
    expect(patched(text, [{ op: 'replace', path: '/b', value: 3 }])).toBe('\ufeff{\n  "a": 1,\n  "b": 3\n}\n');
    expect(patched(text, [{ op: 'add', path: '/c', value: 3 }])).toBe('\ufeff{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n');
  });

  it('keeps a byte order mark when removing the first member', () => {
    const text = '\ufeff{\n  "a": 1,\n  "b": 2\n}\n';
    expect(patched(text, [{ op: 'remove', path: '/a' }])).toBe('\ufeff{\n  "b": 2\n}\n');
  });

  it('keeps a missing final newline', () => {
    const text = '{\n  "a": 1\n}';
    expect(patched(text, [{ op: 'replace', path: '/a', value: 2 }])).toBe('{\n  "a": 2\n}');
    expect(patched(text, [{ op: 'add', path: '/b', value: 2 }])).toBe('{\n  "a": 1,\n  "b": 2\n}');
  });

  it('keeps the key order', () => {
    const text = '{\n  "z": 1,\n  "a": 2\n}\n';
    expect(patched(text, [{ op: 'replace', path: '/z', value: 3 }])).toBe('{\n  "z": 3,\n  "a": 2\n}\n');
  });
});

describe('applyPatchToText invalid patches', () => {
  it.each([
    ['removing a missing member', [{ op: 'remove', path: '/missing' }], 'Invalid patch: Cannot perform the operation at a path that does not exist'],
    ['replacing a missing member', [{ op: 'replace', path: '/missing', value: 1 }], 'Invalid patch: Cannot perform the operation at a path that does not exist'],
    ['adding past the end of an array', [{ op: 'add', path: '/list/9', value: 1 }], 'Invalid patch: The specified index MUST NOT be greater than the number of elements in the array'],
    ['an unknown operation', [{ op: 'merge', path: '/first', value: 1 }], 'Invalid patch: Operation `op` property is not one of operations defined in RFC-6902'],
    ['a failed test', [{ op: 'test', path: '/first', value: 2 }, { op: 'remove', path: '/first' }], 'Invalid patch: Test operation failed'],
    ['adding under a missing parent', [{ op: 'add', path: '/missing/child', value: 1 }], 'Invalid patch: Cannot perform an `add` operation at the desired path'],
  ])('rejects %s', (_name, operations, message) => {
    let caught: unknown;
    try {
      patched(DOCUMENT, operations as Operation[]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(PatchError);
    expect((caught as PatchError).name).toBe('PatchError');
    expect((caught as PatchError).message).toBe(message);
  });

  it('refuses an edit whose text would not match the value', () => {
    expect(() => patched('{"a": 1, "a": 2}', [{ op: 'replace', path: '/a', value: 3 }])).toThrow(
      'The patched text does not match the patched value, so the patch was not applied.',
    );
  });

  it('leaves the input text alone', () => {
    const text = `${DOCUMENT}`;
    expect(() => patched(text, [{ op: 'remove', path: '/missing' }])).toThrow(PatchError);
    expect(text).toBe(DOCUMENT);
  });

  it('throws the syntax error of invalid input text', () => {
    expect(() => patched('{"a": 1,}', [{ op: 'remove', path: '/a' }])).toThrow('Expected a property name');
  });
});

describe('applyToValue', () => {
  it('applies to a copy', () => {
    const value = { a: { b: 1 } };
    expect(applyToValue(value, [{ op: 'replace', path: '/a/b', value: 2 }])).toEqual({ a: { b: 2 } });
    expect(value).toEqual({ a: { b: 1 } });
  });

  it('rejects invalid operations with a PatchError', () => {
    expect(() => applyToValue({}, [{ op: 'remove', path: '/a' }])).toThrow(PatchError);
  });
});

describe('detectFormatting', () => {
  it.each([
    ['{\n  "a": 1\n}', { insertSpaces: true, tabSize: 2, eol: '\n' }],
    ['{\n    "a": 1\n}', { insertSpaces: true, tabSize: 4, eol: '\n' }],
    ['{\n\t"a": 1\n}', { insertSpaces: false, tabSize: 1, eol: '\n' }],
    ['{\r\n  "a": 1\r\n}', { insertSpaces: true, tabSize: 2, eol: '\r\n' }],
    ['{"a": 1}', { insertSpaces: true, tabSize: 2, eol: '\n' }],
  ])('reads %j', (text, expected) => {
    expect(detectFormatting(JsonDocument.parse(text))).toEqual(expected);
  });
});

describe('applyPatchToText on one-line containers', () => {
  it('appends to a one-line array in place', () => {
    const text = '{\n  "subnets": ["a", "b"],\n  "x": 1\n}\n';
    const output = applyPatchToText(text, [{ op: 'add', path: '/subnets/-', value: 'c' }]);
    expect(output).toBe('{\n  "subnets": ["a", "b", "c"],\n  "x": 1\n}\n');
  });

  it('inserts before an item of a one-line array', () => {
    const text = '{\n  "r": ["EC2"]\n}\n';
    const output = applyPatchToText(text, [{ op: 'add', path: '/r/0', value: 'FARGATE' }]);
    expect(output).toBe('{\n  "r": ["FARGATE", "EC2"]\n}\n');
  });

  it('adds a member to a one-line object in place', () => {
    const text = '{\n  "o": {"a": 1}\n}\n';
    const output = applyPatchToText(text, [{ op: 'add', path: '/o/b', value: { c: [1, 2] } }]);
    expect(output).toBe('{\n  "o": {"a": 1, "b": {"c": [1, 2]}}\n}\n');
  });
});
