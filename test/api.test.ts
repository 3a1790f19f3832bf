import { readFileSync } from 'node:fs';

import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';

import * as api from '../src/index.js';

const FIXABLE = readFileSync(new URL('../fixtures/cli/fixable-template.json', import.meta.url), 'utf8');
const CLEAN = readFileSync(new URL('../fixtures/cli/clean-template.json', import.meta.url), 'utf8');

describe('library exports', () => {
  it.each([
    'lintText',
    'lintDocument',
    'fixText',
    'renderTemplate',
    'applyPatchToText',
    'applyToValue',
    'formatResults',
    'formatJson',
    'formatStylish',
    'defaultTemplate',
    'buildTemplateModel',
    'classifyDocument',
    'findPlaceholders',
    'classifyPlaceholderName',
    'isUnknown',
    'isInferred',
    'resolveSeverity',
  ])('exports the function %s', (name) => {
    expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
  });

  it.each(['PatchError', 'JsonSyntaxError', 'JsonDocument', 'UnknownValue', 'InferredValue'])(
    'exports the class %s',
    (name) => {
      expect(typeof (api as Record<string, unknown>)[name]).toBe('function');
    },
  );

  it('exports the fix pass limit and default target', () => {
    expect(api.MAX_FIX_PASSES).toBe(10);
    expect(api.DEFAULT_TARGET).toEqual({ kind: 'hybrid', prefectAws: '0.7.11' });
  });
});

describe('rules metadata', () => {
  it('lists every rule once, also by id', () => {
    const ids = api.rules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(24);
    for (const rule of api.rules) {
      expect(api.rulesById.get(rule.id)).toBe(rule);
    }
  });

  it.each(api.rules.map((rule) => [rule.id, rule] as const))('%s has complete meta', (id, rule) => {
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(['problem', 'suggestion']).toContain(rule.meta.type);
    expect(rule.meta.docs.description.length).toBeGreaterThan(10);
    expect(rule.meta.docs.url.endsWith(`/${id}.md`)).toBe(true);
    expect(rule.meta.levels.length).toBeGreaterThan(0);
    for (const level of rule.meta.levels) {
      expect(['error', 'warning', 'info']).toContain(level);
    }
    expect(typeof rule.meta.fixable).toBe('boolean');
    expect(typeof rule.meta.hasSuggestions).toBe('boolean');
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
  });
});

describe('lintText', () => {
  it('lints a template and returns an ESLint-style result', () => {
    const result = api.lintText(FIXABLE, { filePath: 'fixable.json' });
    expect(result.filePath).toBe('fixable.json');
    expect(result.errorCount).toBeGreaterThanOrEqual(2);
    expect(result.fixableErrorCount).toBe(2);
    expect(result.messages.filter((m) => m.fix).map((m) => m.pointer)).toEqual([
      '/job_configuration/task_definition/family',
      '/job_configuration/task_run_request/cluster',
    ]);
  });

  it('names the text when no path is given', () => {
    expect(api.lintText(CLEAN).filePath).toBe('<text>');
    expect(api.lintText(CLEAN).messages).toEqual([]);
  });

  it('turns invalid JSON into a fatal message instead of throwing', () => {
    const result = api.lintText('{"job_configuration": ', { filePath: 'broken.json' });
    expect(result.fatalErrorCount).toBe(1);
    expect(result.messages).toEqual([
      {
        ruleId: null,
        severity: 2,
        fatal: true,
        message: 'Parsing error: Expected a value, but the file ends.',
        line: 1,
        column: 23,
        pointer: '',
      },
    ]);
  });

  it('applies rule severities', () => {
    const result = api.lintText(FIXABLE, { rules: { 'valid-placeholder': 'off', 'valid-family-name': 'warn' } });
    expect(result.messages.some((m) => m.ruleId === 'valid-placeholder')).toBe(false);
    const family = result.messages.filter((m) => m.ruleId === 'valid-family-name');
    expect(family.length).toBeGreaterThan(0);
    expect(family.every((m) => m.severity === 1)).toBe(true);
  });
});

describe('resolveSeverity', () => {
  it.each([
    ['error', undefined, false, 2],
    ['warning', undefined, false, 1],
    ['info', undefined, false, undefined],
    ['error', 'error', false, 2],
    ['warning', 'error', false, 2],
    ['info', 'error', false, undefined],
    ['info', 'error', true, 0],
    ['error', 'warn', false, 1],
    ['error', 'info', false, 0],
    ['error', 'off', true, undefined],
  ] as const)('%s configured %s (info %s) is %s', (level, configured, reportInfo, expected) => {
    expect(api.resolveSeverity(level, configured, reportInfo)).toBe(expected);
  });
});

describe('fixText', () => {
  it('returns the fixed text and the lint result of it', () => {
    const outcome = api.fixText(FIXABLE);
    expect(outcome.output).toBe(CLEAN);
    expect(outcome.changed).toBe(true);
    expect(outcome.appliedFixes).toBe(2);
    expect(outcome.result.output).toBe(CLEAN);
    expect(outcome.result.messages).toEqual([]);
  });
});

describe('renderTemplate', () => {
  it('renders the defaults scenario and each job-variables document', () => {
    const previews = api.renderTemplate(CLEAN, {
      jobVariables: [{ name: 'spot', values: { launch_type: 'FARGATE_SPOT', cpu: 512, memory: 1024 } }],
    });
    expect(previews.map((p) => p.scenario)).toEqual([undefined, 'spot']);

    const [defaults, spot] = previews;
    expect(defaults!.runTask.launchType).toBe('FARGATE');
    expect(defaults!.registerTaskDefinition?.cpu).toBe('1024');
    expect(defaults!.workerErrors).toEqual([]);
    expect(defaults!.runTask.networkConfiguration).toEqual({
      awsvpcConfiguration: {
        subnets: ['subnet-0123456789abcdef0'],
        assignPublicIp: 'DISABLED',
        securityGroups: ['sg-0123456789abcdef0'],
      },
    });

    expect('launchType' in spot!.runTask).toBe(false);
    expect(spot!.runTask.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
    expect(spot!.registerTaskDefinition?.cpu).toBe('512');
    expect(spot!.jobConfiguration.task_definition).toEqual({
      containerDefinitions: [{}],
      cpu: 512,
      memory: 1024,
    });
  });

  it('accepts a parsed value', () => {
    const previews = api.renderTemplate(api.defaultTemplate());
    expect(previews).toHaveLength(1);
    expect(previews[0]!.jobConfiguration.task_run_request).toEqual({
      launchType: 'FARGATE',
      overrides: { containerOverrides: [{}] },
    });
  });

  it('treats an ecs:push work pool as a push pool', () => {
    const jobVariables = [
      { name: 'cps', values: { capacity_provider_strategy: [{ capacityProvider: 'X', weight: 1, base: 0 }] } },
    ];
    const pool = { name: 'p', type: 'ecs:push', base_job_template: api.defaultTemplate() };
    const [, push] = api.renderTemplate(pool, { jobVariables });
    expect(push!.runTask.launchType).toBe('FARGATE');
    const [, hybrid] = api.renderTemplate(api.defaultTemplate(), { jobVariables });
    expect('launchType' in hybrid!.runTask).toBe(false);
  });

  it('throws JsonSyntaxError on invalid text', () => {
    expect(() => api.renderTemplate('{')).toThrow(api.JsonSyntaxError);
  });
});

describe('applyPatchToText', () => {
  it('applies a patch and rejects a bad one with PatchError', () => {
    expect(api.applyPatchToText('{"a": 1}', [{ op: 'replace', path: '/a', value: 2 }])).toBe('{"a": 2}');
    expect(() => api.applyPatchToText('{"a": 1}', [{ op: 'remove', path: '/b' }])).toThrow(api.PatchError);
  });
});

describe('library output', () => {
  let stdout: MockInstance;
  let stderr: MockInstance;
  let log: MockInstance;
  let warn: MockInstance;
  let error: MockInstance;

  beforeEach(() => {
    stdout = vi.spyOn(process.stdout, 'write');
    stderr = vi.spyOn(process.stderr, 'write');
    log = vi.spyOn(console, 'log');
    warn = vi.spyOn(console, 'warn');
    error = vi.spyOn(console, 'error');
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('never writes to stdout or stderr', () => {
    const broken = '{"a": 1,}';
    const results = [api.lintText(FIXABLE), api.lintText(broken), api.fixText(FIXABLE).result];
    api.fixText(broken);
    api.renderTemplate(FIXABLE, { jobVariables: [{ name: 'x', values: { cpu: 'bad' } }] });
    api.formatResults('stylish', results, { color: true });
    api.formatResults('json', results);
    expect(() => api.applyPatchToText(CLEAN, [{ op: 'remove', path: '/nope' }])).toThrow();
    expect(stdout).not.toHaveBeenCalled();
    expect(stderr).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});
