import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { runRuleTests } from '../helpers/rule-tester.js';

function fixture(relativePath: string): string {
  return readFileSync(
    new URL(`../../fixtures/${relativePath}`, import.meta.url),
    'utf8',
  );
}

const RULE_ID = 'no-launch-type-with-capacity-provider-strategy';

const stockText = fixture(
  'real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
);
const uiExportText = fixture(
  'real-templates/users/12-unattributed-ui-export-ec2-plus-capacity-provider.json',
);
const autoScalingGroupJobVariables = JSON.parse(
  fixture('job-variables/ec2-capacity-provider.json'),
) as Record<string, unknown>;

/** Returns the stock template as the Auto Scaling group suggestion leaves it. */
function stockPreparedForEc2(): Record<string, any> {
  const template = JSON.parse(stockText) as Record<string, any>;
  delete template.job_configuration.task_run_request.launchType;
  delete template.variables.properties.launch_type;
  template.job_configuration.task_definition.requiresCompatibilities = ['EC2'];
  return template;
}

/**
 * Applies the expected fix to the UI export: no launch type or launch type
 * variable, a Fargate-ready task definition, and the worker's own task size
 * written as the cpu and memory defaults.
 */
function uiExportPreparedForFargate(
  template: Record<string, any>,
): Record<string, any> {
  delete template.job_configuration.task_run_request.launchType;
  delete template.variables.properties.launch_type;
  template.job_configuration.task_definition.requiresCompatibilities = [
    'FARGATE',
  ];
  template.job_configuration.task_definition.networkMode = 'awsvpc';
  template.variables.properties.cpu.default = 1024;
  template.variables.properties.memory.default = 2048;
  return template;
}

const uiExportPool = {
  name: 'p',
  type: 'ecs',
  base_job_template: JSON.parse(uiExportText) as Record<string, any>,
};

const networkVariables = {
  network_configuration: {
    type: 'object',
    default: {
      subnets: ['subnet-0abc1234'],
      securityGroups: ['sg-0abc1234'],
      assignPublicIp: 'DISABLED',
    },
  },
  vpc_id: { type: 'string', default: 'vpc-0abc1234' },
};

/** Builds a template that reads launch type and strategy from variables with defaults. */
function templatedBoth(launchType: string, provider: string) {
  return {
    job_configuration: {
      task_definition: {
        containerDefinitions: [
          { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
        ],
        cpu: '{{ cpu }}',
        memory: '{{ memory }}',
      },
      task_run_request: {
        launchType: '{{ launch_type }}',
        capacityProviderStrategy: '{{ capacity_provider_strategy }}',
      },
      network_configuration: '{{ network_configuration }}',
      vpc_id: '{{ vpc_id }}',
    },
    variables: {
      type: 'object',
      properties: {
        cpu: { type: 'integer', default: 1024 },
        memory: { type: 'integer', default: 2048 },
        launch_type: { type: 'string', default: launchType },
        capacity_provider_strategy: {
          type: 'array',
          default: [{ capacityProvider: provider, weight: 1, base: 0 }],
        },
        ...networkVariables,
      },
    },
  };
}

const fargateWithSpotStrategy = templatedBoth('FARGATE', 'FARGATE_SPOT');

function fargateWithSpotStrategyFixed() {
  const template = templatedBoth('FARGATE', 'FARGATE_SPOT') as Record<
    string,
    any
  >;
  delete template.job_configuration.task_run_request.launchType;
  delete template.variables.properties.launch_type;
  template.job_configuration.task_definition.requiresCompatibilities = [
    'FARGATE',
  ];
  template.job_configuration.task_definition.networkMode = 'awsvpc';
  return template;
}

/** Builds a template around a literal run request, as people write for push pools. */
function literalRunRequest(runRequest: Record<string, unknown>) {
  return {
    job_configuration: {
      task_definition: {
        containerDefinitions: [
          { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
        ],
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '1024',
        memory: '2048',
      },
      task_run_request: runRequest,
    },
    variables: { type: 'object', properties: {} },
  };
}

const spotStrategy = [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }];

runRuleTests(RULE_ID, {
  valid: [
    { name: 'stock template without a strategy', template: stockText },
    {
      name: 'stock template with FARGATE_SPOT as launch type',
      template: stockText,
      jobVariables: [JSON.parse(fixture('job-variables/fargate-spot.json'))],
    },
    {
      name: 'strategy without launch type on the current worker',
      template: literalRunRequest({ capacityProviderStrategy: spotStrategy }),
    },
    {
      name: 'UI export after the fix',
      template: uiExportPreparedForFargate(JSON.parse(uiExportText)),
    },
  ],
  invalid: [
    {
      // A push pool fills in FARGATE when the launch type renders empty, so
      // a missing default does not stop both keys from reaching RunTask.
      name: 'push pool, launch type variable without default',
      template: (() => {
        const template = JSON.parse(stockText) as Record<string, any>;
        delete template.variables.properties.launch_type.default;
        return template;
      })(),
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'couldSendBoth',
          data: { strategyVariable: 'capacity_provider_strategy', target: 'push pool' },
          line: 21,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'stock template with an Auto Scaling group strategy',
      template: stockText,
      jobVariables: [autoScalingGroupJobVariables],
      errors: [
        {
          messageId: 'preparedForWrongCapacity',
          data: {
            launchType: 'FARGATE',
            providers: 'Auto Scaling group capacity providers',
            target: 'prefect-aws 0.7.11',
          },
          line: 21,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
          scenario: 'scenario-1',
          suggestions: [
            {
              desc: 'Remove launchType and prepare the task definition for Auto Scaling group capacity providers.',
              output: stockPreparedForEc2(),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'stock template on a push pool',
      template: stockText,
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'couldSendBoth',
          data: {
            strategyVariable: 'capacity_provider_strategy',
            target: 'push pool',
          },
          line: 21,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'stock template on a push pool with a strategy',
      template: stockText,
      target: { kind: 'push' },
      jobVariables: [autoScalingGroupJobVariables],
      errors: [
        {
          messageId: 'bothSent',
          data: {
            launchType: 'FARGATE',
            providers: 'Auto Scaling group capacity providers',
            target: 'push pool',
          },
          line: 21,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
          scenario: 'scenario-1',
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'stock 0.4.14 template on a 0.4.13 worker',
      template: fixture(
        'real-templates/prefect-default-prefect-aws-0.4.14.json',
      ),
      target: { kind: 'hybrid', prefectAws: '0.4.13' },
      errors: [
        {
          messageId: 'couldSendBoth',
          data: {
            strategyVariable: 'capacity_provider_strategy',
            target: 'prefect-aws 0.4.13',
          },
          line: 21,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'UI export with EC2 and a FARGATE strategy',
      template: uiExportText,
      errors: [
        {
          messageId: 'preparedForWrongCapacity',
          data: {
            launchType: 'EC2',
            providers: 'Fargate capacity providers',
            target: 'prefect-aws 0.7.11',
          },
          line: 533,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
        },
      ],
      output: uiExportPreparedForFargate(JSON.parse(uiExportText)),
    },
    {
      name: 'UI export on a 0.5.0 worker has no fix',
      template: uiExportText,
      target: { kind: 'hybrid', prefectAws: '0.5.0' },
      errors: [
        {
          messageId: 'preparedForWrongCapacity',
          data: {
            launchType: 'EC2',
            providers: 'Fargate capacity providers',
            target: 'prefect-aws 0.5.0',
          },
          line: 533,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'UI export on a push pool',
      template: uiExportText,
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'bothSent',
          data: {
            launchType: 'EC2',
            providers: 'Fargate capacity providers',
            target: 'push pool',
          },
          line: 533,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'UI export inside a work pool',
      template: uiExportPool,
      errors: [
        {
          messageId: 'preparedForWrongCapacity',
          data: {
            launchType: 'EC2',
            providers: 'Fargate capacity providers',
            target: 'prefect-aws 0.7.11',
          },
          line: 536,
          column: 9,
          pointer:
            '/base_job_template/job_configuration/task_run_request/launchType',
          severity: 2,
        },
      ],
      output: {
        ...uiExportPool,
        base_job_template: uiExportPreparedForFargate(JSON.parse(uiExportText)),
      },
    },
    {
      name: 'FARGATE launch type beside a Fargate strategy',
      template: fargateWithSpotStrategy,
      errors: [
        {
          messageId: 'redundant',
          data: {
            launchType: 'FARGATE',
            providers: 'Fargate capacity providers',
            target: 'prefect-aws 0.7.11',
          },
          line: 14,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 1,
          // The run works on this worker, so the change is only suggested.
          suggestions: [
            {
              desc: 'Remove launchType and prepare the task definition for Fargate capacity providers.',
              output: fargateWithSpotStrategyFixed(),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'redundant launch type when a deployment clears the strategy',
      template: fargateWithSpotStrategy,
      jobVariables: [{ capacity_provider_strategy: [] }],
      errors: [
        {
          messageId: 'redundant',
          data: {
            launchType: 'FARGATE',
            providers: 'Fargate capacity providers',
            target: 'prefect-aws 0.7.11',
          },
          line: 14,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 1,
          suggestions: [
            {
              desc: 'Remove launchType and prepare the task definition for Fargate capacity providers.',
              output: fargateWithSpotStrategyFixed(),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'push pool strategy without launch type',
      template: literalRunRequest({ capacityProviderStrategy: spotStrategy }),
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'bothSent',
          data: {
            launchType: 'FARGATE',
            providers: 'Fargate capacity providers',
            target: 'push pool',
          },
          line: 18,
          column: 7,
          pointer:
            '/job_configuration/task_run_request/capacityProviderStrategy',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'literal launch type and strategy on a 0.4.13 worker',
      template: literalRunRequest({
        launchType: 'FARGATE',
        capacityProviderStrategy: spotStrategy,
      }),
      target: { kind: 'hybrid', prefectAws: '0.4.13' },
      errors: [
        {
          messageId: 'bothSent',
          data: {
            launchType: 'FARGATE',
            providers: 'Fargate capacity providers',
            target: 'prefect-aws 0.4.13',
          },
          line: 18,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
        },
      ],
      output: null,
    },
  ],
});

describe('fix safety across scenarios', () => {
  it('does not fix when scenarios use different provider kinds', async () => {
    const { fixText } = await import('../../src/fix/fix-loop.js');
    const template = JSON.parse(stockText) as Record<string, any>;
    template.variables.properties.capacity_provider_strategy.default = [
      { capacityProvider: 'example-asg-provider', weight: 1, base: 0 },
    ];
    const text = JSON.stringify(template, null, 2) + '\n';
    const outcome = fixText(text, {
      rules: { 'no-launch-type-with-capacity-provider-strategy': 'error' },
      jobVariables: [
        {
          name: 'fargate-deployment',
          values: { capacity_provider_strategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }] },
        },
      ],
    });
    expect(outcome.changed).toBe(false);
  });
});
