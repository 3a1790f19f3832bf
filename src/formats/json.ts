import type { LintResult } from '../linter/lint.js';

/**
 * ESLint's `json` format: the array of results with every message, plus
 * this tool's additions (`pointer`, `scenario`, `fix.patch`,
 * `suggestions[].patch`, `source`).
 */
export function formatJson(results: readonly LintResult[]): string {
  return JSON.stringify(results) + '\n';
}
