import { applyEdits, modify, type FormattingOptions, type JSONPath } from 'jsonc-parser';
import fastJsonPatch, { type Operation } from 'fast-json-patch';

import { JsonDocument } from '../parse/json-document.js';
import { getAtPointer, parsePointer } from '../parse/pointer.js';

const { applyPatch, validate } = fastJsonPatch;

export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}

/**
 * Applies an RFC 6902 patch to JSON text, changing only the bytes the
 * operations need: indentation, key order, line endings, a byte order mark
 * and the final newline stay as they were. The patch is first validated and
 * applied to the parsed value with fast-json-patch; the edited text must
 * parse to exactly that value, or a PatchError is thrown and nothing is
 * returned.
 */
export function applyPatchToText(text: string, operations: readonly Operation[]): string {
  // Offsets in JsonDocument do not count a byte order mark, so edits are
  // made on the text without it and the mark is put back at the end.
  const bom = text.charCodeAt(0) === 0xfeff ? '\ufeff' : '';
  const original = JsonDocument.parse(text);
  const expected = applyToValue(original.value, operations);
  const formatting = detectFormatting(original);

  let current = original.text;
  try {
    for (const operation of operations) {
      current = applyOperation(current, operation, formatting);
    }
  } catch (error) {
    if (error instanceof PatchError) {
      throw error;
    }
    throw new PatchError(`The patch could not be applied to the text: ${(error as Error).message}`);
  }

  let edited: JsonDocument;
  try {
    edited = JsonDocument.parse(current);
  } catch (error) {
    throw new PatchError(`The patched text is not valid JSON: ${(error as Error).message}`);
  }
  if (JSON.stringify(edited.value) !== JSON.stringify(expected)) {
    throw new PatchError('The patched text does not match the patched value, so the patch was not applied.');
  }
  return bom + current;
}

/** Applies the patch to a copy of `value` after validating it; throws PatchError. */
export function applyToValue(value: unknown, operations: readonly Operation[]): unknown {
  const copy = structuredClone(value);
  try {
    const problem = validate([...operations], copy);
    if (problem) {
      throw new PatchError(`Invalid patch: ${problem.message.split('\n')[0] ?? problem.name}`);
    }
    return applyPatch(copy, [...operations], true, true).newDocument;
  } catch (error) {
    if (error instanceof PatchError) {
      throw error;
    }
    throw new PatchError(`Invalid patch: ${((error as Error).message.split('\n')[0] ?? '').trim()}`);
  }
}

function applyOperation(text: string, operation: Operation, formatting: FormattingOptions): string {
  switch (operation.op) {
    case 'add':
      return addValue(text, operation.path, operation.value, formatting);
    case 'replace':
      return setValue(text, operation.path, operation.value, formatting);
    case 'remove':
      return removeValue(text, operation.path);
    case 'copy':
      return addValue(text, operation.path, valueAt(text, operation.from), formatting);
    case 'move': {
      const value = valueAt(text, operation.from);
      return addValue(removeValue(text, operation.from), operation.path, value, formatting);
    }
    case 'test':
      return text;
    default:
      throw new PatchError(`Unsupported patch operation "${(operation as { op: string }).op}".`);
  }
}

function addValue(text: string, pointer: string, value: unknown, formatting: FormattingOptions): string {
  const segments = parsePointer(pointer);
  const last = segments[segments.length - 1];
  const parentPointer = pointer.slice(0, pointer.lastIndexOf('/'));
  const parent = valueAt(text, parentPointer);
  const inline = insertIntoOneLineContainer(text, parentPointer, parent, last ?? '', value);
  if (inline !== undefined) {
    return inline;
  }
  if (Array.isArray(parent)) {
    const index = last === '-' ? -1 : Number(last);
    const path: JSONPath = [...segments.slice(0, -1), index];
    return applyEdits(text, modify(text, path, value, { formattingOptions: formatting, isArrayInsertion: true }));
  }
  return setValue(text, pointer, value, formatting);
}

/**
 * Adds an item or a new member to an array or object written on one line,
 * keeping it on that line: jsonc-parser would spread the container over
 * several lines. Returns undefined for multi-line and empty containers
 * (jsonc-parser's layout suits those) and for a member that already exists
 * (a replacement).
 */
function insertIntoOneLineContainer(
  text: string,
  parentPointer: string,
  parent: unknown,
  last: string,
  value: unknown,
): string | undefined {
  const document = JsonDocument.parse(text);
  const node = document.nodeAt(parentPointer);
  const size = Array.isArray(parent) ? parent.length : Object.keys(parent ?? {}).length;
  if (!node || node.line !== node.endLine || size === 0) {
    return undefined;
  }
  const close = node.offset + node.length - 1;
  const rendered = oneLineJson(value);
  if (Array.isArray(parent)) {
    const index = last === '-' ? parent.length : Number(last);
    if (index >= parent.length) {
      return text.slice(0, close) + ', ' + rendered + text.slice(close);
    }
    const before = document.nodeAt(`${parentPointer}/${index}`);
    return before ? text.slice(0, before.offset) + rendered + ', ' + text.slice(before.offset) : undefined;
  }
  if (typeof parent !== 'object' || parent === null || Object.prototype.hasOwnProperty.call(parent, last)) {
    return undefined;
  }
  return text.slice(0, close) + `, ${JSON.stringify(last)}: ${rendered}` + text.slice(close);
}

/** JSON on one line with a space after each comma and colon, as one-line containers are usually written. */
function oneLineJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(oneLineJson).join(', ')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value).map(([key, child]) => `${JSON.stringify(key)}: ${oneLineJson(child)}`);
    return `{${members.join(', ')}}`;
  }
  return JSON.stringify(value);
}

function setValue(text: string, pointer: string, value: unknown, formatting: FormattingOptions): string {
  const path: JSONPath = parsePointer(pointer).map((segment, index, all) => {
    const parent = valueAt(text, pointerOf(all.slice(0, index)));
    return Array.isArray(parent) ? Number(segment) : segment;
  });
  return applyEdits(text, modify(text, path, value, { formattingOptions: formatting }));
}

/**
 * Removes an object member or array item with the separator next to it.
 * jsonc-parser's removal can garble one-line arrays, so this edits the
 * text directly from the parsed node locations.
 */
function removeValue(text: string, pointer: string): string {
  const document = JsonDocument.parse(text);
  const node = document.nodeAt(pointer);
  if (!node) {
    throw new PatchError(`Cannot remove ${pointer}: it does not exist.`);
  }
  const parentPointer = pointer.slice(0, pointer.lastIndexOf('/'));
  const siblings = siblingRanges(document, parentPointer);
  const start = node.keyOffset ?? node.offset;
  const end = node.offset + node.length;
  const index = siblings.findIndex((sibling) => sibling.start === start);
  const next = siblings[index + 1];
  const previous = siblings[index - 1];

  if (next) {
    return text.slice(0, start) + text.slice(next.start);
  }
  if (previous) {
    return text.slice(0, previous.end) + text.slice(end);
  }
  const parent = document.nodeAt(parentPointer);
  if (!parent) {
    throw new PatchError(`Cannot remove ${pointer}: its parent was not found.`);
  }
  return text.slice(0, parent.offset + 1) + text.slice(parent.offset + parent.length - 1);
}

function siblingRanges(document: JsonDocument, parentPointer: string): { start: number; end: number }[] {
  const parent = getAtPointer(document.value, parentPointer);
  const keys = Array.isArray(parent) ? parent.map((_, i) => String(i)) : Object.keys(parent ?? {});
  const ranges: { start: number; end: number }[] = [];
  for (const key of keys) {
    const child = document.nodeAt(`${parentPointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    if (child) {
      ranges.push({ start: child.keyOffset ?? child.offset, end: child.offset + child.length });
    }
  }
  return ranges.sort((a, b) => a.start - b.start);
}

function valueAt(text: string, pointer: string): unknown {
  return getAtPointer(JsonDocument.parse(text).value, pointer);
}

function pointerOf(segments: string[]): string {
  return segments.map((s) => '/' + s.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** Reads the indentation unit and line ending the file already uses. */
export function detectFormatting(document: JsonDocument): FormattingOptions {
  const indented = /^([ \t]+)\S/m.exec(document.text);
  const indent = indented?.[1] ?? '  ';
  const insertSpaces = !indent.startsWith('\t');
  return {
    insertSpaces,
    tabSize: insertSpaces ? indent.length : 1,
    eol: document.eol,
  };
}
