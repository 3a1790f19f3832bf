import { spawnSync } from 'node:child_process';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import type { LintResult } from '../src/linter/lint.js';

/**
 * The real templates linted end to end through the built CLI. The rule ids
 * reported for each file are pinned, so any change in behaviour shows in
 * review. Update the table on purpose when a rule changes.
 */
const ROOT = path.join(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'bin', 'prefect-ecs-lint.js');

const EXPECTED_RULES: Record<string, string[]> = {
  'prefect-default-prefect-aws-0.3.1.json': ['require-network-configuration-for-awsvpc'],
  'prefect-default-prefect-aws-0.4.14.json': ['require-network-configuration-for-awsvpc'],
  'prefect-default-prefect-aws-0.7.11-reconstructed.json': ['require-network-configuration-for-awsvpc'],
  'users/01-entechlog-ecs-base-job-template.json': [
    'no-unused-variable',
    'valid-aws-identifiers',
    'valid-network-configuration',
    'valid-variable-default',
  ],
  'users/02-entechlog-ecs-base-job-template-with-datadog.json': [
    'no-unused-variable',
    'valid-aws-identifiers',
    'valid-network-configuration',
    'valid-variable-default',
  ],
  'users/03-entechlog-ecs-base-job-template-with-dkr-creds.json': [
    'no-plaintext-secrets',
    'no-unused-variable',
    'valid-aws-identifiers',
    'valid-network-configuration',
    'valid-variable-default',
  ],
  'users/04-isai-ecs-push-base-job-template.json': ['valid-aws-identifiers', 'valid-network-configuration'],
  'users/05-isai-ecs-push-base-job-template-duplicate-secret.json': [
    'valid-aws-identifiers',
    'valid-container-definitions',
    'valid-network-configuration',
  ],
  'users/06-isai-ecs-push-base-job-template-before-log-group.json': [
    'valid-aws-identifiers',
    'valid-cloudwatch-logs',
    'valid-network-configuration',
  ],
  'users/07-ffmpeg-push-pool-v1-values-at-top-level.json': ['valid-template-shape'],
  'users/08-ffmpeg-push-pool-v2-job-configuration-without-task-request.json': [
    'valid-container-definitions',
    'valid-template-shape',
  ],
  'users/09-ffmpeg-push-pool-v3-credentials-default-in-definitions.json': [
    'require-network-configuration-for-awsvpc',
    'valid-variables-schema',
  ],
  'users/10-ffmpeg-push-pool-v4-working.json': ['require-network-configuration-for-awsvpc'],
  'users/11-ffmpeg-push-pool-v5-arm64-with-defaults.json': ['require-network-configuration-for-awsvpc'],
  'users/12-unattributed-ui-export-ec2-plus-capacity-provider.json': [
    'fargate-requires-awsvpc',
    'no-launch-type-with-capacity-provider-strategy',
    'require-network-configuration-for-awsvpc',
    'valid-aws-identifiers',
    'valid-cloudwatch-logs',
    'valid-fargate-task-size',
    'valid-variables-schema',
  ],
};

function runCli(args: string[]): { status: number | null; results: LintResult[]; stdout: string } {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  const results = args.includes('json') ? (JSON.parse(run.stdout) as LintResult[]) : [];
  return { status: run.status, results, stdout: run.stdout };
}

describe('real templates through the CLI', () => {
  const { status, results } = runCli(['--report-info', '--format', 'json', 'fixtures/real-templates']);

  it('exits with 1 because some templates have errors', () => {
    expect(status).toBe(1);
  });

  it('lints every real template and nothing else', () => {
    const files = results.map((result) => path.relative('fixtures/real-templates', result.filePath)).sort();
    expect(files).toEqual(Object.keys(EXPECTED_RULES).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED_RULES)) {
    it(`${file} reports the pinned rules`, () => {
      const result = results.find((each) => each.filePath === path.join('fixtures/real-templates', file));
      const reported = [...new Set(result?.messages.map((message) => message.ruleId))].sort();
      expect(reported).toEqual(expected);
    });
  }

  it('reports no error on the working push pool template', () => {
    const result = results.find((each) => each.filePath.endsWith('10-ffmpeg-push-pool-v4-working.json'));
    expect(result?.errorCount).toBe(0);
  });
});

describe('prefect.yaml deployments as scenarios', () => {
  const template = 'fixtures/real-templates/users/04-isai-ecs-push-base-job-template.json';
  const jobVariables = 'fixtures/real-templates/users/04b-isai-prefect.yaml';
  const deployments = [
    'ingest-trigger-deployment',
    'full-pipeline-deployment',
    'enrichment-deployment',
    'business-processing-deployment',
    'reconciliation-deployment',
    'website-enrichment-deployment',
    'compute-search-resources-deployment',
  ];

  it('names each deployment in the JSON output', () => {
    const { results } = runCli(['--format', 'json', '--job-variables', jobVariables, template]);
    const lost = results[0]?.messages.filter((message) => message.ruleId === 'no-lost-default-keys') ?? [];
    expect(lost.map((message) => message.scenario)).toEqual(deployments);
  });

  it('points lost keys at the deployment lines in the YAML file', () => {
    const { results } = runCli(['--format', 'json', '--job-variables', jobVariables, template]);
    const lost = results[0]?.messages.filter((message) => message.ruleId === 'no-lost-default-keys') ?? [];
    expect(lost.map((message) => message.source?.filePath)).toEqual(deployments.map(() => jobVariables));
    expect(lost.map((message) => message.source?.line)).toEqual([24, 35, 46, 57, 68, 80, 91]);
  });

  it('names each deployment in the stylish output', () => {
    const { stdout } = runCli(['--job-variables', jobVariables, template]);
    for (const deployment of deployments) {
      expect(stdout).toContain(`(scenario: ${deployment}, ${jobVariables}:`);
    }
  });

  it('leaves out deployments of another pool', () => {
    const { results } = runCli(['--format', 'json', '--work-pool', 'another-pool', '--job-variables', jobVariables, template]);
    expect(results[0]?.messages.filter((message) => message.scenario !== undefined)).toEqual([]);
  });
});
