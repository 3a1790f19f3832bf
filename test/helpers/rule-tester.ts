import { expect, it, describe } from 'vitest';

import { fixText } from '../../src/fix/fix-loop.js';
import { applyPatchToText } from '../../src/fix/apply-patch.js';
import { lintText, type LintMessage, type LintOptions } from '../../src/linter/lint.js';
import type { RuleSeverity } from '../../src/linter/types.js';
import type { Target } from '../../src/model/template.js';
import { rules } from '../../src/rules/index.js';

/** One template to lint; `template` is a JSON value (printed with 2 spaces) or raw text. */
export interface RuleTestCase {
  name: string;
  template: unknown;
  /** Each object is one job-variables scenario, named `scenario-1`, `scenario-2`, ... */
  jobVariables?: Record<string, unknown>[];
  target?: Target;
}

export interface ExpectedSuggestion {
  desc?: string;
  /** The template after applying this suggestion's patch. */
  output: unknown;
}

export interface ExpectedMessage {
  messageId: string;
  data?: Record<string, string | number | boolean>;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  pointer: string;
  severity?: 0 | 1 | 2;
  scenario?: string;
  suggestions?: ExpectedSuggestion[];
}

export interface InvalidRuleTestCase extends RuleTestCase {
  errors: ExpectedMessage[];
  /**
   * The template after `--fix` with only this rule enabled, or `null` when
   * the rule offers no fix here.
   */
  output: unknown;
}

/** Returns a configuration with every rule at the catalogue's levels. */
function allRulesOn(): Record<string, RuleSeverity> {
  return {};
}

/** Only `ruleId`, at the catalogue's levels. */
function onlyRule(ruleId: string): Record<string, RuleSeverity> {
  return Object.fromEntries(
    rules.filter((rule) => rule.id !== ruleId).map((rule) => [rule.id, 'off' as const]),
  );
}

export function templateText(template: unknown): string {
  return typeof template === 'string' ? template : JSON.stringify(template, null, 2) + '\n';
}

function lintOptions(testCase: RuleTestCase, ruleSeverities: Record<string, RuleSeverity>): LintOptions {
  return {
    filePath: 'template.json',
    target: testCase.target,
    rules: ruleSeverities,
    reportInfo: true,
    jobVariables: (testCase.jobVariables ?? []).map((values, index) => ({
      name: `scenario-${index + 1}`,
      values,
    })),
  };
}

/**
 * Identifies a finding independently of where it points, because a fix may
 * move another rule's report (for example when the key it pointed at is
 * removed) without adding a finding.
 */
function key(message: LintMessage): string {
  return `${message.ruleId}|${message.messageId}|${message.scenario ?? ''}`;
}

function countByKey(messages: readonly LintMessage[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const message of messages) {
    counts.set(key(message), (counts.get(key(message)) ?? 0) + 1);
  }
  return counts;
}

/**
 * Runs table-driven tests for one rule, in the manner of ESLint's
 * RuleTester. Valid cases must produce no message from the rule. Invalid
 * cases must produce exactly the expected messages (positions, pointer, data,
 * severity, scenario), the expected fixed output, and the expected
 * suggestion outputs. Every fix is also verified: after fixing, the rule
 * is silent in every scenario and no other rule reports anything new.
 */
export function runRuleTests(
  ruleId: string,
  cases: { valid: RuleTestCase[]; invalid: InvalidRuleTestCase[] },
): void {
  describe(ruleId, () => {
    for (const testCase of cases.valid) {
      it(`valid: ${testCase.name}`, () => {
        const result = lintText(templateText(testCase.template), lintOptions(testCase, onlyRule(ruleId)));
        expect(result.messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([]);
      });
    }

    for (const testCase of cases.invalid) {
      it(`invalid: ${testCase.name}`, () => {
        const text = templateText(testCase.template);
        const result = lintText(text, lintOptions(testCase, onlyRule(ruleId)));
        const actual = result.messages.map((message) => ({
          messageId: message.messageId,
          line: message.line,
          column: message.column,
          pointer: message.pointer,
        }));
        expect(actual).toEqual(
          testCase.errors.map((error) => ({
            messageId: error.messageId,
            line: error.line,
            column: error.column,
            pointer: error.pointer,
          })),
        );
        testCase.errors.forEach((error, index) =>
          checkMessage(text, testCase, result.messages[index], error),
        );
        checkFix(ruleId, testCase, text);
      });
    }
  });
}

function checkMessage(
  text: string,
  testCase: RuleTestCase,
  message: LintMessage | undefined,
  expected: ExpectedMessage,
): void {
  expect(message).toBeDefined();
  if (!message) {
    return;
  }
  if (expected.endLine !== undefined) {
    expect(message.endLine).toBe(expected.endLine);
  }
  if (expected.endColumn !== undefined) {
    expect(message.endColumn).toBe(expected.endColumn);
  }
  if (expected.data !== undefined) {
    expect(message.data).toEqual(expected.data);
  }
  if (expected.severity !== undefined) {
    expect(message.severity).toBe(expected.severity);
  }
  expect(message.scenario).toBe(expected.scenario);
  if (expected.suggestions !== undefined) {
    const suggestions = message.suggestions ?? [];
    expect(suggestions).toHaveLength(expected.suggestions.length);
    expected.suggestions.forEach((suggestion, index) => {
      const actual = suggestions[index];
      if (suggestion.desc !== undefined) {
        expect(actual?.desc).toBe(suggestion.desc);
      }
      const output = applyPatchToText(suggestionTarget(text, testCase, actual?.filePath), actual?.patch ?? []);
      expect(JSON.parse(output)).toEqual(suggestion.output);
    });
  }
}

/**
 * Returns the text a suggestion applies to: the template, or the job
 * variables of the scenario it names (`scenario-N`). In the second case the
 * expected output is that job-variables object.
 */
function suggestionTarget(text: string, testCase: RuleTestCase, filePath: string | undefined): string {
  if (filePath === undefined) {
    return text;
  }
  const index = Number(/^scenario-(\d+)$/.exec(filePath)?.[1] ?? Number.NaN) - 1;
  const jobVariables = testCase.jobVariables?.[index];
  expect(jobVariables, `suggestion names unknown scenario ${filePath}`).toBeDefined();
  return JSON.stringify(jobVariables, null, 2) + '\n';
}

function checkFix(ruleId: string, testCase: InvalidRuleTestCase, text: string): void {
  const outcome = fixText(text, lintOptions(testCase, onlyRule(ruleId)));
  if (testCase.output === null) {
    expect(outcome.changed).toBe(false);
    return;
  }
  expect(outcome.changed).toBe(true);
  expect(JSON.parse(outcome.output)).toEqual(testCase.output);

  // The fix contract: the rule is silent afterwards, in every scenario, and
  // no rule reports anything that was not reported before.
  const before = lintText(text, lintOptions(testCase, allRulesOn()));
  const after = lintText(outcome.output, lintOptions(testCase, allRulesOn()));
  expect(after.messages.filter((m) => m.ruleId === ruleId).map((m) => m.message)).toEqual([]);
  const previous = countByKey(before.messages);
  const added = [...countByKey(after.messages)].filter(([name, count]) => count > (previous.get(name) ?? 0));
  expect(added.map(([name]) => name)).toEqual([]);
}
