import { describe, expect, it } from 'vitest';
import { runRuleTests } from '../helpers/rule-tester.js';

const CLUSTER_ARN =
  'arn:aws:ecs:us-east-1:123456789012:cluster/example-cluster';

/** Builds a template with the given `cluster` values, where `undefined` leaves the key out. */
function template(
  configured: unknown,
  requested: unknown,
  properties: Record<string, unknown> = {
    cluster: { type: 'string', default: 'example-cluster' },
  },
): Record<string, unknown> {
  const jobConfiguration: Record<string, unknown> = {};
  if (configured !== undefined) {
    jobConfiguration.cluster = configured;
  }
  const runRequest: Record<string, unknown> = { launchType: 'FARGATE' };
  if (requested !== undefined) {
    runRequest.cluster = requested;
  }
  jobConfiguration.task_definition = {
    containerDefinitions: [{ name: 'prefect' }],
  };
  jobConfiguration.task_run_request = runRequest;
  return {
    job_configuration: jobConfiguration,
    variables: { type: 'object', properties },
  };
}

function withRunRequestCluster(
  document: Record<string, unknown>,
  cluster: unknown,
): Record<string, unknown> {
  const fixed = structuredClone(document) as {
    job_configuration: { task_run_request: Record<string, unknown> };
  };
  fixed.job_configuration.task_run_request.cluster = cluster;
  return fixed;
}

const PUSH = { kind: 'push' } as const;
const OLD_WORKER = { kind: 'hybrid', prefectAws: '0.6.3' } as const;

runRuleTests('require-run-request-cluster', {
  valid: [
    {
      name: 'both read the cluster variable',
      template: template('{{ cluster }}', '{{ cluster }}'),
    },
    {
      name: 'the same literal twice',
      template: template('example-cluster', 'example-cluster'),
    },
    {
      name: 'missing run request cluster on prefect-aws 0.7.11',
      template: template('{{ cluster }}', undefined),
    },
    {
      name: 'name and ARN of one cluster',
      template: template(CLUSTER_ARN, 'example-cluster'),
      target: PUSH,
    },
    {
      name: 'cluster variable without a default',
      template: template('{{ cluster }}', undefined, {
        cluster: { type: 'string' },
      }),
      target: PUSH,
    },
    {
      name: 'cluster from a Prefect variable',
      template: template('{{ cluster }}', undefined, {
        cluster: {
          type: 'string',
          default: '{{ prefect.variables.ecs_cluster }}',
        },
      }),
      target: PUSH,
    },
    {
      name: 'no job_configuration cluster',
      template: template(undefined, undefined),
      target: PUSH,
    },
    {
      name: 'same value in every scenario',
      template: template('{{ cluster }}', '{{ cluster }}'),
      jobVariables: [{ cluster: 'example-other-cluster' }],
      target: PUSH,
    },
  ],
  invalid: [
    {
      name: 'push pool without a run request cluster',
      template: template('{{ cluster }}', undefined),
      target: PUSH,
      errors: [
        {
          messageId: 'missing',
          data: { cluster: '"example-cluster"', target: 'a push pool' },
          line: 11,
          column: 5,
          pointer: '/job_configuration/task_run_request',
          severity: 1,
        },
      ],
      output: withRunRequestCluster(
        template('{{ cluster }}', undefined),
        '{{ cluster }}',
      ),
    },
    {
      name: 'older worker with a literal cluster',
      template: template('example-cluster', undefined),
      target: OLD_WORKER,
      errors: [
        {
          messageId: 'missing',
          data: {
            cluster: '"example-cluster"',
            target:
              'prefect-aws 0.6.3 (the worker fills it in only from 0.7.1)',
          },
          line: 11,
          column: 5,
          pointer: '/job_configuration/task_run_request',
          severity: 1,
        },
      ],
      output: withRunRequestCluster(
        template('example-cluster', undefined),
        'example-cluster',
      ),
    },
    {
      name: 'different literal in the run request',
      template: template('{{ cluster }}', 'example-old-cluster'),
      errors: [
        {
          messageId: 'different',
          data: {
            cluster: '"example-cluster"',
            requested: '"example-old-cluster"',
          },
          line: 13,
          column: 7,
          pointer: '/job_configuration/task_run_request/cluster',
          severity: 1,
        },
      ],
      output: template('{{ cluster }}', '{{ cluster }}'),
    },
    {
      name: 'deployment moves only the configured cluster',
      template: template('{{ cluster }}', 'example-cluster'),
      jobVariables: [{ cluster: 'example-other-cluster' }],
      errors: [
        {
          messageId: 'different',
          data: {
            cluster: '"example-other-cluster"',
            requested: '"example-cluster"',
          },
          line: 13,
          column: 7,
          pointer: '/job_configuration/task_run_request/cluster',
          severity: 1,
          scenario: 'scenario-1',
        },
      ],
      output: template('{{ cluster }}', '{{ cluster }}'),
    },
    {
      name: 'run request reads another variable',
      template: template('{{ cluster }}', '{{ run_cluster }}', {
        cluster: { type: 'string', default: 'example-cluster' },
        run_cluster: { type: 'string', default: 'example-old-cluster' },
      }),
      errors: [
        {
          messageId: 'different',
          data: {
            cluster: '"example-cluster"',
            requested: '"example-old-cluster"',
          },
          line: 25,
          column: 9,
          pointer: '/variables/properties/run_cluster/default',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'invalid literal is not copied',
      template: template('example cluster', undefined),
      target: PUSH,
      errors: [
        {
          messageId: 'missing',
          data: { cluster: '"example cluster"', target: 'a push pool' },
          line: 11,
          column: 5,
          pointer: '/job_configuration/task_run_request',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'push work pool document',
      template: {
        name: 'example-pool',
        type: 'ecs:push',
        base_job_template: template('{{ cluster }}', undefined),
      },
      errors: [
        {
          messageId: 'missing',
          data: { cluster: '"example-cluster"', target: 'a push pool' },
          line: 14,
          column: 7,
          pointer: '/base_job_template/job_configuration/task_run_request',
          severity: 1,
        },
      ],
      output: {
        name: 'example-pool',
        type: 'ecs:push',
        base_job_template: withRunRequestCluster(
          template('{{ cluster }}', undefined),
          '{{ cluster }}',
        ),
      },
    },
  ],
});

describe('cluster fix safety', () => {
  it('does not fix when the defaults scenario has no cluster', async () => {
    const { fixText } = await import('../../src/fix/fix-loop.js');
    const template = {
      job_configuration: {
        cluster: '{{ cluster }}',
        task_definition: { containerDefinitions: [{ name: 'prefect', image: 'prefecthq/prefect:3-latest' }] },
        task_run_request: { launchType: 'EC2', cluster: 'prod' },
      },
      variables: { type: 'object', properties: { cluster: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null } } },
    };
    const outcome = fixText(JSON.stringify(template, null, 2), {
      jobVariables: [{ name: 'staging', values: { cluster: 'staging' } }],
    });
    expect(outcome.result.messages.some((message) => message.ruleId === 'require-run-request-cluster')).toBe(true);
    expect(JSON.parse(outcome.output).job_configuration.task_run_request.cluster).toBe('prod');
  });
});
