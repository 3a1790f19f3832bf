import { readFileSync } from 'node:fs';

import { runRuleTests } from '../helpers/rule-tester.js';

function fixture(relativePath: string): string {
  return readFileSync(
    new URL(`../../fixtures/${relativePath}`, import.meta.url),
    'utf8',
  );
}

const stockText = fixture(
  'real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
);

/** Parses a fresh copy of the stock template, which prints back to the same lines. */
function stockTemplate(): Record<string, any> {
  return JSON.parse(stockText) as Record<string, any>;
}

/** Returns the stock template without the `execution_role_arn` variable declaration. */
function stockWithoutExecutionRoleVariable(): Record<string, any> {
  const template = stockTemplate();
  delete template.variables.properties.execution_role_arn;
  return template;
}

const executionRoleSchema = {
  title: 'Execution Role ARN',
  description:
    'Role ECS uses to pull images, read secrets and send logs when it starts the task.',
  anyOf: [{ type: 'string' }, { type: 'null' }],
  default: null,
};

const launchTypeSchema = {
  title: 'Launch Type',
  description:
    'ECS launch type; FARGATE_SPOT becomes a capacity provider strategy.',
  type: 'string',
  enum: ['FARGATE', 'EC2', 'EXTERNAL', 'FARGATE_SPOT'],
};

const clusterSchema = {
  title: 'Cluster',
  description: 'ECS cluster name or ARN.',
  anyOf: [{ type: 'string' }, { type: 'null' }],
  default: null,
};

const launchTypeUndeclared = {
  job_configuration: {
    cluster: '{{ cluster }}',
    task_run_request: {
      cluster: '{{ cluster }}',
      launchType: '{{ launch_type }}',
    },
  },
  variables: {
    type: 'object',
    properties: {
      cluster: { type: 'string', default: 'prod' },
    },
  },
};

const placeholderInKey = {
  job_configuration: { labels: { '{{ team }}': 'data' } },
  variables: { type: 'object', properties: {} },
};

const runtimePlaceholders = {
  job_configuration: {
    env: {
      API_URL: '{{ prefect.variables.api_url }}',
      HOME_DIR: '{{ $HOME }}/flows',
    },
  },
  variables: { type: 'object', properties: {} },
};

const dottedName = {
  job_configuration: { vpc_id: '{{ network.vpc_id }}' },
  variables: {
    type: 'object',
    properties: {
      network: { type: 'object', default: { vpc_id: 'vpc-0abc' } },
    },
  },
};

const familyWithSuffix = {
  job_configuration: {
    task_definition: { family: '{{ prefix }}-{{ suffix }}-{{ suffix }}' },
  },
  variables: {
    type: 'object',
    properties: { prefix: { type: 'string', default: 'etl' } },
  },
};

const variablesWithoutProperties = {
  job_configuration: { cluster: '{{ cluster }}' },
  variables: { type: 'object' },
};

const poolWithUndeclaredCluster = {
  name: 'p',
  type: 'ecs',
  base_job_template: {
    job_configuration: { cluster: '{{ cluster }}' },
    variables: { type: 'object', properties: {} },
  },
};

runRuleTests('no-undeclared-placeholder', {
  valid: [
    { name: 'stock 0.7.11 template', template: stockText },
    {
      name: 'stock 0.4.14 template',
      template: fixture(
        'real-templates/prefect-default-prefect-aws-0.4.14.json',
      ),
      target: { kind: 'hybrid', prefectAws: '0.4.14' },
    },
    {
      name: 'stock 0.3.1 template',
      template: fixture(
        'real-templates/prefect-default-prefect-aws-0.3.1.json',
      ),
      target: { kind: 'hybrid', prefectAws: '0.3.1' },
    },
    {
      name: 'stock template in a push pool',
      template: {
        name: 'p',
        type: 'ecs:push',
        base_job_template: stockTemplate(),
      },
    },
    {
      name: 'stock template with a job variable the schema lacks',
      template: stockText,
      jobVariables: [{ team: 'data' }],
    },
    {
      name: 'Jinja filter text is not a placeholder',
      template: {
        job_configuration: {
          task_definition: { cpu: '{{ cpu | default(1024) }}' },
        },
        variables: { type: 'object', properties: {} },
      },
    },
    {
      name: 'placeholder inside a variable default',
      template: {
        job_configuration: { cluster: '{{ cluster }}' },
        variables: {
          type: 'object',
          properties: {
            cluster: {
              type: 'string',
              default: '{{ prefect.variables.cluster }}',
            },
          },
        },
      },
    },
    {
      name: 'dotted name declared as its full text',
      template: {
        job_configuration: { vpc_id: '{{ network.vpc_id }}' },
        variables: {
          type: 'object',
          properties: { 'network.vpc_id': { type: 'string' } },
        },
      },
    },
  ],
  invalid: [
    {
      name: 'launch type not declared',
      template: launchTypeUndeclared,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'launch_type' },
          line: 6,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
          suggestions: [
            {
              desc: 'Declare "launch_type" in variables.properties.',
              output: {
                ...launchTypeUndeclared,
                variables: {
                  type: 'object',
                  properties: {
                    cluster: { type: 'string', default: 'prod' },
                    launch_type: launchTypeSchema,
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
      name: 'placeholder in an object key',
      template: placeholderInKey,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'team' },
          line: 4,
          column: 7,
          pointer: '/job_configuration/labels/{{ team }}',
          severity: 2,
          suggestions: [
            {
              output: {
                ...placeholderInKey,
                variables: {
                  type: 'object',
                  properties: { team: { type: 'string' } },
                },
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Prefect variable and $ENV names',
      template: runtimePlaceholders,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'prefect.variables.api_url' },
          line: 4,
          column: 7,
          pointer: '/job_configuration/env/API_URL',
          severity: 2,
          suggestions: [
            {
              output: {
                ...runtimePlaceholders,
                variables: {
                  type: 'object',
                  properties: {
                    'prefect.variables.api_url': { type: 'string' },
                  },
                },
              },
            },
          ],
        },
        {
          messageId: 'undeclared',
          data: { name: '$HOME' },
          line: 5,
          column: 7,
          pointer: '/job_configuration/env/HOME_DIR',
          severity: 2,
          suggestions: [
            {
              output: {
                ...runtimePlaceholders,
                variables: {
                  type: 'object',
                  properties: { $HOME: { type: 'string' } },
                },
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'dotted name with only its root declared',
      template: dottedName,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'network.vpc_id' },
          line: 3,
          column: 5,
          pointer: '/job_configuration/vpc_id',
          severity: 2,
          suggestions: [
            {
              output: {
                ...dottedName,
                variables: {
                  type: 'object',
                  properties: {
                    ...dottedName.variables.properties,
                    'network.vpc_id': { type: 'string' },
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
      name: 'repeated inline placeholder reported once',
      template: familyWithSuffix,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'suffix' },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          severity: 2,
          suggestions: [
            {
              output: {
                ...familyWithSuffix,
                variables: {
                  type: 'object',
                  properties: {
                    prefix: { type: 'string', default: 'etl' },
                    suffix: { type: 'string' },
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
      name: 'variables without a properties object',
      template: variablesWithoutProperties,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'cluster' },
          line: 3,
          column: 5,
          pointer: '/job_configuration/cluster',
          severity: 2,
          suggestions: [
            {
              output: {
                ...variablesWithoutProperties,
                variables: {
                  type: 'object',
                  properties: { cluster: clusterSchema },
                },
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'undeclared placeholder in a work pool',
      template: poolWithUndeclaredCluster,
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'cluster' },
          line: 6,
          column: 7,
          pointer: '/base_job_template/job_configuration/cluster',
          severity: 2,
          suggestions: [
            {
              output: {
                ...poolWithUndeclaredCluster,
                base_job_template: {
                  ...poolWithUndeclaredCluster.base_job_template,
                  variables: {
                    type: 'object',
                    properties: { cluster: clusterSchema },
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
      name: 'stock template missing its execution role variable',
      template: stockWithoutExecutionRoleVariable(),
      errors: [
        {
          messageId: 'undeclared',
          data: { name: 'execution_role_arn' },
          line: 18,
          column: 7,
          pointer: '/job_configuration/task_definition/executionRoleArn',
          severity: 2,
          suggestions: [{ output: stockWithExecutionRoleSchema() }],
        },
        {
          messageId: 'undeclared',
          data: { name: 'execution_role_arn' },
          line: 55,
          column: 5,
          pointer: '/job_configuration/execution_role_arn',
          severity: 2,
          suggestions: [{ output: stockWithExecutionRoleSchema() }],
        },
      ],
      output: null,
    },
  ],
});

function stockWithExecutionRoleSchema(): Record<string, any> {
  const template = stockWithoutExecutionRoleVariable();
  template.variables.properties.execution_role_arn = executionRoleSchema;
  return template;
}
