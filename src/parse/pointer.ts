/**
 * JSON Pointer (RFC 6901) helpers. Pointers are strings such as
 * `/job_configuration/task_run_request/launchType`; the empty string is the
 * whole document.
 */

export type PointerSegment = string | number;

/** Escapes one reference token: `~` becomes `~0` and `/` becomes `~1`. */
export function escapePointerSegment(segment: PointerSegment): string {
  const text = String(segment);
  if (!text.includes('~') && !text.includes('/')) {
    return text;
  }
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Decodes one reference token; `~1` is decoded before `~0` as RFC 6901 requires. */
export function unescapePointerSegment(token: string): string {
  return token.replace(/~1/g, '/').replace(/~0/g, '~');
}

export function joinPointer(base: string, ...segments: PointerSegment[]): string {
  let pointer = base;
  for (const segment of segments) {
    pointer += '/' + escapePointerSegment(segment);
  }
  return pointer;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }
  if (!pointer.startsWith('/')) {
    throw new TypeError(`Invalid JSON Pointer "${pointer}": it must start with "/".`);
  }
  return pointer.slice(1).split('/').map(unescapePointerSegment);
}

/** Returns true when `pointer` is `ancestor` itself or lies below it. */
export function isPointerWithin(pointer: string, ancestor: string): boolean {
  return pointer === ancestor || pointer.startsWith(ancestor + '/');
}

/** Reads the value at `pointer`, or `undefined` when any step is missing. */
export function getAtPointer(value: unknown, pointer: string): unknown {
  let current: unknown = value;
  for (const token of parsePointer(pointer)) {
    if (Array.isArray(current)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) {
        return undefined;
      }
      current = current[Number(token)];
    } else if (isPlainObject(current)) {
      if (!Object.prototype.hasOwnProperty.call(current, token)) {
        return undefined;
      }
      current = current[token];
    } else {
      return undefined;
    }
  }
  return current;
}

/** True for a JSON object; arrays, `null` and class instances such as unknown-value markers are not. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
