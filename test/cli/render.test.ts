import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { formatValue } from '../../src/cli/commands/render.js';
import { UnknownValue } from '../../src/render/unknown.js';
import { InferredValue } from '../../src/worker/inferred.js';
import { readFixture, runCli } from '../transforms/helpers.js';

const ISAI_TEMPLATE = 'fixtures/real-templates/users/04-isai-ecs-push-base-job-template.json';
const ENRICHMENT = 'fixtures/job-variables/isai/enrichment-deployment.json';
const DEFAULT_0_7_11 = 'fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json';

interface JsonScenario {
  scenario: string | null;
  jobConfiguration: Record<string, unknown>;
  registerTaskDefinition: Record<string, unknown> | undefined;
  runTask: Record<string, unknown>;
  workerErrors: { code: string; message: string }[];
}

async function renderJson(argv: string[]): Promise<JsonScenario[]> {
  const { code, stdout } = await runCli(['render', '--format', 'json', ...argv]);
  expect(code).toBe(0);
  return JSON.parse(stdout) as JsonScenario[];
}

function firstContainer(taskDefinition: Record<string, unknown> | undefined): Record<string, unknown> {
  const containers = taskDefinition?.containerDefinitions as Record<string, unknown>[];
  return containers[0] ?? {};
}

describe('render of a user push template with a deployment', () => {
  it('prints the expected readable preview', async () => {
    const { code, stdout, stderr } = await runCli(['render', '--target', 'push', ISAI_TEMPLATE, '--job-variables', ENRICHMENT]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(readFixture('fixtures/render/isai-enrichment-push.txt'));
  });

  it('shows the deployment size and family in both requests', async () => {
    const [, enrichment] = await renderJson(['--target', 'push', ISAI_TEMPLATE, '--job-variables', ENRICHMENT]);
    expect(enrichment?.scenario).toBe('enrichment-deployment');
    expect(enrichment?.registerTaskDefinition).toMatchObject({ cpu: '4096', memory: '8192', family: 'enrichment' });
    const overrides = enrichment?.runTask.overrides as Record<string, unknown>;
    expect(overrides.cpu).toBe('4096');
    expect(overrides.memory).toBe('8192');
    expect(enrichment?.runTask.launchType).toBe('FARGATE');
    expect(enrichment?.runTask.cluster).toBe('example-etl-cluster');
  });

  it('shows that the deployment loses the pool log group', async () => {
    const [defaults, enrichment] = await renderJson(['--target', 'push', ISAI_TEMPLATE, '--job-variables', ENRICHMENT]);
    const options = (scenario: JsonScenario | undefined) =>
      (firstContainer(scenario?.registerTaskDefinition).logConfiguration as Record<string, Record<string, unknown>>)
        .options;
    expect(options(defaults)?.['awslogs-group']).toBe('/ecs/example-etl');
    expect(options(enrichment)?.['awslogs-group']).toBe('prefect');
    expect(options(enrichment)?.['awslogs-stream-prefix']).toBe('enrichment');
    expect(options(enrichment)?.['awslogs-region']).toEqual({ $inferred: "the AWS client's region" });
  });

  it('shows how the push executor replaces the container secrets', async () => {
    const [push] = await renderJson(['--target', 'push', ISAI_TEMPLATE]);
    const [hybrid] = await renderJson([ISAI_TEMPLATE]);
    const names = (scenario: JsonScenario | undefined) =>
      (firstContainer(scenario?.registerTaskDefinition).secrets as { name: string }[]).map((secret) => secret.name);
    expect(names(push)).toEqual(['PREFECT_API_KEY']);
    expect(names(hybrid)).toEqual([
      'GOOGLE_API_KEY',
      'DEALROOM_API_KEY',
      'SUPABASE_URL',
      'SUPABASE_SERVICE_ROLE_KEY',
      'ATTIO_BY_TOKEN',
      'ATTIO_CG_TOKEN',
      'PREFECT_API_KEY',
    ]);
  });

  it('marks the credentials block as unknown', async () => {
    const [defaults] = await renderJson(['--target', 'push', ISAI_TEMPLATE]);
    expect(defaults?.scenario).toBeNull();
    expect(defaults?.jobConfiguration.aws_credentials).toEqual({
      $unknown: 'block-reference',
      text: '{"$ref":{"block_document_id":"00000000-0000-4000-8000-000000000001"}}',
    });
  });
});

describe('render of the default template', () => {
  it('marks the inferred network configuration', async () => {
    const [defaults] = await renderJson([DEFAULT_0_7_11]);
    expect(defaults?.runTask.networkConfiguration).toEqual({
      awsvpcConfiguration: {
        subnets: { $inferred: 'every subnet of the default VPC' },
        assignPublicIp: 'ENABLED',
        securityGroups: [],
      },
    });
    expect(defaults?.runTask.launchType).toBe('FARGATE');
  });

  it('prints the inferred subnets as a marker in the readable layout', async () => {
    const { stdout } = await runCli(['render', DEFAULT_0_7_11]);
    expect(stdout.split('\n')[0]).toBe('Target: hybrid worker, prefect-aws 0.7.11');
    expect(stdout).toContain('        "subnets": <inferred: every subnet of the default VPC>,\n');
    expect(stdout).toContain('\nWorker errors: none\n');
  });

  it('follows --prefect-aws for an older worker', async () => {
    const [defaults] = await renderJson(['--prefect-aws', '0.4.14', DEFAULT_0_7_11]);
    expect(defaults?.runTask.launchType).toBe('FARGATE');
    const { stdout } = await runCli(['render', '--prefect-aws', '0.4.14', DEFAULT_0_7_11]);
    expect(stdout.split('\n')[0]).toBe('Target: hybrid worker, prefect-aws 0.4.14');
  });

  it('lists worker errors and a missing registration', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'prefect-ecs-lint-render-'));
    const file = path.join(directory, 'existing-definition.json');
    writeFileSync(
      file,
      JSON.stringify({
        task_definition_arn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/flows:3',
        network_configuration: { subnets: ['subnet-0123456789abcdef0'] },
      }),
    );
    const { code, stdout } = await runCli(['render', DEFAULT_0_7_11, '--job-variables', file]);
    rmSync(directory, { recursive: true, force: true });
    expect(code).toBe(0);
    const scenario = stdout.slice(stdout.indexOf('== Scenario: existing-definition'));
    expect(scenario).toContain(
      '\n\nRegisterTaskDefinition: not sent; the run request names an existing task definition.\n\n',
    );
    expect(scenario.endsWith(
      'Worker errors (the worker fails the flow run before it calls AWS):\n  - You must provide a `vpc_id` to enable custom `network_configuration`.\n',
    )).toBe(true);
  });
});

describe('render usage', () => {
  it('shows its help', async () => {
    const { code, stdout } = await runCli(['render', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: prefect-ecs-lint render \[options\] FILE/);
  });

  const usageErrors: [string[], string][] = [
    [['render'], 'Give the template or work pool file to render: prefect-ecs-lint render FILE.'],
    [['render', DEFAULT_0_7_11, ISAI_TEMPLATE], 'render takes one file, but also got'],
    [['render', '--format', 'yaml', DEFAULT_0_7_11], 'Invalid --format "yaml": use text or json.'],
    [['render', '--target', 'lambda', DEFAULT_0_7_11], 'Invalid --target "lambda": use hybrid or push.'],
    [['render', 'fixtures/not-templates/package-like.json'], 'has no job_configuration object to render'],
    [['render', 'fixtures/invalid/trailing-comma.json'], 'invalid JSON'],
    [['render', DEFAULT_0_7_11, '--job-variables', 'missing.json'], 'Cannot read'],
  ];
  for (const [argv, message] of usageErrors) {
    it(`exits 2 for ${argv.slice(1).join(' ')}`, async () => {
      const { code, stdout, stderr } = await runCli(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
    });
  }
});

describe('formatValue', () => {
  it('writes markers unquoted inside indented JSON', () => {
    const value = {
      subnets: new InferredValue('every subnet of the default VPC'),
      image: new UnknownValue('prefect-variable', '{{ prefect.variables.image }}'),
      ports: [],
      empty: {},
      count: 2,
    };
    expect(formatValue(value)).toBe(
      [
        '{',
        '  "subnets": <inferred: every subnet of the default VPC>,',
        '  "image": <unknown: Prefect variable {{ prefect.variables.image }}>,',
        '  "ports": [],',
        '  "empty": {},',
        '  "count": 2',
        '}',
      ].join('\n'),
    );
  });
});
