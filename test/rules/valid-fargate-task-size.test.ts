import { describe, expect, it } from 'vitest';

import { lintText } from '../../src/linter/lint.js';
import { runRuleTests, templateText } from '../helpers/rule-tester.js';

interface SizeOptions {
  cpu?: unknown;
  memory?: unknown;
  launchType?: unknown;
  taskDefinition?: Record<string, unknown>;
  runRequest?: Record<string, unknown>;
  extraProperties?: Record<string, unknown>;
}

/** Builds a template whose task size comes from the cpu and memory variables. */
function template(options: SizeOptions = {}): Record<string, unknown> {
  const cpu: Record<string, unknown> = { type: 'integer' };
  const memory: Record<string, unknown> = { type: 'integer' };
  if (options.cpu !== undefined) {
    cpu.default = options.cpu;
  }
  if (options.memory !== undefined) {
    memory.default = options.memory;
  }
  const launchType: Record<string, unknown> = { type: 'string' };
  if (options.launchType !== undefined) {
    launchType.default = options.launchType;
  }
  return {
    job_configuration: {
      task_definition: {
        containerDefinitions: [
          { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
        ],
        cpu: '{{ cpu }}',
        memory: '{{ memory }}',
        ...options.taskDefinition,
      },
      task_run_request: {
        launchType: '{{ launch_type }}',
        ...options.runRequest,
      },
    },
    variables: {
      type: 'object',
      properties: {
        launch_type: launchType,
        cpu,
        memory,
        ...options.extraProperties,
      },
    },
  };
}

/** Copies the template with one variable default changed. */
function withDefault(
  base: Record<string, unknown>,
  name: string,
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(base) as {
    variables: { properties: Record<string, Record<string, unknown>> };
  };
  const schema = copy.variables.properties[name];
  if (schema) {
    schema.default = value;
  }
  return copy;
}

const smallMemory = template({ cpu: 512, memory: 512, launchType: 'FARGATE' });
const largeCpu = template({ cpu: 4096, launchType: 'FARGATE' });
const literalSizes = template({
  launchType: 'FARGATE',
  taskDefinition: { cpu: '1 vCPU', memory: '1 GB' },
});
const overridesOnly = {
  job_configuration: {
    task_run_request: {
      launchType: 'FARGATE',
      taskDefinition:
        'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:4',
      overrides: { cpu: 256, memory: 4096 },
    },
  },
  variables: { type: 'object', properties: {} },
};
const fargateStrategy = template({
  runRequest: {
    capacityProviderStrategy: [
      { capacityProvider: 'FARGATE', weight: 1, base: 0 },
    ],
  },
});
const workPool = { name: 'etl', type: 'ecs', base_job_template: smallMemory };

runRuleTests('valid-fargate-task-size', {
  valid: [
    {
      name: 'worker defaults of 1024 and 2048',
      template: template({ launchType: 'FARGATE' }),
    },
    {
      name: 'integer strings in defaults',
      template: template({ cpu: '512', memory: '1024', launchType: 'FARGATE' }),
    },
    {
      name: 'vCPU and GB strings',
      template: template({
        launchType: 'FARGATE',
        taskDefinition: { cpu: '2 vCPU', memory: '8GB' },
      }),
    },
    {
      name: 'invalid pair on EC2',
      template: template({ cpu: 512, memory: 512, launchType: 'EC2' }),
    },
    {
      name: 'existing task definition',
      template: template({
        cpu: 512,
        memory: 512,
        launchType: 'FARGATE',
        runRequest: {
          taskDefinition:
            'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:4',
        },
      }),
    },
    {
      name: 'cpu from a Prefect variable',
      template: template({
        cpu: '{{ prefect.variables.task_cpu }}',
        memory: 512,
        launchType: 'FARGATE',
      }),
    },
    {
      name: 'Windows at 1 vCPU',
      template: template({
        cpu: 1024,
        memory: 3072,
        launchType: 'FARGATE',
        taskDefinition: {
          runtimePlatform: {
            operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE',
          },
        },
      }),
    },
    {
      name: 'valid pair in a deployment',
      template: template({ cpu: 2048, memory: 4096, launchType: 'FARGATE' }),
      jobVariables: [{ cpu: 4096, memory: 8192 }],
    },
  ],
  invalid: [
    {
      name: 'memory too small for the cpu',
      template: smallMemory,
      jobVariables: [{ cpu: 1024, memory: 2048 }],
      errors: [
        {
          messageId: 'unsupportedMemory',
          line: 30,
          column: 9,
          pointer: '/variables/properties/memory/default',
          data: {
            cpu: '512',
            memory: '512',
            allowed: '1024 to 4096 in steps of 1024',
          },
          severity: 2,
          suggestions: [
            {
              desc: 'Set the task memory to 1024 MiB, the nearest size Fargate offers with this cpu.',
              output: withDefault(smallMemory, 'memory', 1024),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'memory from a deployment',
      template: template({ cpu: 1024, memory: 2048, launchType: 'FARGATE' }),
      jobVariables: [{ memory: 1000 }],
      errors: [
        {
          messageId: 'unsupportedMemory',
          line: 11,
          column: 7,
          pointer: '/job_configuration/task_definition/memory',
          data: {
            cpu: '1024',
            memory: '1000',
            allowed: '2048 to 8192 in steps of 1024',
          },
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'cpu Fargate does not offer',
      template: template({ cpu: 300, memory: 1024, launchType: 'FARGATE' }),
      errors: [
        {
          messageId: 'unsupportedCpu',
          line: 26,
          column: 9,
          pointer: '/variables/properties/cpu/default',
          data: {
            cpu: '300',
            system: '',
            allowed: '256, 512, 1024, 2048, 4096, 8192, 16384',
          },
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'Windows below 1 vCPU',
      template: template({
        cpu: 512,
        memory: 1024,
        launchType: 'FARGATE',
        taskDefinition: {
          runtimePlatform: {
            operatingSystemFamily: 'WINDOWS_SERVER_2019_FULL',
          },
        },
      }),
      errors: [
        {
          messageId: 'windowsCpu',
          line: 29,
          column: 9,
          pointer: '/variables/properties/cpu/default',
          data: {
            cpu: '512',
            system: ' for Windows',
            allowed: '1024, 2048, 4096',
          },
        },
      ],
      output: null,
    },
    {
      name: 'large cpu with the default memory',
      template: largeCpu,
      errors: [
        {
          messageId: 'defaultMemoryNotOffered',
          line: 26,
          column: 9,
          pointer: '/variables/properties/cpu/default',
          data: {
            cpu: '4096',
            memory: '2048',
            allowed: '8192 to 30720 in steps of 1024',
          },
          suggestions: [{ output: withDefault(largeCpu, 'memory', 8192) }],
        },
      ],
      output: null,
    },
    {
      name: 'memory in an unknown unit',
      template: template({
        launchType: 'FARGATE',
        taskDefinition: { cpu: 1024, memory: '2 gigabytes' },
      }),
      errors: [
        {
          messageId: 'unparseableMemory',
          line: 11,
          column: 7,
          pointer: '/job_configuration/task_definition/memory',
          data: { value: '"2 gigabytes"' },
        },
      ],
      output: null,
    },
    {
      name: 'literal vCPU and GB strings',
      template: literalSizes,
      errors: [
        {
          messageId: 'unsupportedMemory',
          line: 11,
          column: 7,
          pointer: '/job_configuration/task_definition/memory',
          data: {
            cpu: '1024',
            memory: '1024',
            allowed: '2048 to 8192 in steps of 1024',
          },
          suggestions: [
            {
              output: template({
                launchType: 'FARGATE',
                taskDefinition: { cpu: '1 vCPU', memory: '2048' },
              }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Fargate strategy without task size',
      template: fargateStrategy,
      errors: [
        {
          messageId: 'missingTaskSizeOnCapacity',
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/cpu',
          data: { keys: 'cpu and memory', first: 'cpu' },
        },
      ],
      output: null,
    },
    {
      name: 'FARGATE compatibility without task size',
      template: template({
        taskDefinition: { requiresCompatibilities: ['FARGATE'] },
        runRequest: {
          capacityProviderStrategy: [
            { capacityProvider: 'FARGATE', weight: 1, base: 0 },
          ],
        },
      }),
      errors: [
        {
          messageId: 'missingTaskSize',
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/cpu',
          data: { keys: 'cpu and memory', first: 'cpu' },
        },
      ],
      output: null,
    },
    {
      name: 'override pair with an existing task definition',
      template: overridesOnly,
      errors: [
        {
          messageId: 'unsupportedMemory',
          line: 8,
          column: 9,
          pointer: '/job_configuration/task_run_request/overrides/memory',
          data: { cpu: '256', memory: '4096', allowed: '512, 1024, 2048' },
          suggestions: [
            {
              output: {
                ...overridesOnly,
                job_configuration: {
                  task_run_request: {
                    ...overridesOnly.job_configuration.task_run_request,
                    overrides: { cpu: 256, memory: 2048 },
                  },
                },
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'missing launch type on a push pool',
      template: template({ cpu: 256, memory: 4096 }),
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'unsupportedMemory',
          line: 29,
          column: 9,
          pointer: '/variables/properties/memory/default',
          data: { cpu: '256', memory: '4096', allowed: '512, 1024, 2048' },
        },
      ],
      output: null,
    },
    {
      name: 'memory too small in a work pool',
      template: workPool,
      errors: [
        {
          messageId: 'unsupportedMemory',
          line: 33,
          column: 11,
          pointer: '/base_job_template/variables/properties/memory/default',
          suggestions: [
            {
              output: {
                ...workPool,
                base_job_template: withDefault(smallMemory, 'memory', 1024),
              },
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

describe('valid-fargate-task-size suggestion for a job variable', () => {
  it('patches the deployment document', () => {
    const result = lintText(
      templateText(
        template({ cpu: 1024, memory: 2048, launchType: 'FARGATE' }),
      ),
      {
        rules: { 'valid-fargate-task-size': 'error' },
        jobVariables: [
          { name: 'etl', filePath: 'etl.json', values: { memory: 1000 } },
        ],
      },
    );
    const message = result.messages.find(
      (m) => m.ruleId === 'valid-fargate-task-size',
    );
    expect(message?.source?.pointer).toBe('/memory');
    expect(message?.suggestions).toEqual([
      {
        desc: 'Set the task memory to 2048 MiB, the nearest size Fargate offers with this cpu.',
        patch: [{ op: 'replace', path: '/memory', value: 2048 }],
        filePath: 'etl.json',
      },
    ]);
  });
});
