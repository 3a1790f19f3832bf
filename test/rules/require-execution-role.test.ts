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

const PRIVATE_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/etl:v1';
const PUBLIC_ECR_IMAGE = 'public.ecr.aws/prefecthq/prefect:3-latest';
const SECRET_ARN =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:etl-api-key';

const nullableString = {
  anyOf: [{ type: 'string' }, { type: 'null' }],
  default: null,
};

/** The schema that the wiring declares. It has no value, so no run changes. */
const executionRoleSchema = {
  title: 'Execution Role ARN',
  description:
    'Role ECS uses to pull images, read secrets and send logs when it starts the task.',
  anyOf: [{ type: 'string' }, { type: 'null' }],
  default: null,
};

function fargateTask(
  container: Record<string, unknown>,
  properties: Record<string, unknown> = {},
) {
  return {
    job_configuration: {
      task_definition: { containerDefinitions: [container] },
      task_run_request: { launchType: 'FARGATE' },
    },
    variables: { type: 'object', properties },
  };
}

/** Builds an EC2 task whose definition reads its role from a variable without a value. */
function ec2Task(containers: Record<string, unknown>[]) {
  return {
    job_configuration: {
      task_definition: {
        containerDefinitions: containers,
        requiresCompatibilities: ['EC2'],
        executionRoleArn: '{{ execution_role_arn }}',
      },
      task_run_request: { launchType: 'EC2' },
    },
    variables: {
      type: 'object',
      properties: { execution_role_arn: nullableString },
    },
  };
}

/** Adds the role placeholder to a template's task definition. */
function withRolePlaceholder(
  template: Record<string, any>,
  declare: boolean,
): Record<string, any> {
  const result = structuredClone(template);
  result.job_configuration.task_definition.executionRoleArn =
    '{{ execution_role_arn }}';
  if (declare) {
    result.variables.properties.execution_role_arn = executionRoleSchema;
  }
  return result;
}

const privateImageOnFargate = fargateTask({
  name: 'prefect',
  image: PRIVATE_IMAGE,
});

const privateImageWithUnwiredRole = fargateTask(
  { name: 'prefect', image: PRIVATE_IMAGE },
  {
    execution_role_arn: {
      type: 'string',
      default: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    },
  },
);

const awslogsOnFargate = fargateTask({
  name: 'prefect',
  image: PUBLIC_ECR_IMAGE,
  logConfiguration: {
    logDriver: 'awslogs',
    options: { 'awslogs-group': '/ecs/etl' },
  },
});

const cloudWatchFlag = {
  job_configuration: {
    task_definition: {
      containerDefinitions: [{ name: 'prefect', image: PUBLIC_ECR_IMAGE }],
      requiresCompatibilities: ['EC2'],
    },
    task_run_request: { launchType: 'EC2' },
    configure_cloudwatch_logs: true,
  },
  variables: { type: 'object', properties: {} },
};

const ec2CompatibleWithoutLaunchType = {
  job_configuration: {
    task_definition: {
      containerDefinitions: [{ name: 'prefect', image: PRIVATE_IMAGE }],
      requiresCompatibilities: ['EC2'],
    },
    task_run_request: { cluster: 'prod' },
  },
  variables: { type: 'object', properties: {} },
};

const poolWithPrivateImage = {
  name: 'p',
  type: 'ecs:push',
  base_job_template: privateImageOnFargate,
};

runRuleTests('require-execution-role', {
  valid: [
    { name: 'stock 0.7.11 template', template: stockText },
    {
      name: 'stock template with a Docker Hub image',
      template: stockText,
      jobVariables: [{ image: 'prefecthq/prefect:3-python3.12' }],
    },
    {
      name: 'public ECR image on Fargate',
      template: fargateTask({ name: 'prefect', image: PUBLIC_ECR_IMAGE }),
    },
    {
      name: 'public ECR image on a push pool',
      template: fargateTask({ name: 'prefect', image: PUBLIC_ECR_IMAGE }),
      target: { kind: 'push' },
    },
    {
      name: 'image placeholder without a default',
      template: fargateTask(
        { name: 'prefect', image: '{{ image }}' },
        { image: nullableString },
      ),
    },
    {
      name: 'private ECR image on EC2',
      template: ec2Task([{ name: 'prefect', image: PRIVATE_IMAGE }]),
    },
    {
      name: 'role given by a deployment',
      template: withRolePlaceholder(
        fargateTask(
          { name: 'prefect', image: PRIVATE_IMAGE },
          { execution_role_arn: nullableString },
        ),
        false,
      ),
      jobVariables: [
        {
          execution_role_arn:
            'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
        },
      ],
    },
    {
      name: 'existing task definition ARN',
      template: {
        job_configuration: {
          task_definition: {
            containerDefinitions: [{ name: 'prefect', image: PRIVATE_IMAGE }],
          },
          task_run_request: {
            launchType: 'FARGATE',
            taskDefinition:
              'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:3',
          },
        },
        variables: { type: 'object', properties: {} },
      },
    },
    {
      name: 'EC2-compatible definition on the current worker',
      template: ec2CompatibleWithoutLaunchType,
    },
  ],
  invalid: [
    {
      name: 'private ECR image on Fargate',
      template: privateImageOnFargate,
      errors: [
        {
          messageId: 'missing',
          data: {
            reason: `image ${PRIVATE_IMAGE} is in private ECR and the task runs on FARGATE`,
          },
          line: 3,
          column: 5,
          pointer: '/job_configuration/task_definition',
          severity: 2,
          suggestions: [
            {
              desc: 'Read executionRoleArn from the execution_role_arn variable.',
              output: withRolePlaceholder(privateImageOnFargate, true),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'declared role default that is not wired',
      template: privateImageWithUnwiredRole,
      errors: [
        {
          messageId: 'missing',
          data: {
            reason: `image ${PRIVATE_IMAGE} is in private ECR and the task runs on FARGATE`,
          },
          line: 3,
          column: 5,
          pointer: '/job_configuration/task_definition',
          severity: 2,
        },
      ],
      output: withRolePlaceholder(privateImageWithUnwiredRole, false),
    },
    {
      name: 'stock template with a private ECR image',
      template: stockText,
      jobVariables: [{ image: PRIVATE_IMAGE }],
      errors: [
        {
          messageId: 'missing',
          data: {
            reason: `image ${PRIVATE_IMAGE} is in private ECR and the task runs on FARGATE`,
          },
          line: 18,
          column: 7,
          pointer: '/job_configuration/task_definition/executionRoleArn',
          severity: 2,
          scenario: 'scenario-1',
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'secrets on EC2',
      template: ec2Task([
        {
          name: 'prefect',
          image: 'prefecthq/prefect:3-latest',
          secrets: [{ name: 'ETL_API_KEY', valueFrom: SECRET_ARN }],
        },
      ]),
      errors: [
        {
          messageId: 'missing',
          data: { reason: 'container "prefect" reads secrets' },
          line: 19,
          column: 7,
          pointer: '/job_configuration/task_definition/executionRoleArn',
          severity: 2,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'repositoryCredentials on an EC2 sidecar',
      template: ec2Task([
        { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
        {
          name: 'datadog',
          image: 'registry.example.com/datadog/agent:7',
          essential: false,
          repositoryCredentials: { credentialsParameter: SECRET_ARN },
        },
      ]),
      errors: [
        {
          messageId: 'missing',
          data: { reason: 'container "datadog" uses repositoryCredentials' },
          line: 21,
          column: 7,
          pointer: '/job_configuration/task_definition/executionRoleArn',
          severity: 2,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'CloudWatch logging flag on EC2',
      template: cloudWatchFlag,
      errors: [
        {
          messageId: 'missing',
          data: { reason: 'configure_cloudwatch_logs is enabled' },
          line: 3,
          column: 5,
          pointer: '/job_configuration/task_definition',
          severity: 2,
          suggestions: [{ output: withRolePlaceholder(cloudWatchFlag, true) }],
        },
      ],
      output: null,
    },
    {
      name: 'awslogs driver on Fargate',
      template: awslogsOnFargate,
      errors: [
        {
          messageId: 'missing',
          data: {
            reason:
              'container "prefect" logs with the awslogs driver on Fargate',
          },
          line: 3,
          column: 5,
          pointer: '/job_configuration/task_definition',
          severity: 2,
          suggestions: [
            { output: withRolePlaceholder(awslogsOnFargate, true) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'private ECR image in a push pool',
      template: poolWithPrivateImage,
      errors: [
        {
          messageId: 'missing',
          data: {
            reason: `image ${PRIVATE_IMAGE} is in private ECR and the task runs on FARGATE`,
          },
          line: 6,
          column: 7,
          pointer: '/base_job_template/job_configuration/task_definition',
          severity: 2,
          suggestions: [
            {
              output: {
                ...poolWithPrivateImage,
                base_job_template: withRolePlaceholder(
                  privateImageOnFargate,
                  true,
                ),
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      // Workers before 0.7.1 send no launch type when the template renders
      // none, so the task runs on the cluster's default capacity, which the
      // linter cannot see: the role need stays unknown.
      name: 'EC2-compatible definition on a 0.5.0 worker',
      template: ec2CompatibleWithoutLaunchType,
      target: { kind: 'hybrid', prefectAws: '0.5.0' },
      errors: [],
      output: null,
    },
  ],
});
