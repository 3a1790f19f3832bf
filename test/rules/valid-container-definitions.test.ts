import { describe, expect, it } from 'vitest';

import { lintText } from '../../src/linter/lint.js';
import { rules } from '../../src/rules/index.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const IMAGE = 'prefecthq/prefect:3-latest';
const SECRET_ARN =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:etl-AbCdEf';

interface ContainerOptions {
  containers: unknown[];
  containerName?: unknown;
  launchType?: string;
  taskDefinition?: Record<string, unknown>;
  runRequest?: Record<string, unknown>;
  jobConfiguration?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

/** Builds a Fargate template with the given containers and a `container_name` variable. */
function template(options: ContainerOptions): Record<string, unknown> {
  const containerName: Record<string, unknown> = { type: 'string' };
  if (options.containerName !== undefined) {
    containerName.default = options.containerName;
  }
  return {
    job_configuration: {
      task_definition: {
        containerDefinitions: options.containers,
        ...options.taskDefinition,
      },
      task_run_request: {
        launchType: options.launchType ?? 'FARGATE',
        ...options.runRequest,
      },
      container_name: '{{ container_name }}',
      ...options.jobConfiguration,
    },
    variables: {
      type: 'object',
      properties: { container_name: containerName, ...options.properties },
    },
  };
}

const secrets = [
  { name: 'API_TOKEN', valueFrom: `${SECRET_ARN}:api-token::` },
  { name: 'DB_PASSWORD', valueFrom: `${SECRET_ARN}:db-password::` },
];
const duplicateSecret = template({
  containers: [
    {
      name: 'prefect',
      image: IMAGE,
      secrets: [
        ...secrets,
        { name: 'API_TOKEN', valueFrom: `${SECRET_ARN}:api-token::` },
      ],
    },
  ],
});
const duplicateSecretPool = {
  name: 'etl',
  type: 'ecs',
  base_job_template: duplicateSecret,
};
const tooMany = Array.from({ length: 11 }, (_, i) => ({
  name: i === 0 ? 'prefect' : `sidecar-${i}`,
  image: i === 0 ? IMAGE : 'example/sidecar:1',
}));

runRuleTests('valid-container-definitions', {
  valid: [
    {
      name: 'worker adds the prefect container',
      template: template({ containers: [{}] }),
    },
    {
      name: 'non-essential sidecar on an older worker',
      template: template({
        containerName: 'prefect',
        containers: [
          { name: '{{ container_name }}', image: IMAGE },
          {
            name: 'example-agent',
            image: 'example/agent:1.0',
            essential: false,
          },
        ],
      }),
      target: { kind: 'hybrid', prefectAws: '0.7.2' },
    },
    {
      name: 'sidecar with its own settings',
      template: template({
        containerName: 'flow',
        containers: [
          {
            name: 'flow',
            image: IMAGE,
            environment: [{ name: 'LOG_LEVEL', value: 'INFO' }],
            secrets: [{ name: 'API_TOKEN', valueFrom: SECRET_ARN }],
          },
          {
            name: 'log_router',
            image: 'amazon/aws-for-fluent-bit:stable',
            cpu: 256,
            memory: 512,
          },
        ],
        runRequest: { overrides: { containerOverrides: [{ name: 'flow' }] } },
      }),
    },
    {
      name: 'sidecar image placeholder without a value',
      template: template({
        containers: [
          { name: 'prefect', image: IMAGE },
          { name: 'agent', image: '{{ agent_image }}' },
        ],
        properties: { agent_image: { type: 'string' } },
      }),
    },
    {
      name: 'override names with an existing task definition',
      template: template({
        containers: [{ name: 'prefect', image: IMAGE }],
        runRequest: {
          taskDefinition:
            'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:4',
          overrides: { containerOverrides: [{ name: 'app' }] },
        },
      }),
    },
    {
      name: 'EC2 orchestration container takes the task size',
      template: template({
        launchType: 'EC2',
        taskDefinition: { cpu: '2048', memory: '4096' },
        containers: [
          { name: 'prefect', image: IMAGE },
          { name: 'agent', image: 'example/agent:1.0', cpu: 0 },
        ],
      }),
    },
    {
      name: 'API key secret replaces the plain variable',
      template: template({
        containers: [
          {
            name: 'prefect',
            image: IMAGE,
            environment: [{ name: 'PREFECT_API_KEY', value: 'placeholder' }],
          },
        ],
        jobConfiguration: {
          prefect_api_key_secret_arn: `${SECRET_ARN}:prefect::`,
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'container_name that names no container',
      template: template({
        containers: [{ name: 'prefect', image: IMAGE }],
        jobConfiguration: { container_name: 'app' },
      }),
      errors: [
        {
          messageId: 'containerNotFound',
          line: 14,
          column: 5,
          pointer: '/job_configuration/container_name',
          data: {
            name: 'app',
            workerMessage: "Container 'app' not found in task definition.",
          },
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'container_name from a deployment',
      template: template({ containers: [{ name: 'prefect', image: IMAGE }] }),
      jobVariables: [{ container_name: 'worker' }],
      errors: [
        {
          messageId: 'containerNotFound',
          line: 14,
          column: 5,
          pointer: '/job_configuration/container_name',
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'prefect container appended beside others',
      template: template({
        containerName: 'prefect',
        containers: [{ name: 'app', image: IMAGE }],
      }),
      errors: [
        {
          messageId: 'prefectContainerAppended',
          line: 21,
          column: 9,
          pointer: '/variables/properties/container_name/default',
          data: { names: '"app"' },
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'override for an unknown container',
      template: template({
        containers: [{ name: 'prefect', image: IMAGE }],
        runRequest: {
          overrides: { containerOverrides: [{ name: 'worker', cpu: 256 }] },
        },
      }),
      errors: [
        {
          messageId: 'overrideNameMismatch',
          line: 16,
          column: 13,
          pointer:
            '/job_configuration/task_run_request/overrides/containerOverrides/0/name',
          data: { name: 'worker', names: '"prefect"' },
        },
      ],
      output: null,
    },
    {
      name: 'no essential container',
      template: template({
        containers: [
          { name: 'prefect', image: IMAGE, essential: false },
          { name: 'agent', image: 'example/agent:1.0', essential: false },
        ],
      }),
      errors: [
        {
          messageId: 'noEssentialContainer',
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/containerDefinitions',
          data: {
            workerMessage:
              'At least one container in the task definition must be marked as essential.',
          },
        },
      ],
      output: null,
    },
    {
      name: 'eleven containers',
      template: template({ containers: tooMany }),
      errors: [
        {
          messageId: 'tooManyContainers',
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/containerDefinitions',
          data: { count: 11, max: 10 },
        },
      ],
      output: null,
    },
    {
      name: 'bad names and a missing image',
      template: template({
        containers: [
          { name: 'prefect', image: IMAGE },
          { name: 'log router', image: 'example/router:1' },
          { image: 'example/agent:1' },
          { name: 'prefect', image: 'example/other:1' },
          { name: 'metrics' },
        ],
      }),
      errors: [
        {
          messageId: 'invalidContainerName',
          line: 10,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/1/name',
          data: { name: '"log router"' },
        },
        {
          messageId: 'missingContainerName',
          line: 13,
          column: 9,
          pointer: '/job_configuration/task_definition/containerDefinitions/2',
          data: { index: 3 },
        },
        {
          messageId: 'duplicateContainerName',
          line: 17,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/3/name',
          data: { name: 'prefect' },
        },
        {
          messageId: 'missingImage',
          line: 20,
          column: 9,
          pointer: '/job_configuration/task_definition/containerDefinitions/4',
          data: { container: 'metrics' },
        },
      ],
      output: null,
    },
    {
      name: 'secret listed twice',
      template: duplicateSecret,
      errors: [
        {
          messageId: 'duplicateSecret',
          line: 17,
          column: 13,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/secrets/2',
          data: { container: 'prefect', name: 'API_TOKEN' },
          severity: 2,
        },
      ],
      output: template({
        containers: [{ name: 'prefect', image: IMAGE, secrets }],
      }),
    },
    {
      name: 'secret listed twice in a work pool',
      template: duplicateSecretPool,
      errors: [
        {
          messageId: 'duplicateSecret',
          line: 20,
          column: 15,
          pointer:
            '/base_job_template/job_configuration/task_definition/containerDefinitions/0/secrets/2',
        },
      ],
      output: {
        ...duplicateSecretPool,
        base_job_template: template({
          containers: [{ name: 'prefect', image: IMAGE, secrets }],
        }),
      },
    },
    {
      name: 'environment variable set twice',
      template: template({
        containers: [
          {
            name: 'prefect',
            image: IMAGE,
            environment: [
              { name: 'LOG_LEVEL', value: 'INFO' },
              { name: 'LOG_LEVEL', value: 'DEBUG' },
            ],
          },
        ],
      }),
      errors: [
        {
          messageId: 'duplicateEnvironment',
          line: 13,
          column: 13,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/environment/1',
          data: { container: 'prefect', name: 'LOG_LEVEL' },
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'secret and environment variable with one name',
      template: template({
        containers: [
          {
            name: 'prefect',
            image: IMAGE,
            environment: [{ name: 'DB_PASSWORD', value: 'local' }],
            secrets: [{ name: 'DB_PASSWORD', valueFrom: SECRET_ARN }],
          },
        ],
      }),
      errors: [
        {
          messageId: 'secretShadowsEnvironment',
          line: 15,
          column: 13,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/secrets/0',
          data: { container: 'prefect', name: 'DB_PASSWORD' },
        },
      ],
      output: null,
    },
    {
      name: 'sidecar reservation beyond the task',
      template: template({
        launchType: 'EC2',
        taskDefinition: { cpu: '1024', memory: '2048' },
        containers: [
          { name: 'prefect', image: IMAGE, memoryReservation: 1536 },
          {
            name: 'agent',
            image: 'example/agent:1.0',
            cpu: 128,
            memory: 1024,
            memoryReservation: 768,
          },
        ],
      }),
      errors: [
        {
          messageId: 'resourcesExceedTask',
          line: 13,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/1/cpu',
          data: {
            total: 1152,
            unit: 'CPU units',
            resource: 'cpu',
            parts: 'prefect 1024, agent 128',
            task: 'cpu of 1024 CPU units',
          },
        },
        {
          messageId: 'resourcesExceedTask',
          line: 15,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/1/memoryReservation',
          data: {
            total: 2304,
            unit: 'MiB',
            resource: 'memory',
            parts: 'prefect 1536, agent 768',
            task: 'memory of 2048 MiB',
          },
        },
      ],
      output: null,
    },
    {
      name: 'sidecar memory beyond the task',
      template: template({
        taskDefinition: { cpu: '512', memory: '1024' },
        containers: [
          { name: 'prefect', image: IMAGE, memory: 512 },
          { name: 'agent', image: 'example/agent:1.0', memory: 768 },
        ],
      }),
      errors: [
        {
          messageId: 'resourcesExceedTask',
          line: 13,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/1/memory',
          data: {
            total: 1280,
            unit: 'MiB',
            resource: 'memory',
            parts: 'prefect 512, agent 768',
            task: 'memory of 1024 MiB',
          },
        },
      ],
      output: null,
    },
  ],
});

describe('task definition checks after rendering', () => {
  const lintOnly = (template: unknown) =>
    lintText(JSON.stringify(template, null, 2), {
      rules: Object.fromEntries(
        rules.filter((rule) => rule.id !== 'valid-container-definitions').map((rule) => [rule.id, 'off' as const]),
      ),
    }).messages.map((message) => message.messageId);

  it('reports a flow container that renders empty next to a non-essential sidecar', () => {
    const template = {
      job_configuration: {
        task_definition: {
          containerDefinitions: [
            { name: 'datadog', image: 'public.ecr.aws/datadog/agent:7', essential: false },
            { name: '{{ container_name }}', image: '{{ image }}' },
          ],
        },
        task_run_request: { launchType: 'EC2' },
      },
      variables: { type: 'object', properties: { container_name: { type: 'string' }, image: { type: 'string' } } },
    };
    expect(lintOnly(template)).toEqual(['noEssentialRegistered']);
  });

  it('reports a task definition that renders empty', () => {
    const template = {
      job_configuration: { task_definition: '{{ task_definition }}', task_run_request: { launchType: 'EC2' } },
      variables: { type: 'object', properties: { task_definition: { type: 'object', default: {} } } },
    };
    expect(lintOnly(template)).toEqual(['missingTaskDefinition']);
  });
});

describe('task size on other launch types', () => {
  it('reports unit strings that the worker cannot cast to integers', () => {
    const template = {
      job_configuration: {
        task_definition: {
          cpu: '1 vCPU',
          memory: '2048',
          containerDefinitions: [{ name: 'prefect', image: 'prefecthq/prefect:3-latest' }],
        },
        task_run_request: { launchType: 'EC2' },
      },
      variables: { type: 'object', properties: {} },
    };
    const result = lintText(JSON.stringify(template, null, 2), {
      rules: Object.fromEntries(
        rules.filter((rule) => rule.id !== 'valid-container-definitions').map((rule) => [rule.id, 'off' as const]),
      ),
    });
    expect(result.messages.map((message) => message.messageId)).toEqual(['taskSizeNotInteger']);
    expect(result.messages[0]?.pointer).toBe('/job_configuration/task_definition/cpu');
    expect(result.messages[0]?.data?.value).toBe('"1 vCPU"');
  });
});

describe('RunTask overrides size', () => {
  it('warns when env makes the overrides larger than AWS accepts', () => {
    const env = Object.fromEntries(Array.from({ length: 40 }, (_, index) => [`VAR_${index}`, 'x'.repeat(250)]));
    const template = {
      job_configuration: {
        env: '{{ env }}',
        task_definition: { containerDefinitions: [{ name: 'prefect', image: 'prefecthq/prefect:3-latest' }] },
        task_run_request: { launchType: 'EC2', overrides: { containerOverrides: [{ name: 'prefect', environment: '{{ env }}' }] } },
      },
      variables: { type: 'object', properties: { env: { type: 'object', default: env } } },
    };
    const result = lintText(JSON.stringify(template, null, 2), {
      rules: Object.fromEntries(
        rules.filter((rule) => rule.id !== 'valid-container-definitions').map((rule) => [rule.id, 'off' as const]),
      ),
    });
    expect(result.messages.map((message) => message.messageId)).toEqual(['overridesTooLarge']);
    expect(result.messages[0]?.severity).toBe(1);
    expect(result.messages[0]?.pointer).toBe('/variables/properties/env/default');
  });
});
