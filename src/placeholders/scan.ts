import { joinPointer, isPlainObject } from '../parse/pointer.js';
import { findPlaceholders, type PlaceholderKind } from './grammar.js';

/** One placeholder found in `job_configuration`, with where it is. */
export interface PlaceholderOccurrence {
  name: string;
  kind: PlaceholderKind;
  text: string;
  /** JSON Pointer of the string value (or of the member, when `inKey`). */
  pointer: string;
  /** True when the placeholder is written inside an object key. */
  inKey: boolean;
  /** True when the string is exactly this placeholder and nothing else. */
  wholeValue: boolean;
  /** The full string the placeholder sits in. */
  source: string;
  index: number;
}

/** Collects every placeholder in values and keys under `root`, depth first. */
export function scanPlaceholders(root: unknown, rootPointer: string): PlaceholderOccurrence[] {
  const occurrences: PlaceholderOccurrence[] = [];
  walk(root, rootPointer, occurrences);
  return occurrences;
}

function walk(value: unknown, pointer: string, out: PlaceholderOccurrence[]): void {
  if (typeof value === 'string') {
    collect(value, pointer, false, out);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, joinPointer(pointer, index), out));
  } else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childPointer = joinPointer(pointer, key);
      collect(key, childPointer, true, out);
      walk(child, childPointer, out);
    }
  }
}

function collect(text: string, pointer: string, inKey: boolean, out: PlaceholderOccurrence[]): void {
  const matches = findPlaceholders(text);
  for (const match of matches) {
    out.push({
      name: match.name,
      kind: match.kind,
      text: match.text,
      pointer,
      inKey,
      wholeValue: !inKey && matches.length === 1 && match.text === text && match.kind === 'job-variable',
      source: text,
      index: match.index,
    });
  }
}
