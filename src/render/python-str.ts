import { isPlainObject } from '../parse/pointer.js';

/**
 * Formats a JSON value the way Python's `str()` prints the equivalent
 * Python object, which is what Prefect substitutes for an inline
 * placeholder: `None`, `True`, `False`, and dicts and lists in repr form.
 *
 * NOTE: JSON numbers lose their source form in JavaScript, so a float
 * written as `1.0` prints as `1`, where Python prints `1.0`.
 */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  return pythonRepr(value);
}

export function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) {
    return 'None';
  }
  if (value === true) {
    return 'True';
  }
  if (value === false) {
    return 'False';
  }
  if (typeof value === 'number') {
    return formatNumber(value);
  }
  if (typeof value === 'string') {
    return reprString(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(pythonRepr).join(', ')}]`;
  }
  if (isPlainObject(value)) {
    const items = Object.entries(value).map(([k, v]) => `${reprString(k)}: ${pythonRepr(v)}`);
    return `{${items.join(', ')}}`;
  }
  return String(value);
}

function formatNumber(value: number): string {
  return String(value);
}

/** Python's repr of a str: single quotes unless the text has one and no double quote. */
function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const character of text) {
    body += escapeCharacter(character, quote);
  }
  return quote + body + quote;
}

const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function escapeCharacter(character: string, quote: string): string {
  switch (character) {
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      break;
  }
  if (character === quote) {
    return '\\' + character;
  }
  const code = character.codePointAt(0) ?? 0;
  // Python's repr escapes what str.isprintable() rejects: control, format,
  // private-use and unassigned characters and every separator but the space.
  if (character !== ' ' && NOT_PRINTABLE.test(character)) {
    if (code < 0x100) {
      return '\\x' + code.toString(16).padStart(2, '0');
    }
    if (code < 0x10000) {
      return '\\u' + code.toString(16).padStart(4, '0');
    }
    return '\\U' + code.toString(16).padStart(8, '0');
  }
  return character;
}
