import { describe, expect, it } from 'vitest';

import { applyPatchToText } from '../../src/fix/apply-patch.js';
import { lintText, type LintMessage } from '../../src/linter/lint.js';
import type { RuleSeverity } from '../../src/linter/types.js';
import { rules } from '../../src/rules/index.js';
import { runRuleTests, templateText } from '../helpers/rule-tester.js';

const RULE = 'no-lost-default-keys';

const LOG_GROUP = '/ecs/example-etl';
const NETWORK_DEFAULT = {
  subnets: ['subnet-0123456789abcdef0'],
  securityGroups: ['sg-0123456789abcdef0'],
  assignPublicIp: 'DISABLED',
};

function template(): Record<string, unknown> {
  return {
    job_configuration: {
      env: '{{ env }}',
      configure_cloudwatch_logs: '{{ configure_cloudwatch_logs }}',
      cloudwatch_logs_options: '{{ cloudwatch_logs_options }}',
      vpc_id: '{{ vpc_id }}',
      network_configuration: '{{ network_configuration }}',
      task_definition: {
        executionRoleArn:
          'arn:aws:iam::123456789012:role/example-execution-role',
        containerDefinitions: [{ name: 'prefect', image: '{{ image }}' }],
      },
      task_run_request: { launchType: 'FARGATE' },
      aws_credentials: '{{ aws_credentials }}',
    },
    variables: {
      type: 'object',
      properties: {
        env: {
          type: 'object',
          additionalProperties: { type: 'string' },
          default: { EXAMPLE_DEFAULT: 'a' },
        },
        configure_cloudwatch_logs: { type: 'boolean', default: true },
        cloudwatch_logs_options: {
          type: 'object',
          additionalProperties: { type: 'string' },
          default: { 'awslogs-group': LOG_GROUP },
        },
        vpc_id: { type: 'string', default: 'vpc-0123456789abcdef0' },
        network_configuration: { type: 'object', default: NETWORK_DEFAULT },
        image: { type: 'string', default: 'prefecthq/prefect:3-python3.12' },
        unused_settings: { type: 'object', default: { EXAMPLE_KEY: '1' } },
        task_definition_override: { type: 'object' },
        aws_credentials: {
          type: 'object',
          default: {
            $ref: { block_document_id: '00000000-0000-4000-8000-000000000001' },
          },
        },
      },
    },
  };
}

runRuleTests(RULE, {
  valid: [
    { name: 'defaults scenario only', template: template() },
    {
      name: 'job value that repeats the default keys',
      template: template(),
      jobVariables: [
        {
          cloudwatch_logs_options: {
            'awslogs-group': LOG_GROUP,
            'awslogs-stream-prefix': 'business',
          },
        },
      ],
    },
    {
      name: 'env is merged key by key',
      template: template(),
      jobVariables: [{ env: { EXAMPLE_DEPLOYMENT: 'b' } }],
    },
    {
      name: 'variable that no placeholder reads',
      template: template(),
      jobVariables: [{ unused_settings: { OTHER_KEY: '2' } }],
    },
    {
      name: 'default that is not an object',
      template: template(),
      jobVariables: [{ image: 'prefecthq/prefect:3-python3.13' }],
    },
    {
      name: 'explicit null for an object variable',
      template: template(),
      jobVariables: [{ cloudwatch_logs_options: null }],
    },
    {
      name: 'credentials in place of a block reference',
      template: template(),
      jobVariables: [{ aws_credentials: { region_name: 'eu-north-1' } }],
    },
    {
      name: 'object variable without a default',
      template: template(),
      jobVariables: [{ task_definition_override: { cpu: '1024' } }],
    },
  ],
  invalid: [
    {
      name: 'log options without the log group',
      template: template(),
      jobVariables: [
        { cloudwatch_logs_options: { 'awslogs-stream-prefix': 'business' } },
      ],
      errors: [
        {
          messageId: 'lostKeys',
          data: {
            name: 'cloudwatch_logs_options',
            keys: '"awslogs-group"',
            noun: 'key',
            verb: 'is',
          },
          line: 5,
          column: 5,
          pointer: '/job_configuration/cloudwatch_logs_options',
          severity: 1,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'network configuration with subnets only',
      template: template(),
      jobVariables: [
        { network_configuration: { subnets: ['subnet-0fedcba9876543210'] } },
      ],
      errors: [
        {
          messageId: 'lostKeys',
          data: {
            name: 'network_configuration',
            keys: '"securityGroups", "assignPublicIp"',
            noun: 'keys',
            verb: 'are',
          },
          line: 7,
          column: 5,
          pointer: '/job_configuration/network_configuration',
          severity: 1,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'dotted job variable key',
      template: template(),
      jobVariables: [
        { 'cloudwatch_logs_options.awslogs-stream-prefix': 'business' },
      ],
      errors: [
        {
          messageId: 'lostKeys',
          line: 5,
          column: 5,
          pointer: '/job_configuration/cloudwatch_logs_options',
          severity: 1,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'only the second scenario loses keys',
      template: template(),
      jobVariables: [
        { image: 'prefecthq/prefect:3-python3.13' },
        { cloudwatch_logs_options: {} },
      ],
      errors: [
        {
          messageId: 'lostKeys',
          line: 5,
          column: 5,
          pointer: '/job_configuration/cloudwatch_logs_options',
          severity: 1,
          scenario: 'scenario-2',
        },
      ],
      output: null,
    },
    {
      name: 'work pool document',
      template: {
        name: 'example-pool',
        type: 'ecs:push',
        base_job_template: template(),
      },
      jobVariables: [
        { cloudwatch_logs_options: { 'awslogs-region': 'eu-north-1' } },
      ],
      errors: [
        {
          messageId: 'lostKeys',
          line: 8,
          column: 7,
          pointer:
            '/base_job_template/job_configuration/cloudwatch_logs_options',
          severity: 1,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
  ],
});

function lintJobVariables(
  jobVariables: Record<string, unknown>,
): LintMessage[] {
  const severities: Record<string, RuleSeverity> = Object.fromEntries(
    rules.map((rule) => [rule.id, rule.id === RULE ? 'error' : 'off']),
  );
  return lintText(templateText(template()), {
    rules: severities,
    jobVariables: [{ name: 'scenario-1', values: jobVariables }],
  }).messages;
}

function applySuggestion(
  message: LintMessage | undefined,
  jobVariables: Record<string, unknown>,
): unknown {
  expect(message?.suggestions).toHaveLength(1);
  const suggestion = message?.suggestions?.[0];
  expect(suggestion?.filePath).toBe('scenario-1');
  return JSON.parse(
    applyPatchToText(
      JSON.stringify(jobVariables, null, 2),
      suggestion?.patch ?? [],
    ),
  );
}

describe('no-lost-default-keys suggestions', () => {
  it('adds the lost log group back', () => {
    const jobVariables = {
      cloudwatch_logs_options: { 'awslogs-stream-prefix': 'business' },
    };
    const [message] = lintJobVariables(jobVariables);
    expect(applySuggestion(message, jobVariables)).toEqual({
      cloudwatch_logs_options: {
        'awslogs-stream-prefix': 'business',
        'awslogs-group': LOG_GROUP,
      },
    });
  });

  it('adds every lost key with its default value', () => {
    const jobVariables = {
      network_configuration: { subnets: ['subnet-0fedcba9876543210'] },
    };
    const [message] = lintJobVariables(jobVariables);
    expect(applySuggestion(message, jobVariables)).toEqual({
      network_configuration: {
        subnets: ['subnet-0fedcba9876543210'],
        securityGroups: NETWORK_DEFAULT.securityGroups,
        assignPublicIp: 'DISABLED',
      },
    });
  });

  it('adds a dotted key beside a dotted key', () => {
    const jobVariables = {
      'cloudwatch_logs_options.awslogs-stream-prefix': 'business',
    };
    const [message] = lintJobVariables(jobVariables);
    expect(message?.source?.pointer).toBe(
      '/cloudwatch_logs_options.awslogs-stream-prefix',
    );
    expect(applySuggestion(message, jobVariables)).toEqual({
      'cloudwatch_logs_options.awslogs-stream-prefix': 'business',
      'cloudwatch_logs_options.awslogs-group': LOG_GROUP,
    });
  });

  it('points at the job variable in its document', () => {
    const [message] = lintJobVariables({ cloudwatch_logs_options: {} });
    expect(message?.source?.scenario).toBe('scenario-1');
    expect(message?.source?.pointer).toBe('/cloudwatch_logs_options');
  });
});
