import { describe, expect, it } from 'vitest';

import { formatJson } from '../../src/formats/json.js';
import { defaultTemplate } from '../../src/init/default-template.js';
import { lintText, type LintResult } from '../../src/linter/lint.js';

type Template = {
  job_configuration: { task_definition: Record<string, unknown> };
  variables: { properties: Record<string, Record<string, unknown>> };
};

/**
 * Builds the stock template with a network default that lacks security
 * groups (an info finding) and a family with a leading space (a fix and a
 * suggestion).
 */
function templateText(): string {
  const template = defaultTemplate() as Template;
  template.variables.properties.vpc_id!.default = 'vpc-0123456789abcdef0';
  template.variables.properties.network_configuration!.default = {
    subnets: ['subnet-0123456789abcdef0'],
    assignPublicIp: 'DISABLED',
  };
  template.job_configuration.task_definition.family = ' {{ family }}';
  return JSON.stringify(template, null, 2) + '\n';
}

function lintAsJson(reportInfo: boolean): LintResult[] {
  const result = lintText(templateText(), {
    filePath: 'template.json',
    reportInfo,
    jobVariables: [{ name: 'spot', values: { launch_type: 'FARGATE_SPOT', family: 'has space' } }],
  });
  return JSON.parse(formatJson([result])) as LintResult[];
}

describe('formatJson', () => {
  it('prints an empty list for no results', () => {
    const text = formatJson([]);
    expect(text).toBe('[]\n');
  });

  it('keeps the ESLint result fields', () => {
    const [result] = lintAsJson(false);
    expect(Object.keys(result!)).toEqual(
      expect.arrayContaining([
        'filePath',
        'messages',
        'errorCount',
        'fatalErrorCount',
        'warningCount',
        'fixableErrorCount',
        'fixableWarningCount',
      ]),
    );
    expect(result!.filePath).toBe('template.json');
    expect(result!.errorCount).toBe(result!.messages.filter((m) => m.severity === 2).length);
    expect(result!.warningCount).toBe(result!.messages.filter((m) => m.severity === 1).length);
  });

  it('gives each message ESLint fields and a pointer', () => {
    const [result] = lintAsJson(false);
    expect(result!.messages.length).toBeGreaterThan(0);
    for (const message of result!.messages) {
      expect(typeof message.ruleId).toBe('string');
      expect([1, 2]).toContain(message.severity);
      expect(typeof message.message).toBe('string');
      expect(typeof message.messageId).toBe('string');
      expect(message.line).toBeGreaterThan(0);
      expect(message.column).toBeGreaterThan(0);
      expect(message.endLine).toBeGreaterThanOrEqual(message.line);
      expect(message.pointer.startsWith('/')).toBe(true);
    }
  });

  it('carries fix patches as RFC 6902 operations', () => {
    const [result] = lintAsJson(false);
    const whitespace = result!.messages.find(
      (m) => m.ruleId === 'valid-placeholder' && m.pointer === '/job_configuration/task_definition/family',
    );
    expect(whitespace?.fix).toEqual({
      patch: [{ op: 'replace', path: '/job_configuration/task_definition/family', value: '{{ family }}' }],
    });
  });

  it('carries suggestion patches', () => {
    const [result] = lintAsJson(false);
    const withSuggestions = result!.messages.filter((m) => m.suggestions !== undefined);
    expect(withSuggestions.length).toBeGreaterThan(0);
    for (const message of withSuggestions) {
      for (const suggestion of message.suggestions!) {
        expect(typeof suggestion.desc).toBe('string');
        expect(suggestion.patch.length).toBeGreaterThan(0);
        for (const operation of suggestion.patch) {
          expect(['add', 'remove', 'replace', 'move', 'copy', 'test']).toContain(operation.op);
          expect(operation.path.startsWith('/')).toBe(true);
        }
      }
    }
  });

  it('names the scenario of a job-variables finding', () => {
    const [result] = lintAsJson(false);
    const scenarios = new Set(result!.messages.map((m) => m.scenario));
    expect(scenarios.has('spot')).toBe(true);
    const defaults = result!.messages.filter((m) => m.scenario === undefined);
    for (const message of defaults) {
      expect('scenario' in message).toBe(false);
    }
  });

  it('reports info findings with severity 0 only when asked', () => {
    const [without] = lintAsJson(false);
    const [withInfo] = lintAsJson(true);
    const isInfo = (m: { ruleId: string | null; pointer: string }): boolean =>
      m.ruleId === 'valid-network-configuration' &&
      m.pointer === '/variables/properties/network_configuration/default';
    expect(without!.messages.some(isInfo)).toBe(false);
    const info = withInfo!.messages.find(isInfo);
    expect(info?.severity).toBe(0);
    expect(withInfo!.infoCount).toBeGreaterThanOrEqual(1);
    expect(without!.infoCount).toBe(0);
  });

  it('round-trips results without loss', () => {
    const result = lintText(templateText(), { filePath: 'template.json' });
    expect(JSON.parse(formatJson([result]))).toEqual([JSON.parse(JSON.stringify(result))]);
  });
});
