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
const terraformText = fixture(
  'real-templates/users/01-entechlog-ecs-base-job-template.json',
);

/** Returns the Terraform-rendered template with one variable read through its placeholder. */
function terraformWithPlaceholder(name: string): Record<string, any> {
  const template = JSON.parse(terraformText) as Record<string, any>;
  const jobConfiguration = template.job_configuration;
  const placeholder = `{{ ${name} }}`;
  switch (name) {
    case 'cluster':
      jobConfiguration.cluster = placeholder;
      jobConfiguration.task_run_request.cluster = placeholder;
      break;
    case 'execution_role_arn':
      jobConfiguration.task_definition.executionRoleArn = placeholder;
      break;
    default:
      jobConfiguration[name] = placeholder;
  }
  return template;
}

const declaredButUnused = {
  job_configuration: { cluster: '{{ cluster }}' },
  variables: {
    type: 'object',
    properties: {
      cluster: { type: 'string', default: 'prod' },
      team: { type: 'string', default: 'data' },
    },
  },
};

const clusterLiterals = {
  job_configuration: {
    cluster: 'prod',
    task_run_request: { cluster: 'prod' },
  },
  variables: {
    type: 'object',
    properties: { cluster: { type: 'string' } },
  },
};

const differentClusterLiterals = {
  job_configuration: {
    cluster: 'prod',
    task_run_request: { cluster: 'staging' },
  },
  variables: {
    type: 'object',
    properties: { cluster: { type: 'string' } },
  },
};

const privateImage = '123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:v1';

const imageLiteral = {
  job_configuration: {
    task_definition: {
      containerDefinitions: [{ name: 'prefect', image: privateImage }],
    },
  },
  variables: {
    type: 'object',
    properties: {
      image: { type: 'string', default: 'prefecthq/prefect:3-latest' },
    },
  },
};

const poolWithUnusedVariable = {
  name: 'p',
  type: 'ecs',
  base_job_template: {
    job_configuration: { cluster: '{{ cluster }}' },
    variables: {
      type: 'object',
      properties: {
        cluster: { type: 'string' },
        memory: { type: 'integer', default: 2048 },
      },
    },
  },
};

runRuleTests('no-unused-variable', {
  valid: [
    {
      // Prefect merges the env variable into a literal env object.
      name: 'env variable merged into a literal env object',
      template: {
        job_configuration: { env: { MODE: 'batch' } },
        variables: {
          type: 'object',
          properties: { env: { type: 'object', default: { LOG_LEVEL: 'INFO' } } },
        },
      },
    },
    { name: 'stock 0.7.11 template', template: stockText },
    {
      name: 'stock 0.4.14 template',
      template: fixture(
        'real-templates/prefect-default-prefect-aws-0.4.14.json',
      ),
      target: { kind: 'hybrid', prefectAws: '0.4.14' },
    },
    {
      name: 'stock template in a push pool',
      template: {
        name: 'p',
        type: 'ecs:push',
        base_job_template: JSON.parse(stockText),
      },
    },
    {
      name: 'root variable of a dotted placeholder',
      template: {
        job_configuration: { vpc_id: '{{ network.vpc_id }}' },
        variables: {
          type: 'object',
          properties: { network: { type: 'object' } },
        },
      },
    },
    {
      name: 'variable read inline',
      template: {
        job_configuration: { task_definition: { family: 'etl-{{ team }}' } },
        variables: { type: 'object', properties: { team: { type: 'string' } } },
      },
    },
    {
      name: 'template without job_configuration',
      template: {
        variables: { type: 'object', properties: { team: { type: 'string' } } },
      },
    },
  ],
  invalid: [
    {
      name: 'declared variable nothing reads',
      template: declaredButUnused,
      errors: [
        {
          messageId: 'unused',
          data: { name: 'team' },
          line: 12,
          column: 7,
          pointer: '/variables/properties/team',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'cluster hard-coded in both places',
      template: clusterLiterals,
      errors: [
        {
          messageId: 'unusedBesideLiteral',
          data: { name: 'cluster', value: '"prod"', place: 'cluster' },
          line: 11,
          column: 7,
          pointer: '/variables/properties/cluster',
          severity: 1,
          suggestions: [
            {
              desc: 'Read "cluster" with a placeholder and keep "prod" as its default.',
              output: {
                job_configuration: {
                  cluster: '{{ cluster }}',
                  task_run_request: { cluster: '{{ cluster }}' },
                },
                variables: {
                  type: 'object',
                  properties: { cluster: { type: 'string', default: 'prod' } },
                },
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'two different cluster literals',
      template: differentClusterLiterals,
      errors: [
        {
          messageId: 'unusedBesideLiteral',
          data: { name: 'cluster', value: '"prod"', place: 'cluster' },
          line: 11,
          column: 7,
          pointer: '/variables/properties/cluster',
          severity: 1,
          suggestions: [
            {
              output: {
                job_configuration: {
                  cluster: '{{ cluster }}',
                  task_run_request: { cluster: 'staging' },
                },
                variables: {
                  type: 'object',
                  properties: { cluster: { type: 'string', default: 'prod' } },
                },
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'image hard-coded beside an image default',
      template: imageLiteral,
      errors: [
        {
          messageId: 'unusedBesideLiteral',
          data: {
            name: 'image',
            value: JSON.stringify(privateImage),
            place: 'task_definition.containerDefinitions.0.image',
          },
          line: 15,
          column: 7,
          pointer: '/variables/properties/image',
          severity: 1,
          suggestions: [
            {
              desc: `Read "image" with a placeholder and keep ${JSON.stringify(privateImage)} as its default.`,
              output: {
                job_configuration: {
                  task_definition: {
                    containerDefinitions: [
                      { name: 'prefect', image: '{{ image }}' },
                    ],
                  },
                },
                variables: {
                  type: 'object',
                  properties: {
                    image: { type: 'string', default: privateImage },
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
      name: 'unused variable in a work pool',
      template: poolWithUnusedVariable,
      errors: [
        {
          messageId: 'unused',
          data: { name: 'memory' },
          line: 14,
          column: 9,
          pointer: '/base_job_template/variables/properties/memory',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'Terraform-rendered literals beside their variables',
      template: terraformText,
      errors: [
        {
          messageId: 'unusedBesideLiteral',
          data: {
            name: 'cluster',
            value: '"example-prefect-cluster"',
            place: 'cluster',
          },
          line: 123,
          column: 7,
          pointer: '/variables/properties/cluster',
          severity: 1,
          suggestions: [{ output: terraformWithPlaceholder('cluster') }],
        },
        {
          messageId: 'unusedBesideLiteral',
          data: {
            name: 'execution_role_arn',
            value:
              '"arn:aws:iam::123456789012:role/example-prefect-execution-role"',
            place: 'task_definition.executionRoleArn',
          },
          line: 175,
          column: 7,
          pointer: '/variables/properties/execution_role_arn',
          severity: 1,
          suggestions: [
            { output: terraformWithPlaceholder('execution_role_arn') },
          ],
        },
        {
          messageId: 'unusedBesideLiteral',
          data: {
            name: 'vpc_id',
            value: '"vpc-0example000000001"',
            place: 'vpc_id',
          },
          line: 181,
          column: 7,
          pointer: '/variables/properties/vpc_id',
          severity: 1,
          suggestions: [{ output: terraformWithPlaceholder('vpc_id') }],
        },
        {
          messageId: 'unusedBesideLiteral',
          data: {
            name: 'network_configuration',
            value: JSON.stringify({
              subnets: ['subnet-0example000000001', 'subnet-0example000000002'],
              securityGroups: ['sg-0example000000001'],
              assignPublicIp: 'DISABLED',
            }),
            place: 'network_configuration',
          },
          line: 200,
          column: 7,
          pointer: '/variables/properties/network_configuration',
          severity: 1,
          suggestions: [
            { output: terraformWithPlaceholder('network_configuration') },
          ],
        },
      ],
      output: null,
    },
  ],
});
