import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  describeImageProblem,
  isSsmParameterName,
} from '../../src/rules/utils/valid-aws-identifiers.js';
import { runRuleTests } from '../helpers/rule-tester.js';

const stockText = readFileSync(
  new URL(
    '../../fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
    import.meta.url,
  ),
  'utf8',
);

const ACCOUNT = '123456789012';
const EXECUTION_ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/ecsTaskExecutionRole`;
const SECRET_ARN = `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:etl-db-AbCdEf:password::`;

/** Builds a template with one container, extended by the given parts. */
function template(
  options: {
    container?: Record<string, unknown>;
    taskDefinition?: Record<string, unknown>;
    taskRunRequest?: Record<string, unknown>;
    jobConfiguration?: Record<string, unknown>;
    properties?: Record<string, unknown>;
  } = {},
): Record<string, any> {
  return {
    job_configuration: {
      task_definition: {
        containerDefinitions: [
          {
            name: 'prefect',
            image: 'prefecthq/prefect:3-latest',
            ...options.container,
          },
        ],
        ...options.taskDefinition,
      },
      task_run_request: { launchType: 'FARGATE', ...options.taskRunRequest },
      ...options.jobConfiguration,
    },
    variables: { type: 'object', properties: options.properties ?? {} },
  };
}

runRuleTests('valid-aws-identifiers', {
  valid: [
    { name: 'stock template', template: stockText },
    {
      name: 'well-formed identifiers everywhere',
      template: template({
        container: {
          image: `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/data/etl-flows:2024.06.1`,
          secrets: [
            { name: 'DB_PASSWORD', valueFrom: SECRET_ARN },
            {
              name: 'API_TOKEN',
              valueFrom: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/etl/api-token`,
            },
            { name: 'SMTP_PASSWORD', valueFrom: '/etl/smtp/password' },
          ],
          repositoryCredentials: {
            credentialsParameter: 'dockerhub-credentials',
          },
        },
        taskDefinition: {
          taskRoleArn: 'etl-task-role',
          executionRoleArn: EXECUTION_ROLE,
        },
        taskRunRequest: {
          cluster: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/etl`,
          overrides: { taskRoleArn: `arn:aws-us-gov:iam::${ACCOUNT}:role/etl` },
        },
        jobConfiguration: {
          cluster: 'etl',
          vpc_id: 'vpc-0123456789abcdef0',
          execution_role_arn: EXECUTION_ROLE,
          prefect_api_key_secret_arn: SECRET_ARN,
        },
      }),
    },
    {
      name: 'public ECR and Docker Hub images',
      template: {
        ...template(),
        job_configuration: {
          task_definition: {
            containerDefinitions: [
              {
                name: 'prefect',
                image: 'public.ecr.aws/prefect/prefect:3-latest',
              },
              { name: 'agent', image: 'datadog/agent:latest' },
            ],
          },
        },
      },
    },
    {
      name: 'task definition given as family and revision',
      template: template({
        taskRunRequest: { taskDefinition: 'etl-flows:12' },
      }),
    },
    {
      name: 'placeholders without defaults',
      template: template({
        jobConfiguration: { vpc_id: '{{ vpc_id }}', cluster: '{{ cluster }}' },
        properties: { vpc_id: { type: 'string' }, cluster: { type: 'string' } },
      }),
    },
    {
      name: 'value from a Prefect variable',
      template: template({
        jobConfiguration: { vpc_id: '{{ vpc_id }}' },
        properties: {
          vpc_id: { type: 'string', default: '{{ prefect.variables.vpc }}' },
        },
      }),
    },
    {
      name: 'text that is not a placeholder Prefect renders',
      template: template({ jobConfiguration: { vpc_id: '{{ vpc id }}' } }),
    },
    {
      name: 'task definition not registered when an ARN is used',
      template: template({
        taskDefinition: { executionRoleArn: 'not a role' },
        taskRunRequest: {
          taskDefinition: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/etl:3`,
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'execution role ARN with a region',
      template: template({
        taskDefinition: {
          executionRoleArn: `arn:aws:iam:us-east-1:${ACCOUNT}:role/etl`,
        },
      }),
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'executionRoleArn',
            value: `arn:aws:iam:us-east-1:${ACCOUNT}:role/etl`,
            expected:
              'an IAM role ARN (arn:<partition>:iam::<12-digit account id>:role/<name>, with an empty region field)',
          },
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/executionRoleArn',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'bare role name in the run request overrides',
      template: template({
        taskRunRequest: { overrides: { taskRoleArn: '{{ task_role_arn }}' } },
        properties: {
          task_role_arn: { type: 'string', default: 'etl-task-role' },
        },
      }),
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'overrides.taskRoleArn',
            value: 'etl-task-role',
            expected:
              'an IAM role ARN (arn:<partition>:iam::<12-digit account id>:role/<name>, with an empty region field)',
          },
          line: 23,
          column: 9,
          pointer: '/variables/properties/task_role_arn/default',
        },
      ],
      output: null,
    },
    {
      name: 'one default feeding two role fields',
      template: template({
        taskDefinition: { executionRoleArn: '{{ execution_role_arn }}' },
        jobConfiguration: { execution_role_arn: '{{ execution_role_arn }}' },
        properties: {
          execution_role_arn: {
            type: 'string',
            default: 'ecsTaskExecutionRole',
          },
        },
      }),
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'execution_role_arn',
            value: 'ecsTaskExecutionRole',
            expected:
              'an IAM role ARN (arn:<partition>:iam::<12-digit account id>:role/<name>, with an empty region field)',
          },
          line: 22,
          column: 9,
          pointer: '/variables/properties/execution_role_arn/default',
        },
      ],
      output: null,
    },
    {
      name: 'cluster name with a space',
      template: template({ jobConfiguration: { cluster: 'etl cluster' } }),
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'cluster',
            value: 'etl cluster',
            expected:
              'an ECS cluster name (1 to 255 letters, digits, "_" and "-") or cluster ARN',
          },
          line: 14,
          column: 5,
          pointer: '/job_configuration/cluster',
        },
      ],
      output: null,
    },
    {
      name: 'task definition ARN from a job variable',
      template: template({
        taskRunRequest: { taskDefinition: '{{ task_definition_arn }}' },
        properties: { task_definition_arn: { type: 'string' } },
      }),
      jobVariables: [
        { task_definition_arn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/etl:3` },
      ],
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'taskDefinition',
            value: `arn:aws:ecs:us-east-1:${ACCOUNT}:task/etl:3`,
            expected: 'a task definition ARN, family or family:revision',
          },
          line: 13,
          column: 7,
          pointer: '/job_configuration/task_run_request/taskDefinition',
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'redacted VPC id that is not hexadecimal',
      template: template({
        jobConfiguration: { vpc_id: '{{ vpc_id }}' },
        properties: {
          vpc_id: { type: 'string', default: 'vpc-0example000000001' },
        },
      }),
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'vpc_id',
            value: 'vpc-0example000000001',
            expected:
              'a VPC id ("vpc-" and 8 or 17 lowercase hexadecimal digits)',
          },
          line: 21,
          column: 9,
          pointer: '/variables/properties/vpc_id/default',
        },
      ],
      output: null,
    },
    {
      name: 'secret reference with a space and an SSM ARN for registry credentials',
      template: template({
        container: {
          secrets: [{ name: 'DB_PASSWORD', valueFrom: 'etl db password' }],
          repositoryCredentials: {
            credentialsParameter: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/dockerhub`,
          },
        },
      }),
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'secrets[].valueFrom',
            value: 'etl db password',
            expected:
              'a Secrets Manager secret ARN, an SSM Parameter Store parameter ARN, or a parameter name',
          },
          line: 11,
          column: 15,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/secrets/0/valueFrom',
        },
        {
          messageId: 'malformed',
          data: {
            field: 'repositoryCredentials.credentialsParameter',
            value: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/dockerhub`,
            expected: 'a Secrets Manager secret ARN or secret name',
          },
          line: 15,
          column: 13,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/repositoryCredentials/credentialsParameter',
        },
      ],
      output: null,
    },
    {
      name: 'Prefect API key secret ARN with a short account id',
      template: template({
        jobConfiguration: {
          prefect_api_key_secret_arn:
            'arn:aws:secretsmanager:us-east-1:12345:secret:prefect-AbCdEf',
        },
      }),
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'prefect_api_key_secret_arn',
            value:
              'arn:aws:secretsmanager:us-east-1:12345:secret:prefect-AbCdEf',
            expected:
              'a Secrets Manager secret ARN, an SSM Parameter Store parameter ARN, or a parameter name',
          },
          line: 14,
          column: 5,
          pointer: '/job_configuration/prefect_api_key_secret_arn',
        },
      ],
      output: null,
    },
    {
      name: 'image from an ECR host with an 11-digit account',
      template: template({
        container: { image: '{{ image }}' },
        properties: {
          image: {
            type: 'string',
            default: '12345678901.dkr.ecr.us-east-1.amazonaws.com/etl:1',
          },
        },
      }),
      errors: [
        {
          messageId: 'image',
          data: {
            value: '12345678901.dkr.ecr.us-east-1.amazonaws.com/etl:1',
            problem:
              'has the registry host "12345678901.dkr.ecr.us-east-1.amazonaws.com", which is not <12-digit account id>.dkr.ecr.<region>.<AWS domain>',
          },
          line: 20,
          column: 9,
          pointer: '/variables/properties/image/default',
        },
      ],
      output: null,
    },
    {
      name: 'ECR repository with capital letters',
      template: template({
        container: {
          image: `${ACCOUNT}.dkr.ecr.eu-north-1.amazonaws.com/ETL-Flows:latest`,
        },
      }),
      errors: [
        {
          messageId: 'image',
          data: {
            value: `${ACCOUNT}.dkr.ecr.eu-north-1.amazonaws.com/ETL-Flows:latest`,
            problem:
              'names the ECR repository "ETL-Flows", but ECR repository names are 2 to 256 lowercase letters, digits and ". _ - /" separators',
          },
          line: 7,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/image',
        },
      ],
      output: null,
    },
    {
      name: 'image with a space and an md5 digest in a job variable',
      template: template({
        container: { image: '{{ image }}' },
        properties: { image: { type: 'string' } },
      }),
      jobVariables: [{ image: 'etl flows:1' }, { image: 'etl@md5:abc' }],
      errors: [
        {
          messageId: 'image',
          data: {
            value: 'etl flows:1',
            problem:
              'contains " "; ECS allows letters, digits and "- _ : . / #" before the digest',
          },
          line: 7,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/image',
          scenario: 'scenario-1',
        },
        {
          messageId: 'image',
          data: {
            value: 'etl@md5:abc',
            problem:
              'uses the digest algorithm "md5"; ECS supports only sha256',
          },
          line: 7,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/image',
          scenario: 'scenario-2',
        },
      ],
      output: null,
    },
    {
      name: 'inline ARN built with a short account id',
      template: template({
        taskDefinition: {
          executionRoleArn: 'arn:aws:iam::{{ account_id }}:role/etl',
        },
        properties: { account_id: { type: 'string', default: '1234' } },
      }),
      errors: [
        {
          messageId: 'malformed',
          data: {
            field: 'executionRoleArn',
            value: 'arn:aws:iam::1234:role/etl',
            expected:
              'an IAM role ARN (arn:<partition>:iam::<12-digit account id>:role/<name>, with an empty region field)',
          },
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/executionRoleArn',
        },
      ],
      output: null,
    },
    {
      name: 'cluster default in a work pool document',
      template: {
        name: 'etl',
        type: 'ecs:push',
        base_job_template: template({
          jobConfiguration: { cluster: '{{ cluster }}' },
          properties: { cluster: { type: 'string', default: 'etl/prod' } },
        }),
      },
      errors: [
        {
          messageId: 'malformed',
          line: 24,
          column: 11,
          pointer: '/base_job_template/variables/properties/cluster/default',
        },
      ],
      output: null,
    },
  ],
});

describe('identifier helpers', () => {
  it.each([
    ['/etl/db/password', true],
    ['etl-db-password', true],
    ['etl db password', false],
    ['arn:aws:ssm:us-east-1:123456789012:parameter/x', false],
    ['/etl//password', false],
  ])('isSsmParameterName(%j) is %j', (value, expected) => {
    expect(isSsmParameterName(value)).toBe(expected);
  });

  it.each([
    ['prefecthq/prefect:3-latest', undefined],
    ['public.ecr.aws/prefect/prefect:3-latest', undefined],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/etl_flows:1.0',
      undefined,
    ],
    [
      '123456789012.dkr.ecr.us-east-1.amazonaws.com/a:1',
      'names the ECR repository "a", but ECR repository names are 2 to 256 lowercase letters, digits and ". _ - /" separators',
    ],
    [
      `etl@sha256:${'a'.repeat(63)}`,
      `has the digest "sha256:${'a'.repeat(63)}", which is not sha256: and 64 hexadecimal digits`,
    ],
  ])('describeImageProblem(%j)', (image, expected) => {
    expect(describeImageProblem(image)).toBe(expected);
  });
});
