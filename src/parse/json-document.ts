import {
  type ParseErrorCode,
  printParseErrorCode,
  visit,
} from 'jsonc-parser';

import { escapePointerSegment } from './pointer.js';
import { LineIndex, type SourcePosition, type SourceRange } from './source-range.js';

/**
 * Templates nest about ten levels deep. The limit keeps every recursive
 * walker in this package (the parser, the renderer, the rules) far from the
 * JavaScript stack limit on hostile input.
 */
export const MAX_NESTING_DEPTH = 256;

export type JsonNodeKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/**
 * The location of one JSON value in the text, with its property name if it
 * has one. Lines and columns are 1-based, and the end column is exclusive.
 */
export interface JsonNodeLocation {
  kind: JsonNodeKind;
  offset: number;
  length: number;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  keyOffset?: number;
  keyLength?: number;
  keyLine?: number;
  keyColumn?: number;
}

/** A property name that occurs twice in one object; JSON.parse and Prefect keep the last. */
export interface DuplicateKey {
  pointer: string;
  key: string;
  firstKeyOffset: number;
  duplicateKeyOffset: number;
  keyLength: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

interface PendingKey {
  name: string;
  offset: number;
  length: number;
  line: number;
  column: number;
}

interface Frame {
  pointer: string;
  kind: 'object' | 'array';
  offset: number;
  line: number;
  column: number;
  index: number;
  keys: Map<string, number>;
  pendingKey?: PendingKey;
  key?: PendingKey;
}

/**
 * A parsed JSON document that keeps the source text, the value and the
 * location of every node by JSON Pointer. A leading byte order mark is
 * accepted and remembered so that writing the file back keeps it.
 */
export class JsonDocument {
  readonly hasBom: boolean;
  readonly text: string;
  readonly value: unknown;
  readonly duplicateKeys: DuplicateKey[];
  private readonly locations: Map<string, JsonNodeLocation>;
  private lineIndex: LineIndex | undefined;

  private constructor(
    text: string,
    hasBom: boolean,
    value: unknown,
    locations: Map<string, JsonNodeLocation>,
    duplicateKeys: DuplicateKey[],
  ) {
    this.text = text;
    this.hasBom = hasBom;
    this.value = value;
    this.locations = locations;
    this.duplicateKeys = duplicateKeys;
  }

  /** Parses strict JSON (no comments, no trailing commas); throws JsonSyntaxError. */
  static parse(source: string): JsonDocument {
    const hasBom = source.charCodeAt(0) === 0xfeff;
    const text = hasBom ? source.slice(1) : source;

    const { locations, duplicateKeys } = indexNodes(text);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      // The scanner accepted the text, so this is a rare disagreement such as
      // an unescaped control character; report it at the start.
      throw new JsonSyntaxError(
        `Invalid JSON: ${(error as Error).message}`,
        new LineIndex(text).positionAt(0),
      );
    }
    return new JsonDocument(text, hasBom, value, locations, duplicateKeys);
  }

  has(pointer: string): boolean {
    return this.locations.has(pointer);
  }

  nodeAt(pointer: string): JsonNodeLocation | undefined {
    return this.locations.get(pointer);
  }

  /** Returns the range of the value at `pointer`. */
  rangeOf(pointer: string): SourceRange | undefined {
    const node = this.locations.get(pointer);
    return node ? valueRange(node) : undefined;
  }

  /** Returns the range of the property name of the member at `pointer`, if it is one. */
  keyRangeOf(pointer: string): SourceRange | undefined {
    const node = this.locations.get(pointer);
    if (node?.keyOffset === undefined || node.keyLength === undefined) {
      return undefined;
    }
    const line = node.keyLine ?? node.line;
    const column = node.keyColumn ?? node.column;
    return {
      start: { line, column, offset: node.keyOffset },
      end: { line, column: column + node.keyLength, offset: node.keyOffset + node.keyLength },
    };
  }

  /**
   * Returns the range that best shows `pointer`: the member from its name to the end
   * of its value when it is an object member, else the value. A pointer that
   * does not exist falls back to its nearest existing ancestor.
   */
  locate(pointer: string): { pointer: string; range: SourceRange } {
    let current = pointer;
    for (;;) {
      const node = this.locations.get(current);
      if (node) {
        const range = valueRange(node);
        if (node.keyOffset !== undefined) {
          range.start = { line: node.keyLine ?? node.line, column: node.keyColumn ?? node.column, offset: node.keyOffset };
        }
        return { pointer: current, range };
      }
      if (current === '') {
        return { pointer: '', range: this.lines().rangeAt(0, 0) };
      }
      current = current.slice(0, current.lastIndexOf('/'));
    }
  }

  /** Returns the pointer of the innermost node that contains the 1-based position. */
  pointerAt(line: number, column: number): string | undefined {
    const offset = this.lines().offsetAt(line, column);
    let best: { pointer: string; length: number } | undefined;
    for (const [pointer, node] of this.locations) {
      const start = node.keyOffset ?? node.offset;
      const end = node.offset + node.length;
      if (offset >= start && offset < end) {
        const length = end - start;
        if (!best || length < best.length) {
          best = { pointer, length };
        }
      }
    }
    return best?.pointer;
  }

  positionAt(offset: number): SourcePosition {
    return this.lines().positionAt(offset);
  }

  /** The line ending that the file uses most: `\r\n` or `\n`. */
  get eol(): '\n' | '\r\n' {
    const crlf = this.text.split('\r\n').length - 1;
    const lf = this.text.split('\n').length - 1 - crlf;
    return crlf > lf ? '\r\n' : '\n';
  }

  private lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }
}

function valueRange(node: JsonNodeLocation): SourceRange {
  return {
    start: { line: node.line, column: node.column, offset: node.offset },
    end: { line: node.endLine, column: node.endColumn, offset: node.offset + node.length },
  };
}

function indexNodes(text: string): {
  locations: Map<string, JsonNodeLocation>;
  duplicateKeys: DuplicateKey[];
} {
  const locations = new Map<string, JsonNodeLocation>();
  const duplicateKeys: DuplicateKey[] = [];
  const stack: Frame[] = [];
  let firstError: { code: ParseErrorCode; offset: number } | undefined;

  const childSlot = (): { pointer: string; key?: PendingKey } => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      return { pointer: '' };
    }
    if (parent.kind === 'array') {
      return { pointer: `${parent.pointer}/${parent.index}` };
    }
    const key = parent.pendingKey;
    return { pointer: `${parent.pointer}/${escapePointerSegment(key?.name ?? '')}`, key };
  };

  const advance = (): void => {
    const parent = stack[stack.length - 1];
    if (parent?.kind === 'array') {
      parent.index++;
    }
  };

  // jsonc-parser reports 0-based lines and characters. A literal never spans
  // lines, because JSON strings cannot contain a raw line break, so its end
  // is on the start line.
  const record = (kind: JsonNodeKind, offset: number, length: number, line: number, character: number): void => {
    const slot = childSlot();
    locations.set(slot.pointer, {
      kind,
      offset,
      length,
      line: line + 1,
      column: character + 1,
      endLine: line + 1,
      endColumn: character + 1 + length,
      keyOffset: slot.key?.offset,
      keyLength: slot.key?.length,
      keyLine: slot.key?.line,
      keyColumn: slot.key?.column,
    });
    advance();
  };

  const open = (kind: 'object' | 'array', offset: number, line: number, character: number): void => {
    if (stack.length >= MAX_NESTING_DEPTH) {
      throw new JsonSyntaxError(`JSON nesting is deeper than ${MAX_NESTING_DEPTH} levels.`, {
        line: line + 1,
        column: character + 1,
        offset,
      });
    }
    const slot = childSlot();
    stack.push({
      pointer: slot.pointer,
      kind,
      offset,
      line: line + 1,
      column: character + 1,
      index: 0,
      keys: new Map(),
      key: slot.key,
    });
  };

  const close = (offset: number, length: number, line: number, character: number): void => {
    const frame = stack.pop();
    if (!frame) {
      return;
    }
    locations.set(frame.pointer, {
      kind: frame.kind,
      offset: frame.offset,
      length: offset + length - frame.offset,
      line: frame.line,
      column: frame.column,
      endLine: line + 1,
      endColumn: character + 1 + length,
      keyOffset: frame.key?.offset,
      keyLength: frame.key?.length,
      keyLine: frame.key?.line,
      keyColumn: frame.key?.column,
    });
    advance();
  };

  visit(
    text,
    {
      onObjectBegin: (offset, _length, line, character) => open('object', offset, line, character),
      onObjectEnd: (offset, length, line, character) => close(offset, length, line, character),
      onArrayBegin: (offset, _length, line, character) => open('array', offset, line, character),
      onArrayEnd: (offset, length, line, character) => close(offset, length, line, character),
      onObjectProperty: (name, offset, length, line, character) => {
        const frame = stack[stack.length - 1];
        if (!frame) {
          return;
        }
        const firstOffset = frame.keys.get(name);
        if (firstOffset !== undefined) {
          // The later member wins, so the earlier member's nodes go.
          forgetSubtree(locations, `${frame.pointer}/${escapePointerSegment(name)}`);
          duplicateKeys.push({
            pointer: `${frame.pointer}/${escapePointerSegment(name)}`,
            key: name,
            firstKeyOffset: firstOffset,
            duplicateKeyOffset: offset,
            keyLength: length,
          });
        } else {
          frame.keys.set(name, offset);
        }
        frame.pendingKey = { name, offset, length, line: line + 1, column: character + 1 };
      },
      onLiteralValue: (value: unknown, offset, length, line, character) => {
        record(literalKind(value), offset, length, line, character);
      },
      onError: (code, offset) => {
        firstError ??= { code, offset };
      },
    },
    { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false },
  );

  if (firstError) {
    const offset = refineStringErrorOffset(firstError.code, text, firstError.offset);
    throw new JsonSyntaxError(describeParseError(firstError.code, text, offset), new LineIndex(text).positionAt(offset));
  }
  return { locations, duplicateKeys };
}

function forgetSubtree(locations: Map<string, JsonNodeLocation>, pointer: string): void {
  for (const key of locations.keys()) {
    if (key === pointer || key.startsWith(pointer + '/')) {
      locations.delete(key);
    }
  }
}

function literalKind(value: unknown): JsonNodeKind {
  if (value === null) {
    return 'null';
  }
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    default:
      return 'boolean';
  }
}

/**
 * Moves a string error from the opening quote, where jsonc-parser reports
 * it, to the offending character: a bad escape, a control character, or the
 * end of the line.
 */
function refineStringErrorOffset(code: ParseErrorCode, text: string, offset: number): number {
  const name = printParseErrorCode(code);
  if (text[offset] !== '"') {
    return offset;
  }
  for (let i = offset + 1; i < text.length; i++) {
    const character = text.charCodeAt(i);
    if (character === 92) {
      const next = text[i + 1] ?? '';
      if (name === 'InvalidEscapeCharacter' && !/["\\/bfnrtu]/.test(next)) {
        return i + 1;
      }
      if (name === 'InvalidUnicode' && next === 'u') {
        return i;
      }
      i++;
    } else if (character === 34) {
      return offset;
    } else if (character < 0x20) {
      return i;
    }
  }
  return text.length;
}

const PARSE_ERROR_TEXT: Record<string, string> = {
  InvalidSymbol: 'Unexpected character',
  InvalidNumberFormat: 'Invalid number',
  PropertyNameExpected: 'Expected a property name in double quotes',
  ValueExpected: 'Expected a value',
  ColonExpected: "Expected ':' after the property name",
  CommaExpected: "Expected ',' between values",
  CloseBraceExpected: "Expected '}' to close the object",
  CloseBracketExpected: "Expected ']' to close the array",
  EndOfFileExpected: 'Unexpected text after the end of the JSON value',
  InvalidCommentToken: 'Comments are not allowed in JSON',
  UnexpectedEndOfComment: 'Comments are not allowed in JSON',
  UnexpectedEndOfString: 'Unterminated string',
  UnexpectedEndOfNumber: 'Invalid number',
  InvalidUnicode: 'Invalid unicode escape',
  InvalidEscapeCharacter: 'Invalid escape character in string',
  InvalidCharacter: 'Invalid character in string',
};

function describeParseError(code: ParseErrorCode, text: string, offset: number): string {
  const name = printParseErrorCode(code);
  const description = PARSE_ERROR_TEXT[name] ?? name;
  if (offset >= text.length) {
    return `${description}, but the file ends.`;
  }
  const character = text[offset];
  return character === undefined || /\s/.test(character)
    ? `${description}.`
    : `${description}, found ${JSON.stringify(character)}.`;
}
