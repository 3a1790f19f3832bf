import { runRuleTests } from '../helpers/rule-tester.js';

const NETWORK = {
  subnets: ['subnet-0123456789abcdef0'],
  securityGroups: ['sg-0123456789abcdef0'],
};

interface AwsvpcOptions {
  launchType?: string;
  launchTypeEnum?: string[];
  taskDefinition?: Record<string, unknown>;
  containers?: Record<string, unknown>[];
  runRequest?: Record<string, unknown>;
  network?: boolean;
  networkDefault?: Record<string, unknown>;
  jobConfiguration?: Record<string, unknown>;
}

/** Builds a template with a network configuration default, so awsvpc mode has what it needs. */
function template(options: AwsvpcOptions = {}): Record<string, unknown> {
  const launchType: Record<string, unknown> = {
    type: 'string',
    enum: options.launchTypeEnum ?? ['FARGATE', 'FARGATE_SPOT'],
  };
  if (options.launchType !== undefined) {
    launchType.default = options.launchType;
  }
  const withNetwork = options.network ?? true;
  return {
    job_configuration: {
      task_definition: {
        containerDefinitions: options.containers ?? [
          { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
        ],
        ...options.taskDefinition,
      },
      task_run_request: {
        launchType: '{{ launch_type }}',
        ...options.runRequest,
      },
      ...(withNetwork
        ? {
            vpc_id: '{{ vpc_id }}',
            network_configuration: '{{ network_configuration }}',
          }
        : {}),
      ...options.jobConfiguration,
    },
    variables: {
      type: 'object',
      properties: {
        launch_type: launchType,
        ...(withNetwork
          ? {
              vpc_id: { type: 'string', default: 'vpc-0123456789abcdef0' },
              network_configuration: {
                type: 'object',
                default: options.networkDefault ?? NETWORK,
              },
            }
          : {}),
      },
    },
  };
}

const bridgeOnFargate = template({
  launchType: 'FARGATE',
  taskDefinition: { networkMode: 'bridge' },
});
const bridgeWithEc2Option = template({
  launchType: 'FARGATE',
  launchTypeEnum: ['FARGATE', 'EC2'],
  taskDefinition: { networkMode: 'bridge' },
});
const workPool = {
  name: 'etl',
  type: 'ecs',
  base_job_template: bridgeOnFargate,
};

runRuleTests('fargate-requires-awsvpc', {
  valid: [
    {
      name: 'worker sets awsvpc for Fargate',
      template: template({ launchType: 'FARGATE' }),
    },
    {
      name: 'bridge mode, hostname and json-file on EC2',
      template: template({
        launchType: 'EC2',
        taskDefinition: { networkMode: 'bridge', ipcMode: 'host' },
        containers: [
          {
            name: 'prefect',
            image: 'prefecthq/prefect:3-latest',
            hostname: 'flow',
            logConfiguration: { logDriver: 'json-file' },
          },
        ],
      }),
    },
    {
      name: 'Fargate log drivers',
      template: template({
        launchType: 'FARGATE',
        containers: [
          {
            name: 'prefect',
            image: 'prefecthq/prefect:3-latest',
            logConfiguration: { logDriver: 'awslogs' },
          },
          {
            name: 'router',
            image: 'amazon/aws-for-fluent-bit:stable',
            logConfiguration: { logDriver: 'awsfirelens' },
          },
          {
            name: 'forwarder',
            image: 'example/forwarder:2',
            logConfiguration: { logDriver: 'splunk' },
          },
        ],
      }),
    },
    {
      name: 'CloudWatch logs replace the log driver',
      template: template({
        launchType: 'FARGATE',
        containers: [
          {
            name: 'prefect',
            image: 'prefecthq/prefect:3-latest',
            logConfiguration: { logDriver: 'json-file' },
          },
        ],
        taskDefinition: {
          executionRoleArn: 'arn:aws:iam::123456789012:role/ecs-execution',
        },
        jobConfiguration: { configure_cloudwatch_logs: true },
      }),
    },
    {
      name: 'existing task definition',
      template: template({
        launchType: 'FARGATE',
        taskDefinition: { networkMode: 'bridge' },
        runRequest: {
          taskDefinition:
            'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:4',
        },
      }),
    },
    {
      name: 'network mode from a Prefect variable',
      template: {
        ...template({
          launchType: 'FARGATE',
          taskDefinition: { networkMode: '{{ mode }}' },
        }),
        variables: {
          type: 'object',
          properties: {
            launch_type: { type: 'string', default: 'FARGATE' },
            mode: {
              type: 'string',
              default: '{{ prefect.variables.network_mode }}',
            },
          },
        },
      },
    },
  ],
  invalid: [
    {
      name: 'bridge mode on Fargate',
      template: bridgeOnFargate,
      errors: [
        {
          messageId: 'networkModeWorker',
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/networkMode',
          data: {
            networkMode: '"bridge"',
            workerMessage:
              "Found network mode 'bridge' which is not compatible with launch type 'FARGATE'. Use either the 'EC2' launch type or the 'awsvpc' network mode.",
          },
          severity: 2,
        },
      ],
      output: template({
        launchType: 'FARGATE',
        taskDefinition: { networkMode: 'awsvpc' },
      }),
    },
    {
      name: 'bridge mode where a deployment may pick EC2',
      template: bridgeWithEc2Option,
      jobVariables: [{ launch_type: 'EC2' }],
      errors: [
        {
          messageId: 'networkModeWorker',
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/networkMode',
        },
      ],
      output: null,
    },
    {
      name: 'bridge mode without a network configuration',
      template: template({
        launchType: 'FARGATE',
        taskDefinition: { networkMode: 'bridge' },
        network: false,
      }),
      errors: [
        {
          messageId: 'networkModeWorker',
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/networkMode',
        },
      ],
      output: null,
    },
    {
      name: 'bridge mode with no security groups',
      template: template({
        launchType: 'FARGATE',
        taskDefinition: { networkMode: 'bridge' },
        networkDefault: { subnets: ['subnet-0123456789abcdef0'] },
      }),
      errors: [
        {
          messageId: 'networkModeWorker',
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/networkMode',
        },
      ],
      output: null,
    },
    {
      name: 'hostname, ipcMode and syslog',
      template: template({
        launchType: 'FARGATE',
        taskDefinition: { ipcMode: 'task' },
        containers: [
          {
            name: 'prefect',
            image: 'prefecthq/prefect:3-latest',
            hostname: 'flow-runner',
          },
          {
            name: 'shipper',
            image: 'example/shipper:1',
            logConfiguration: { logDriver: 'syslog' },
          },
        ],
      }),
      errors: [
        {
          messageId: 'hostname',
          line: 8,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/hostname',
          data: { container: 'prefect', hostname: '"flow-runner"' },
        },
        {
          messageId: 'logDriver',
          line: 14,
          column: 13,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/1/logConfiguration/logDriver',
          data: {
            container: 'shipper',
            logDriver: '"syslog"',
            allowed: 'awslogs, splunk, awsfirelens',
          },
        },
        {
          messageId: 'ipcMode',
          line: 18,
          column: 7,
          pointer: '/job_configuration/task_definition/ipcMode',
          data: { ipcMode: '"task"' },
        },
      ],
      output: null,
    },
    {
      name: 'Fargate strategy with no network mode',
      template: template({
        runRequest: {
          capacityProviderStrategy: [
            { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 },
          ],
        },
      }),
      errors: [
        {
          messageId: 'networkModeMissingOnCapacity',
          line: 3,
          column: 5,
          pointer: '/job_configuration/task_definition',
        },
      ],
      output: null,
    },
    {
      name: 'FARGATE compatibility with no network mode',
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
          messageId: 'networkModeMissing',
          line: 3,
          column: 5,
          pointer: '/job_configuration/task_definition',
        },
      ],
      output: null,
    },
    {
      name: 'bridge mode on Fargate capacity',
      template: template({
        launchType: 'EC2',
        launchTypeEnum: ['EC2'],
        taskDefinition: { networkMode: 'bridge' },
        runRequest: {
          capacityProviderStrategy: [
            { capacityProvider: 'FARGATE', weight: 1, base: 0 },
          ],
        },
      }),
      errors: [
        {
          messageId: 'networkModeOnCapacity',
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/networkMode',
          data: { networkMode: '"bridge"' },
        },
      ],
      output: template({
        launchType: 'EC2',
        launchTypeEnum: ['EC2'],
        taskDefinition: { networkMode: 'awsvpc' },
        runRequest: {
          capacityProviderStrategy: [
            { capacityProvider: 'FARGATE', weight: 1, base: 0 },
          ],
        },
      }),
    },
    {
      name: 'host mode on a push pool',
      template: template({ taskDefinition: { networkMode: 'host' } }),
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'networkModeWorker',
          line: 10,
          column: 7,
          pointer: '/job_configuration/task_definition/networkMode',
          data: {
            networkMode: '"host"',
            workerMessage:
              "Found network mode 'host' which is not compatible with launch type 'FARGATE'. Use either the 'EC2' launch type or the 'awsvpc' network mode.",
          },
        },
      ],
      output: template({ taskDefinition: { networkMode: 'awsvpc' } }),
    },
    {
      name: 'bridge mode in a work pool',
      template: workPool,
      errors: [
        {
          messageId: 'networkModeWorker',
          line: 13,
          column: 9,
          pointer:
            '/base_job_template/job_configuration/task_definition/networkMode',
        },
      ],
      output: {
        ...workPool,
        base_job_template: template({
          launchType: 'FARGATE',
          taskDefinition: { networkMode: 'awsvpc' },
        }),
      },
    },
  ],
});
