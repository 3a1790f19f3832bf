import { readFileSync } from 'node:fs';
import path from 'node:path';

import { lintText, type JobVariablesDocument, type LintMessage } from '../../src/linter/lint.js';
import type { Target } from '../../src/model/template.js';
import { renderTemplate, type ScenarioPreview } from '../../src/preview.js';

export const ROOT = path.join(import.meta.dirname, '..', '..');

/** Prefect's own default templates, as stored under fixtures/real-templates. */
export const DEFAULT_TEMPLATE_FILES = [
  'fixtures/real-templates/prefect-default-prefect-aws-0.3.1.json',
  'fixtures/real-templates/prefect-default-prefect-aws-0.4.14.json',
  'fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
];

/**
 * The rules that judge what the transforms change: launch type and
 * strategy, networking, Fargate readiness, the execution role, and the
 * variables the transforms declare, remove or give defaults.
 */
export const RULES_FOR_TRANSFORMS = [
  'no-launch-type-with-capacity-provider-strategy',
  'launch-type-compatibility',
  'require-network-configuration-for-awsvpc',
  'valid-network-configuration',
  'require-execution-role',
  'fargate-requires-awsvpc',
  'valid-fargate-task-size',
  'valid-capacity-provider-strategy',
  'no-undeclared-placeholder',
  'no-unused-variable',
  'valid-variables-schema',
  'valid-variable-default',
  'valid-template-shape',
  'valid-job-variables',
];

export function readFixture(relativePath: string): string {
  return readFileSync(path.join(ROOT, relativePath), 'utf8');
}

export function parseFixture(relativePath: string): Record<string, unknown> {
  return JSON.parse(readFixture(relativePath)) as Record<string, unknown>;
}

/** A job-variables scenario read from a fixture file, named after it. */
export function jobVariablesFixture(relativePath: string): JobVariablesDocument {
  return { name: path.basename(relativePath, '.json'), values: parseFixture(relativePath) };
}

export function jobVariables(name: string, values: Record<string, unknown>): JobVariablesDocument {
  return { name, values };
}

/** Lists messages of the given rules at or above `minimumSeverity`, as `rule (scenario): message` lines. */
export function findings(
  text: string,
  options: { jobVariables?: JobVariablesDocument[]; target?: Target; rules?: string[]; minimumSeverity?: 1 | 2 } = {},
): string[] {
  const rules = new Set(options.rules ?? RULES_FOR_TRANSFORMS);
  const result = lintText(text, { jobVariables: options.jobVariables, target: options.target });
  return result.messages
    .filter((message: LintMessage) => message.ruleId !== null && rules.has(message.ruleId))
    .filter((message) => message.severity >= (options.minimumSeverity ?? 2))
    .map((message) => `${message.ruleId} (${message.scenario ?? 'defaults'}): ${message.message}`);
}

/** Lists where each error of the given rules points, as `rule pointer (scenario)`, to compare before and after. */
export function errorPlaces(text: string, rules: readonly string[] = RULES_FOR_TRANSFORMS): string[] {
  const wanted = new Set(rules);
  return lintText(text)
    .messages.filter((message) => message.severity === 2 && message.ruleId !== null && wanted.has(message.ruleId))
    .map((message) => `${message.ruleId} ${message.pointer} (${message.scenario ?? 'defaults'})`);
}

/** Lists every error of any rule, for checks that the whole template lints clean. */
export function allErrors(text: string, options: { jobVariables?: JobVariablesDocument[]; target?: Target } = {}): string[] {
  return lintText(text, options)
    .messages.filter((message) => message.severity === 2)
    .map((message) => `${message.ruleId} (${message.scenario ?? 'defaults'}): ${message.message}`);
}

export function renderDefaults(value: unknown, target?: Target): ScenarioPreview {
  const [defaults] = renderTemplate(value, { target });
  if (!defaults) {
    throw new Error('renderTemplate returned no defaults scenario.');
  }
  return defaults;
}

export function properties(template: Record<string, unknown>): Record<string, Record<string, unknown>> {
  const variables = template.variables as Record<string, unknown>;
  return variables.properties as Record<string, Record<string, unknown>>;
}

export function jobConfiguration(template: Record<string, unknown>): Record<string, unknown> {
  return template.job_configuration as Record<string, unknown>;
}

export function runRequest(template: Record<string, unknown>): Record<string, unknown> {
  return jobConfiguration(template).task_run_request as Record<string, unknown>;
}

export function taskDefinition(template: Record<string, unknown>): Record<string, unknown> {
  return jobConfiguration(template).task_definition as Record<string, unknown>;
}

/** Output and exit code of one CLI run. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with `cwd` as its working folder, capturing both streams. */
export async function runCli(argv: readonly string[], cwd = ROOT): Promise<CliRun> {
  const { run } = await import('../../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    color: false,
  });
  return { code, stdout, stderr };
}
