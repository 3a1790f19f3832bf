import type { LintResult } from '../linter/lint.js';
import { formatJson } from './json.js';
import { formatStylish, type FormatOptions } from './stylish.js';

export type FormatName = 'stylish' | 'json';

export const FORMAT_NAMES: readonly FormatName[] = ['stylish', 'json'];

export function formatResults(name: FormatName, results: readonly LintResult[], options: FormatOptions = {}): string {
  return name === 'json' ? formatJson(results) : formatStylish(results, options);
}

export { formatJson, formatStylish, type FormatOptions };
