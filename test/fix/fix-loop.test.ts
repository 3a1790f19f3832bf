import { describe, expect, it, vi } from 'vitest';

import { fixText, MAX_FIX_PASSES } from '../../src/fix/fix-loop.js';
import type { Rule } from '../../src/linter/types.js';

// The fix loop is tested with small stand-in rules, so that each case
// controls exactly which fixes exist in which pass.
const testRules = vi.hoisted(() => {
  type Context = Parameters<Rule['check']>[0];

  const value = (context: Context): Record<string, unknown> =>
    context.document.value as Record<string, unknown>;

  const rule = (id: string, check: (context: Context) => void, level: 'error' | 'info' = 'error'): Rule => ({
    id,
    meta: {
      type: 'problem',
      docs: { description: id, url: `https://example.invalid/${id}` },
      levels: [level],
      fixable: true,
      hasSuggestions: false,
      messages: { problem: `${id} problem` },
    },
    check,
  });

  return [
    // Counts `counter` up to `limit`, one step per pass.
    rule('count-up', (context) => {
      const { counter, limit } = value(context);
      if (typeof counter === 'number' && typeof limit === 'number' && counter < limit) {
        context.report({ messageId: 'problem', at: '/counter', fix: [{ op: 'replace', path: '/counter', value: counter + 1 }] });
      }
    }),
    // Flips `toggle` between "a" and "b" forever.
    rule('flip', (context) => {
      const { toggle } = value(context);
      if (toggle === 'a' || toggle === 'b') {
        const next = toggle === 'a' ? 'b' : 'a';
        context.report({ messageId: 'problem', at: '/toggle', fix: [{ op: 'replace', path: '/toggle', value: next }] });
      }
    }),
    // Rewrites the whole `outer` object once.
    rule('outer', (context) => {
      const { outer } = value(context) as { outer?: { done?: boolean } };
      if (outer && !outer.done) {
        context.report({
          messageId: 'problem',
          at: '/outer',
          fix: [{ op: 'replace', path: '/outer', value: { inner: 'from-outer', done: true } }],
        });
      }
    }),
    // Rewrites `outer.inner`, which overlaps the `outer` fix.
    rule('inner', (context) => {
      const { outer } = value(context) as { outer?: { inner?: string } };
      if (outer && typeof outer.inner === 'string' && outer.inner !== 'from-inner') {
        context.report({
          messageId: 'problem',
          at: '/outer/inner',
          fix: [{ op: 'replace', path: '/outer/inner', value: 'from-inner' }],
        });
      }
    }),
    // Appends to `list`, claiming the whole array.
    rule('append', (context) => {
      const { list } = value(context) as { list?: unknown[] };
      if (Array.isArray(list) && !list.includes('appended')) {
        context.report({ messageId: 'problem', at: '/list', fix: [{ op: 'add', path: '/list/-', value: 'appended' }] });
      }
    }),
    // Replaces the first item of `list`, inside the array `append` claims.
    rule('first-item', (context) => {
      const { list } = value(context) as { list?: unknown[] };
      if (Array.isArray(list) && list[0] === 'old') {
        context.report({ messageId: 'problem', at: '/list/0', fix: [{ op: 'replace', path: '/list/0', value: 'new' }] });
      }
    }),
    // Sets two separate members in one pass.
    rule('set-x', (context) => {
      if (value(context).x === 0) {
        context.report({ messageId: 'problem', at: '/x', fix: [{ op: 'replace', path: '/x', value: 1 }] });
      }
    }),
    rule('set-y', (context) => {
      if (value(context).y === 0) {
        context.report({ messageId: 'problem', at: '/y', fix: [{ op: 'replace', path: '/y', value: 1 }] });
      }
    }),
    // Offers a patch that cannot apply.
    rule('broken', (context) => {
      if (value(context).broken === true) {
        context.report({ messageId: 'problem', at: '/broken', fix: [{ op: 'remove', path: '/does-not-exist' }] });
      }
    }),
    // An info-level fix, which the fix loop never applies.
    rule(
      'info-fix',
      (context) => {
        if (value(context).info === 0) {
          context.report({ messageId: 'problem', at: '/info', fix: [{ op: 'replace', path: '/info', value: 1 }] });
        }
      },
      'info',
    ),
  ];
});

vi.mock('../../src/rules/index.js', () => ({
  rules: testRules,
  rulesById: new Map(testRules.map((rule: Rule) => [rule.id, rule])),
}));

const json = (value: unknown): string => JSON.stringify(value, null, 2) + '\n';

describe('fixText passes', () => {
  it('stops when nothing is left to fix', () => {
    const outcome = fixText(json({ counter: 0, limit: 3 }));
    expect(JSON.parse(outcome.output)).toEqual({ counter: 3, limit: 3 });
    expect(outcome.passes).toBe(3);
    expect(outcome.appliedFixes).toBe(3);
    expect(outcome.changed).toBe(true);
    expect(outcome.circular).toBe(false);
    expect(outcome.result.messages).toEqual([]);
  });

  it(`stops after ${MAX_FIX_PASSES} passes`, () => {
    const outcome = fixText(json({ counter: 0, limit: 1_000 }));
    expect(MAX_FIX_PASSES).toBe(10);
    expect(outcome.passes).toBe(10);
    expect(outcome.appliedFixes).toBe(10);
    expect(JSON.parse(outcome.output)).toEqual({ counter: 10, limit: 1_000 });
    expect(outcome.result.messages.map((m) => m.ruleId)).toEqual(['count-up']);
  });

  it('stops when a pass undoes the one before', () => {
    const text = json({ toggle: 'a' });
    const outcome = fixText(text);
    expect(outcome.circular).toBe(true);
    expect(outcome.passes).toBe(2);
    expect(outcome.output).toBe(text);
    expect(outcome.changed).toBe(false);
  });

  it('applies fixes that do not overlap in one pass', () => {
    const outcome = fixText(json({ x: 0, y: 0 }));
    expect(JSON.parse(outcome.output)).toEqual({ x: 1, y: 1 });
    expect(outcome.passes).toBe(1);
    expect(outcome.appliedFixes).toBe(2);
  });

  it('defers an overlapping fix to the next pass', () => {
    const outcome = fixText(json({ outer: { inner: 'original' } }));
    expect(JSON.parse(outcome.output)).toEqual({ outer: { inner: 'from-inner', done: true } });
    expect(outcome.passes).toBe(2);
    expect(outcome.appliedFixes).toBe(2);
  });

  it('treats an array insertion as touching the whole array', () => {
    const outcome = fixText(json({ list: ['old', 'x'] }));
    expect(JSON.parse(outcome.output)).toEqual({ list: ['new', 'x', 'appended'] });
    expect(outcome.passes).toBe(2);
  });

  it('records a fix that cannot apply and goes on', () => {
    const outcome = fixText(json({ broken: true, x: 0 }));
    expect(JSON.parse(outcome.output)).toEqual({ broken: true, x: 1 });
    expect(outcome.failures[0]).toEqual({
      ruleId: 'broken',
      message: 'Invalid patch: Cannot perform the operation at a path that does not exist',
    });
    expect(outcome.result.messages.map((m) => m.ruleId)).toEqual(['broken']);
  });

  it('never applies info-level fixes', () => {
    const text = json({ info: 0 });
    const outcome = fixText(text, { reportInfo: true });
    expect(outcome.output).toBe(text);
    expect(outcome.appliedFixes).toBe(0);
    expect(outcome.result.messages.map((m) => [m.ruleId, m.severity])).toEqual([['info-fix', 0]]);
  });

  it('skips rules that are turned off', () => {
    const text = json({ x: 0, y: 0 });
    const outcome = fixText(text, { rules: { 'set-x': 'off' } });
    expect(JSON.parse(outcome.output)).toEqual({ x: 0, y: 1 });
  });

  it('keeps the formatting of untouched lines', () => {
    const text = '{\n    "x": 0,\n\t"keep": [1,2,3]\n}';
    const outcome = fixText(text);
    expect(outcome.output).toBe('{\n    "x": 1,\n\t"keep": [1,2,3]\n}');
  });
});

describe('fixText result', () => {
  it('sets output on the final result when the text changed', () => {
    const outcome = fixText(json({ x: 0 }), { filePath: 'template.json' });
    expect(outcome.result.output).toBe(outcome.output);
    expect(outcome.result.filePath).toBe('template.json');
    expect(outcome.result.errorCount).toBe(0);
  });

  it('leaves output unset when nothing changed', () => {
    const outcome = fixText(json({ nothing: true }));
    expect(outcome.changed).toBe(false);
    expect(outcome.passes).toBe(0);
    expect('output' in outcome.result).toBe(false);
  });

  it('reports a parsing error without fixing', () => {
    const outcome = fixText('{"x": 0,}');
    expect(outcome.changed).toBe(false);
    expect(outcome.result.fatalErrorCount).toBe(1);
    expect(outcome.result.messages[0]?.message).toBe(
      'Parsing error: Expected a property name in double quotes, found "}".',
    );
  });

  it('lints the final text with the same options', () => {
    const outcome = fixText(json({ counter: 0, limit: 20 }), { rules: { 'count-up': 'warn' } });
    expect(outcome.result.warningCount).toBe(1);
    expect(outcome.result.fixableWarningCount).toBe(1);
    expect(outcome.result.messages[0]?.severity).toBe(1);
  });
});
