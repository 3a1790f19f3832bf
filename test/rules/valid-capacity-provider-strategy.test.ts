import { runRuleTests } from '../helpers/rule-tester.js';

const CAPACITY_PROVIDER_SCHEMA = {
  type: 'object',
  properties: {
    capacityProvider: { type: 'string' },
    weight: { type: 'integer' },
    base: { type: 'integer' },
  },
  required: ['capacityProvider', 'weight', 'base'],
};

/** Builds a template whose run request reads the strategy from `capacity_provider_strategy`. */
function variableTemplate(
  strategyDefault?: unknown[],
): Record<string, unknown> {
  const strategy: Record<string, unknown> = {
    type: 'array',
    items: CAPACITY_PROVIDER_SCHEMA,
  };
  if (strategyDefault !== undefined) {
    strategy.default = strategyDefault;
  }
  return {
    job_configuration: {
      task_definition: {
        requiresCompatibilities: ['EC2'],
        containerDefinitions: [
          { name: 'prefect', image: 'prefecthq/prefect:3-python3.12' },
        ],
      },
      task_run_request: {
        capacityProviderStrategy: '{{ capacity_provider_strategy }}',
      },
    },
    variables: {
      type: 'object',
      properties: { capacity_provider_strategy: strategy },
    },
  };
}

/** Builds a template with the strategy written into the run request. */
function literalTemplate(
  strategy: unknown[],
  properties: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    job_configuration: {
      task_definition: {
        containerDefinitions: [
          { name: 'prefect', image: 'prefecthq/prefect:3-python3.12' },
        ],
      },
      task_run_request: { capacityProviderStrategy: strategy },
    },
    variables: { type: 'object', properties },
  };
}

const item = (
  capacityProvider: unknown,
  weight: unknown = 1,
  base: unknown = 0,
): Record<string, unknown> => ({
  capacityProvider,
  weight,
  base,
});

runRuleTests('valid-capacity-provider-strategy', {
  valid: [
    {
      name: 'Auto Scaling group strategy',
      template: variableTemplate([item('example-gpu-asg-provider')]),
    },
    {
      name: 'Fargate and Fargate Spot with one base',
      template: variableTemplate([
        item('FARGATE', 1, 1),
        item('FARGATE_SPOT', 4, 0),
      ]),
    },
    {
      name: 'strategy variable without a default',
      template: variableTemplate(),
    },
    {
      name: 'strategy the worker builds from FARGATE_SPOT',
      template: {
        job_configuration: {
          task_definition: { containerDefinitions: [{ name: 'prefect' }] },
          task_run_request: { launchType: '{{ launch_type }}' },
        },
        variables: {
          type: 'object',
          properties: {
            launch_type: { type: 'string', default: 'FARGATE_SPOT' },
          },
        },
      },
      jobVariables: [{ launch_type: 'FARGATE_SPOT' }],
    },
    {
      name: 'provider from a variable default on a push pool',
      target: { kind: 'push' },
      template: literalTemplate([item('{{ capacity_provider }}')], {
        capacity_provider: {
          type: 'string',
          default: 'example-gpu-asg-provider',
        },
      }),
    },
    {
      name: 'provider from a variable without a default',
      template: literalTemplate([item('{{ capacity_provider }}')], {
        capacity_provider: { type: 'string' },
      }),
    },
    {
      name: 'weight from a Prefect variable',
      template: variableTemplate(),
      jobVariables: [
        {
          capacity_provider_strategy: [
            item('FARGATE', '{{ prefect.variables.fargate_weight }}'),
          ],
        },
      ],
    },
    {
      name: 'job variables with a complete strategy',
      template: variableTemplate([item('FARGATE')]),
      jobVariables: [
        { capacity_provider_strategy: [item('example-asg-provider', 2, 1)] },
      ],
    },
  ],
  invalid: [
    {
      name: 'default item without base',
      template: variableTemplate([{ capacityProvider: 'FARGATE', weight: 1 }]),
      errors: [
        {
          messageId: 'missingField',
          data: { index: 0, field: 'base' },
          line: 43,
          column: 11,
          pointer: '/variables/properties/capacity_provider_strategy/default/0',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'job variable weight above the maximum',
      template: variableTemplate([item('FARGATE')]),
      jobVariables: [{ capacity_provider_strategy: [item('FARGATE', 1001)] }],
      errors: [
        {
          messageId: 'invalidWeight',
          data: { index: 0, value: '1001', min: 0, max: 1000 },
          line: 15,
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
      name: 'negative base',
      template: literalTemplate([item('FARGATE', 1, -1)]),
      errors: [
        {
          messageId: 'invalidBase',
          data: { index: 0, value: '-1', min: 0, max: 100000 },
          line: 16,
          column: 11,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy/0/base',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'weight written as text',
      template: literalTemplate([item('FARGATE', '1')]),
      errors: [
        {
          messageId: 'invalidWeight',
          data: { index: 0, value: '"1"', min: 0, max: 1000 },
          line: 15,
          column: 11,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy/0/weight',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'reserved provider name',
      template: literalTemplate([item('ecs-gpu-provider')]),
      errors: [
        {
          messageId: 'invalidName',
          data: { index: 0, value: '"ecs-gpu-provider"' },
          line: 14,
          column: 11,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy/0/capacityProvider',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'two items with a base',
      template: literalTemplate([
        item('FARGATE', 1, 2),
        item('FARGATE_SPOT', 1, 1),
      ]),
      errors: [
        {
          messageId: 'multipleBases',
          data: { count: 2, providers: '"FARGATE", "FARGATE_SPOT"' },
          line: 12,
          column: 7,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'every weight zero',
      template: literalTemplate([item('FARGATE', 0), item('FARGATE_SPOT', 0)]),
      errors: [
        {
          messageId: 'noWeight',
          line: 12,
          column: 7,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'more items than RunTask accepts',
      template: literalTemplate(
        Array.from({ length: 21 }, (_, index) =>
          item(`example-provider-${index}`),
        ),
      ),
      errors: [
        {
          messageId: 'tooManyItems',
          data: { count: 21, max: 20 },
          line: 12,
          column: 7,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'Fargate mixed with an Auto Scaling group provider',
      template: variableTemplate([
        item('FARGATE'),
        item('example-asg-provider'),
      ]),
      errors: [
        {
          messageId: 'mixedProviders',
          data: { fargate: '"FARGATE"', autoScaling: '"example-asg-provider"' },
          line: 42,
          column: 9,
          pointer: '/variables/properties/capacity_provider_strategy/default',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'item that is not an object',
      template: literalTemplate(['FARGATE']),
      errors: [
        {
          messageId: 'notObject',
          data: { index: 0, value: '"FARGATE"' },
          line: 13,
          column: 9,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy/0',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'only the job variables scenario is invalid',
      template: variableTemplate(),
      jobVariables: [
        {
          capacity_provider_strategy: [
            { capacityProvider: 'FARGATE', base: 0 },
          ],
        },
      ],
      errors: [
        {
          messageId: 'missingField',
          data: { index: 0, field: 'weight' },
          line: 15,
          column: 7,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy',
          severity: 2,
          scenario: 'scenario-1',
        },
        {
          messageId: 'noWeight',
          line: 15,
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
      name: 'work pool document',
      template: {
        name: 'example-pool',
        type: 'ecs',
        base_job_template: literalTemplate([item('FARGATE', 1, 100001)]),
      },
      errors: [
        {
          messageId: 'invalidBase',
          data: { index: 0, value: '100001', min: 0, max: 100000 },
          line: 19,
          column: 13,
          pointer:
            '/base_job_template/job_configuration/task_run_request/capacityProviderStrategy/0/base',
          severity: 2,
        },
      ],
      output: null,
    },
  ],
});
