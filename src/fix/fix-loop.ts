import type { Operation } from 'fast-json-patch';

import { lintText, type LintMessage, type LintOptions, type LintResult } from '../linter/lint.js';
import { parsePointer } from '../parse/pointer.js';
import { applyPatchToText, PatchError } from './apply-patch.js';

/** ESLint's limit: fixes that keep producing new fixes stop after ten passes. */
export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  /** The lint result of the final text, with `output` set when the text changed. */
  result: LintResult;
  output: string;
  changed: boolean;
  passes: number;
  /** How many fixes were applied in all passes. */
  appliedFixes: number;
  /** Set when a pass reproduced the text of the pass before the previous one. */
  circular: boolean;
  /** Fixes that could not be applied, with why. */
  failures: { ruleId: string | null; message: string }[];
}

/**
 * Applies the fixes of every enabled rule in passes, as ESLint does. In each
 * pass, fixes whose patches touch overlapping parts of the document wait
 * for a later pass, and then the text is linted again. The loop stops when
 * nothing changes, after ten passes, or when a pass undoes an earlier one.
 */
export function fixText(text: string, options: LintOptions = {}): FixOutcome {
  let current = text;
  const history = [text];
  let appliedFixes = 0;
  let passes = 0;
  let circular = false;
  const failures: FixOutcome['failures'] = [];

  for (; passes < MAX_FIX_PASSES; passes++) {
    const result = lintText(current, options);
    const fixable = result.messages.filter((message) => message.fix && message.severity > 0);
    if (fixable.length === 0) {
      break;
    }
    const pass = applyNonOverlapping(current, fixable, failures);
    if (pass.applied === 0 || pass.text === current) {
      break;
    }
    appliedFixes += pass.applied;
    if (history.length >= 2 && history[history.length - 2] === pass.text) {
      circular = true;
      current = pass.text;
      passes++;
      break;
    }
    history.push(pass.text);
    current = pass.text;
  }

  const result = lintText(current, options);
  const changed = current !== text;
  if (changed) {
    result.output = current;
  }
  return { result, output: current, changed, passes, appliedFixes, circular, failures };
}

function applyNonOverlapping(
  text: string,
  messages: LintMessage[],
  failures: FixOutcome['failures'],
): { text: string; applied: number } {
  const claimedScopes: string[] = [];
  let current = text;
  let applied = 0;
  for (const message of messages) {
    const patch = message.fix?.patch ?? [];
    const scopes = patch.map(operationScope);
    if (scopes.some((scope) => claimedScopes.some((other) => overlaps(scope, other)))) {
      continue;
    }
    try {
      current = applyPatchToText(current, patch);
      claimedScopes.push(...scopes);
      applied++;
    } catch (error) {
      if (!(error instanceof PatchError)) {
        throw error;
      }
      failures.push({ ruleId: message.ruleId, message: error.message });
    }
  }
  return { text: current, applied };
}

/**
 * Returns the part of the document an operation can affect. Inserting into or
 * removing from an array shifts its other items, so such operations claim
 * the whole array.
 */
function operationScope(operation: Operation): string {
  const segments = parsePointer(operation.path);
  const last = segments[segments.length - 1];
  const arrayItem = last === '-' || (last !== undefined && /^\d+$/.test(last));
  if (arrayItem && operation.op !== 'replace') {
    return operation.path.slice(0, operation.path.lastIndexOf('/'));
  }
  return operation.path;
}

function overlaps(left: string, right: string): boolean {
  return left === right || left.startsWith(right + '/') || right.startsWith(left + '/');
}
