import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { fixText } from '../src/fix/fix-loop.js';
import { lintText, type LintOptions } from '../src/linter/lint.js';
import type { Target } from '../src/model/template.js';

/**
 * Every fault case under fixtures/cases: the rules it names must report
 * (with the severity and pointer it gives), the rules it lists as not
 * expected must stay silent, and its fixed template must match.
 */
interface FaultCase {
  id: string;
  title: string;
  target?: { worker: 'hybrid' | 'push'; prefectAws?: string };
  template: unknown;
  jobVariables?: Record<string, unknown>[];
  expect: {
    report: { ruleId: string; severity?: 'error' | 'warning' | 'info'; pointer?: string }[];
    notReport: string[];
    fixed?: unknown;
  };
}

const CASES_DIRECTORY = path.join(import.meta.dirname, '..', 'fixtures', 'cases');
const SEVERITY = { error: 2, warning: 1, info: 0 } as const;

const cases: FaultCase[] = readdirSync(CASES_DIRECTORY)
  .filter((file) => /^C\d+\.json$/.test(file))
  .sort()
  .map((file) => JSON.parse(readFileSync(path.join(CASES_DIRECTORY, file), 'utf8')) as FaultCase);

function toTarget(target: FaultCase['target']): Target | undefined {
  if (!target) {
    return undefined;
  }
  return target.worker === 'push' ? { kind: 'push' } : { kind: 'hybrid', prefectAws: target.prefectAws ?? '0.7.11' };
}

function options(faultCase: FaultCase): LintOptions {
  return {
    filePath: `${faultCase.id}.json`,
    target: toTarget(faultCase.target),
    reportInfo: true,
    jobVariables: (faultCase.jobVariables ?? []).map((values, index) => ({ name: `deployment-${index + 1}`, values })),
  };
}

describe('fault cases', () => {
  it('finds the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(28);
  });

  for (const faultCase of cases) {
    describe(`${faultCase.id} ${faultCase.title}`, () => {
      const text = JSON.stringify(faultCase.template, null, 2) + '\n';
      const result = lintText(text, options(faultCase));

      for (const expected of faultCase.expect.report) {
        it(`reports ${expected.ruleId}${expected.pointer ? ` at ${expected.pointer}` : ''}`, () => {
          const matching = result.messages.filter(
            (message) =>
              message.ruleId === expected.ruleId &&
              (expected.pointer === undefined || message.pointer === expected.pointer) &&
              (expected.severity === undefined || message.severity === SEVERITY[expected.severity]),
          );
          expect(
            matching.length,
            `messages: ${JSON.stringify(result.messages.map((m) => [m.ruleId, m.severity, m.pointer, m.message]))}`,
          ).toBeGreaterThan(0);
        });
      }

      for (const ruleId of faultCase.expect.notReport) {
        it(`stays silent for ${ruleId}`, () => {
          expect(result.messages.filter((message) => message.ruleId === ruleId).map((m) => m.message)).toEqual([]);
        });
      }

      if (faultCase.expect.fixed !== undefined) {
        it('fixes to the expected template', () => {
          const outcome = fixText(text, options(faultCase));
          expect(JSON.parse(outcome.output)).toEqual(faultCase.expect.fixed);
        });
      }
    });
  }
});
