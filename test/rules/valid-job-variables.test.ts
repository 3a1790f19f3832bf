import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { applyPatchToText } from '../../src/fix/apply-patch.js';
import { lintText, type LintMessage } from '../../src/linter/lint.js';
import type { RuleSeverity } from '../../src/linter/types.js';
import { rules } from '../../src/rules/index.js';
import { runRuleTests, templateText } from '../helpers/rule-tester.js';

const RULE = 'valid-job-variables';

const nullable = (
  type: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  anyOf: [{ type }, { type: 'null' }],
  default: null,
  ...extra,
});

/** Builds a template shaped like the stock one, with the variables this rule reads. */
function template(
  changes: { properties?: Record<string, unknown>; required?: string[] } = {},
): Record<string, unknown> {
  return {
    job_configuration: {
      cluster: '{{ cluster }}',
      task_definition: {
        containerDefinitions: [{ name: 'prefect', image: '{{ image }}' }],
        cpu: '{{ cpu }}',
        memory: '{{ memory }}',
      },
      task_run_request: {
        launchType: '{{ launch_type }}',
        cluster: '{{ cluster }}',
        taskDefinition: '{{ task_definition_arn }}',
        capacityProviderStrategy: '{{ capacity_provider_strategy }}',
        overrides: { taskRoleArn: '{{ task_role_arn }}' },
      },
      env: '{{ env }}',
    },
    variables: {
      type: 'object',
      properties: {
        cluster: nullable('string'),
        image: { type: 'string', default: 'prefecthq/prefect:3-python3.12' },
        cpu: nullable('integer'),
        memory: nullable('integer'),
        launch_type: {
          type: 'string',
          enum: ['FARGATE', 'EC2', 'EXTERNAL', 'FARGATE_SPOT'],
          default: 'FARGATE',
        },
        task_definition_arn: nullable('string'),
        task_role_arn: nullable('string'),
        capacity_provider_strategy: {
          type: 'array',
          items: { $ref: '#/definitions/CapacityProvider' },
        },
        env: {
          type: 'object',
          additionalProperties: {
            anyOf: [{ type: 'string' }, { type: 'null' }],
          },
        },
        ...changes.properties,
      },
      ...(changes.required ? { required: changes.required } : {}),
      definitions: {
        CapacityProvider: {
          type: 'object',
          properties: {
            capacityProvider: { type: 'string' },
            weight: { type: 'integer' },
            base: { type: 'integer' },
          },
          required: ['capacityProvider', 'weight', 'base'],
        },
      },
    },
  };
}

function workPool(): Record<string, unknown> {
  return { name: 'example-pool', type: 'ecs', base_job_template: template() };
}

const LAUNCH_TYPE_ENUM =
  'must be equal to one of the allowed values: "FARGATE", "EC2", "EXTERNAL", "FARGATE_SPOT"';

runRuleTests(RULE, {
  valid: [
    { name: 'defaults scenario only', template: template() },
    {
      name: 'job variables that match the schema',
      template: template(),
      jobVariables: [
        {
          cpu: 1024,
          memory: 2048,
          cluster: 'example-cluster',
          capacity_provider_strategy: [
            { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 },
          ],
        },
      ],
    },
    {
      name: 'dotted key of a declared variable',
      template: template(),
      jobVariables: [{ 'env.EXAMPLE_SETTING': 'on' }],
    },
    {
      name: 'null for a nullable variable outside the run request',
      template: template(),
      jobVariables: [{ image: null, cpu: null }],
    },
    {
      name: 'null cluster filled in by a 0.7.1 worker',
      template: {
        ...template(),
        job_configuration: {
          cluster: 'example-cluster',
          task_definition: { containerDefinitions: [{ name: 'prefect' }] },
          task_run_request: { cluster: '{{ cluster }}' },
        },
      },
      jobVariables: [{ cluster: null }],
    },
    {
      name: 'required variable with a null default',
      template: template({ required: ['cluster'] }),
      jobVariables: [{ cpu: 1024 }],
    },
    {
      name: 'required variable given by the job variables',
      template: template({ required: ['cluster'] }),
      jobVariables: [{ cluster: 'example-cluster' }],
    },
    {
      name: 'invalid default turns required checks off',
      template: template({
        required: ['cluster'],
        properties: { cpu: { type: 'integer', default: '512' } },
      }),
      jobVariables: [
        {
          capacity_provider_strategy: [
            { capacityProvider: 'FARGATE', weight: 1 },
          ],
        },
      ],
    },
    {
      name: 'optional nested property set to null',
      template: template({
        properties: {
          network_configuration: {
            type: 'object',
            properties: { assignPublicIp: { type: 'string' } },
          },
        },
      }),
      jobVariables: [{ network_configuration: { assignPublicIp: null } }],
    },
    {
      name: 'work pool with valid job variables',
      template: workPool(),
      jobVariables: [
        { task_role_arn: 'arn:aws:iam::123456789012:role/example-task-role' },
      ],
    },
    {
      name: 'template without variables',
      template: { job_configuration: { task_definition: {} } },
      jobVariables: [{ cpu: 'anything' }],
    },
  ],
  invalid: [
    {
      name: 'capacity provider item without base',
      template: template(),
      jobVariables: [
        {
          capacity_provider_strategy: [
            { capacityProvider: 'FARGATE', weight: 1 },
          ],
        },
      ],
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'capacity_provider_strategy',
            field: 'capacity_provider_strategy[0]',
            problem: "must have required property 'base'",
          },
          line: 18,
          column: 7,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'integer variable given as a string',
      template: template(),
      jobVariables: [{ cpu: '1024' }],
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'cpu',
            field: 'cpu',
            problem: '"1024" must be integer',
          },
          line: 11,
          column: 7,
          pointer: '/job_configuration/task_definition/cpu',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'launch type set to null',
      template: template(),
      jobVariables: [{ launch_type: null }],
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'launch_type',
            field: 'launch_type',
            problem: `null ${LAUNCH_TYPE_ENUM}`,
          },
          line: 15,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'camel-case key of a declared variable',
      template: template(),
      jobVariables: [
        { taskRoleArn: 'arn:aws:iam::123456789012:role/example-task-role' },
      ],
      errors: [
        {
          messageId: 'undeclaredWithSuggestion',
          data: { name: 'taskRoleArn', suggestion: 'task_role_arn' },
          line: 27,
          column: 5,
          pointer: '/variables/properties',
          severity: 1,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'key with no close declared name',
      template: template(),
      jobVariables: [{ stream_output: true }],
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'stream_output' },
          line: 27,
          column: 5,
          pointer: '/variables/properties',
          severity: 1,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'task definition ARN set to null',
      template: template(),
      jobVariables: [{ task_definition_arn: null }],
      errors: [
        {
          messageId: 'emptyTaskDefinitionArn',
          data: {
            name: 'task_definition_arn',
            value: 'null',
            workerMessage:
              "Task definition ARN mismatch: 'None' != '<registered task definition ARN>'",
          },
          line: 17,
          column: 7,
          pointer: '/job_configuration/task_run_request/taskDefinition',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'task role ARN set to an empty string',
      template: template(),
      jobVariables: [{ task_role_arn: '' }],
      errors: [
        {
          messageId: 'emptyRunRequestValue',
          data: {
            name: 'task_role_arn',
            value: '""',
            field: 'task_run_request.overrides.taskRoleArn',
          },
          line: 20,
          column: 9,
          pointer: '/job_configuration/task_run_request/overrides/taskRoleArn',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'null cluster on a push pool',
      template: template(),
      target: { kind: 'push' },
      jobVariables: [{ cluster: null }],
      errors: [
        {
          messageId: 'emptyRunRequestValue',
          data: {
            name: 'cluster',
            value: 'null',
            field: 'task_run_request.cluster',
          },
          line: 3,
          column: 5,
          pointer: '/job_configuration/cluster',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'required variable that nothing sets',
      template: template({
        required: ['cluster'],
        properties: { cluster: { type: 'string' } },
      }),
      jobVariables: [{ cpu: 1024 }],
      errors: [
        {
          messageId: 'missingRequired',
          data: { name: 'cluster' },
          line: 3,
          column: 5,
          pointer: '/job_configuration/cluster',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'only the second scenario is invalid',
      template: template(),
      jobVariables: [{ memory: 2048 }, { memory: 2048.5 }],
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'memory',
            field: 'memory',
            problem: '2048.5 must be integer',
          },
          line: 12,
          column: 7,
          pointer: '/job_configuration/task_definition/memory',
          severity: 2,
          scenario: 'scenario-2',
        },
      ],
      output: null,
    },
    {
      name: 'work pool document',
      template: workPool(),
      jobVariables: [{ cpu: '1 vCPU' }],
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'cpu',
            field: 'cpu',
            problem: '"1 vCPU" must be integer',
          },
          line: 14,
          column: 9,
          pointer: '/base_job_template/job_configuration/task_definition/cpu',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
  ],
});

/** Lints with only this rule and the given job variables as `scenario-1`. */
function lintJobVariables(
  document: unknown,
  jobVariables: Record<string, unknown>,
): LintMessage[] {
  const severities: Record<string, RuleSeverity> = Object.fromEntries(
    rules.map((rule) => [rule.id, rule.id === RULE ? 'error' : 'off']),
  );
  return lintText(templateText(document), {
    rules: severities,
    jobVariables: [{ name: 'scenario-1', values: jobVariables }],
  }).messages;
}

/** Applies a message's only suggestion to the job variables it points into. */
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

describe('valid-job-variables suggestions', () => {
  it('adds base 0 to a capacity provider item', () => {
    const jobVariables = {
      capacity_provider_strategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    };
    const [message] = lintJobVariables(template(), jobVariables);
    expect(applySuggestion(message, jobVariables)).toEqual({
      capacity_provider_strategy: [
        { capacityProvider: 'FARGATE', weight: 1, base: 0 },
      ],
    });
  });

  it('writes an integer string as a number', () => {
    const jobVariables = { cpu: '1024' };
    const [message] = lintJobVariables(template(), jobVariables);
    expect(applySuggestion(message, jobVariables)).toEqual({ cpu: 1024 });
  });

  it('offers no conversion for text that is not a number', () => {
    const [message] = lintJobVariables(template(), { cpu: '1 vCPU' });
    expect(message?.messageId).toBe('invalid');
    expect(message?.suggestions).toBeUndefined();
  });

  it('renames a key to the closest declared variable', () => {
    const jobVariables = {
      taskRoleArn: 'arn:aws:iam::123456789012:role/example-task-role',
    };
    const [message] = lintJobVariables(template(), jobVariables);
    expect(applySuggestion(message, jobVariables)).toEqual({
      task_role_arn: 'arn:aws:iam::123456789012:role/example-task-role',
    });
  });

  it('does not rename onto a key that is already set', () => {
    const [message] = lintJobVariables(template(), {
      taskRoleArn: 'a',
      task_role_arn: 'b',
    });
    expect(message?.messageId).toBe('undeclaredWithSuggestion');
    expect(message?.suggestions).toBeUndefined();
  });

  it('removes a null task definition ARN', () => {
    const jobVariables = { task_definition_arn: null, cpu: 1024 };
    const [message] = lintJobVariables(template(), jobVariables);
    expect(applySuggestion(message, jobVariables)).toEqual({ cpu: 1024 });
  });
});

describe('valid-job-variables locations', () => {
  it('points into the job-variables document', () => {
    const [message] = lintJobVariables(template(), {
      capacity_provider_strategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
    });
    expect(message?.source?.scenario).toBe('scenario-1');
    expect(message?.source?.pointer).toBe('/capacity_provider_strategy/0');
  });

  it('points at the document root for a missing required variable', () => {
    const document = template({
      required: ['cluster'],
      properties: { cluster: { type: 'string' } },
    });
    const [message] = lintJobVariables(document, { cpu: 1024 });
    expect(message?.source?.pointer).toBe('');
  });
});

// Values that prefect deploy or the worker resolves later are unknown, so
// their type is never held against the schema.
runRuleTests('valid-job-variables', {
  valid: [
    {
      name: 'deploy-time references in job variables',
      template: JSON.parse(
        readFileSync(
          path.join(import.meta.dirname, '..', '..', 'fixtures', 'real-templates', 'prefect-default-prefect-aws-0.7.11-reconstructed.json'),
          'utf8',
        ),
      ),
      jobVariables: [
        {
          cpu: '{{ prefect.variables.etl_cpu }}',
          memory: '{{ $ETL_MEMORY }}',
          auto_deregister_task_definition: '{{ prefect.blocks.json.flags.deregister }}',
        },
      ],
    },
  ],
  invalid: [],
});
