import { runRuleTests } from '../helpers/rule-tester.js';

const LAUNCH_TYPES = ['FARGATE', 'EC2', 'EXTERNAL', 'FARGATE_SPOT'];
const ALLOWED = LAUNCH_TYPES.join(', ');
const IMAGE = 'prefecthq/prefect:3-python3.12';

const launchTypeVariable = (
  defaultValue?: unknown,
): Record<string, unknown> => ({
  type: 'string',
  enum: LAUNCH_TYPES,
  ...(defaultValue === undefined ? {} : { default: defaultValue }),
});

interface TemplateParts {
  /** Extra `job_configuration` keys, written before the task definition. */
  jobConfiguration?: Record<string, unknown>;
  taskDefinition?: Record<string, unknown>;
  runRequest?: Record<string, unknown>;
  properties?: Record<string, unknown>;
}

/** Builds a template with a `prefect` container and the given parts. */
function template(parts: TemplateParts = {}): Record<string, unknown> {
  return {
    job_configuration: {
      ...parts.jobConfiguration,
      task_definition: {
        ...parts.taskDefinition,
        containerDefinitions: [{ name: 'prefect', image: IMAGE }],
      },
      task_run_request: parts.runRequest ?? { launchType: '{{ launch_type }}' },
    },
    variables: {
      type: 'object',
      properties: parts.properties ?? {
        launch_type: launchTypeVariable('FARGATE'),
      },
    },
  };
}

const FARGATE_READY_EXTERNAL = {
  requiresCompatibilities: ['EXTERNAL'],
  networkMode: 'awsvpc',
  cpu: '1024',
  memory: '2048',
};

/** A network configuration, so that the Fargate-ready task definition needs nothing else. */
const NETWORK_CONFIGURATION = {
  vpc_id: '{{ vpc_id }}',
  network_configuration: '{{ network_configuration }}',
};
const NETWORK_VARIABLES = {
  launch_type: launchTypeVariable('FARGATE'),
  vpc_id: { type: 'string', default: 'vpc-0123456789abcdef0' },
  network_configuration: {
    type: 'object',
    default: {
      subnets: ['subnet-0123456789abcdef0'],
      securityGroups: ['sg-0123456789abcdef0'],
    },
  },
};

runRuleTests('launch-type-compatibility', {
  valid: [
    { name: 'FARGATE default', template: template() },
    {
      name: 'EC2 default without compatibilities',
      template: template({
        properties: { launch_type: launchTypeVariable('EC2') },
      }),
    },
    {
      name: 'EC2 in awsvpc mode',
      template: template({
        taskDefinition: { networkMode: 'awsvpc' },
        properties: { launch_type: launchTypeVariable('EC2') },
      }),
    },
    {
      name: 'FARGATE_SPOT turned into a strategy',
      template: template({
        properties: { launch_type: launchTypeVariable('FARGATE_SPOT') },
      }),
    },
    {
      name: 'Auto Scaling group strategy with EC2 compatibility',
      template: template({
        taskDefinition: { requiresCompatibilities: ['EC2'] },
        runRequest: {
          capacityProviderStrategy: [
            { capacityProvider: 'example-asg-provider', weight: 1, base: 0 },
          ],
        },
        properties: {},
      }),
    },
    {
      name: 'no launch type with EC2 compatibility',
      template: template({
        taskDefinition: { requiresCompatibilities: ['EC2'] },
        runRequest: {},
        properties: {},
      }),
    },
    {
      name: 'no launch type on a push pool',
      template: template({ runRequest: {}, properties: {} }),
      target: { kind: 'push' },
    },
    {
      name: 'no launch type before prefect-aws 0.6.0',
      template: template({ runRequest: {}, properties: {} }),
      target: { kind: 'hybrid', prefectAws: '0.5.13' },
    },
    {
      name: 'existing task definition',
      template: template({
        runRequest: { taskDefinition: '{{ task_definition_arn }}' },
        properties: {
          task_definition_arn: {
            type: 'string',
            default:
              'arn:aws:ecs:us-east-1:123456789012:task-definition/example-family:7',
          },
        },
      }),
    },
    {
      name: 'platform version on Fargate',
      template: template({
        runRequest: { launchType: 'FARGATE', platformVersion: '1.4.0' },
        properties: {},
      }),
    },
    {
      name: 'placement on EC2',
      template: template({
        runRequest: {
          launchType: 'EC2',
          placementStrategy: [
            { type: 'spread', field: 'attribute:ecs.availability-zone' },
          ],
        },
        properties: {},
      }),
    },
    {
      name: 'launch type from a Prefect variable',
      template: template({
        properties: {
          launch_type: {
            type: 'string',
            default: '{{ prefect.variables.launch_type }}',
          },
        },
      }),
    },
    {
      name: 'job variables with valid launch types',
      template: template(),
      jobVariables: [{ launch_type: 'EC2' }, { launch_type: 'FARGATE_SPOT' }],
    },
  ],
  invalid: [
    {
      name: 'lower-case literal launch type',
      template: template({
        runRequest: { launchType: 'fargate' },
        properties: {},
      }),
      errors: [
        {
          messageId: 'invalidLaunchType',
          data: { value: '"fargate"', allowed: ALLOWED },
          line: 12,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'job variable outside the worker enum',
      template: template({
        properties: { launch_type: { type: 'string', default: 'FARGATE' } },
      }),
      jobVariables: [{ launch_type: 'MANAGED_INSTANCES' }],
      errors: [
        {
          messageId: 'invalidLaunchType',
          data: { value: '"MANAGED_INSTANCES"', allowed: ALLOWED },
          line: 12,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'null job value',
      template: template(),
      jobVariables: [{ launch_type: null }],
      errors: [
        {
          messageId: 'nullJobValue',
          data: { name: 'launch_type', allowed: ALLOWED },
          line: 12,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'null default',
      template: template({
        properties: { launch_type: launchTypeVariable(null) },
      }),
      errors: [
        {
          messageId: 'notRegisteredForFargate',
          line: 12,
          column: 7,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 2,
        },
        {
          messageId: 'nullDefault',
          data: { name: 'launch_type', allowed: ALLOWED },
          line: 26,
          column: 9,
          pointer: '/variables/properties/launch_type/default',
          severity: 2,
        },
      ],
      output: template({
        properties: { launch_type: launchTypeVariable('FARGATE') },
      }),
    },
    {
      name: 'EXTERNAL with an EXTERNAL-only definition',
      template: template({
        taskDefinition: { requiresCompatibilities: ['EXTERNAL'] },
        properties: { launch_type: launchTypeVariable('EXTERNAL') },
      }),
      errors: [
        {
          messageId: 'missingCompatibility',
          data: {
            launchType: 'EXTERNAL',
            workerMessage:
              "Task definition does not have 'FARGATE' in 'requiresCompatibilities' and cannot be used with launch type 'EXTERNAL'",
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/requiresCompatibilities',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'declared launch_type that nothing reads',
      template: template({
        jobConfiguration: NETWORK_CONFIGURATION,
        runRequest: { cluster: 'example-cluster' },
        properties: NETWORK_VARIABLES,
      }),
      errors: [
        {
          messageId: 'notRegisteredForFargate',
          data: { worker: 'prefect-aws 0.7.11' },
          line: 13,
          column: 5,
          pointer: '/job_configuration/task_run_request',
          severity: 2,
        },
      ],
      output: template({
        jobConfiguration: NETWORK_CONFIGURATION,
        runRequest: {
          cluster: 'example-cluster',
          launchType: '{{ launch_type }}',
        },
        properties: NETWORK_VARIABLES,
      }),
    },
    {
      name: 'no launch type and an awsvpc EXTERNAL definition',
      template: template({
        taskDefinition: FARGATE_READY_EXTERNAL,
        runRequest: {},
        properties: {},
      }),
      errors: [
        {
          messageId: 'missingCompatibility',
          data: {
            launchType: 'FARGATE',
            workerMessage:
              "Task definition does not have 'FARGATE' in 'requiresCompatibilities' and cannot be used with launch type 'FARGATE'",
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/requiresCompatibilities',
          severity: 2,
        },
      ],
      output: template({
        taskDefinition: {
          ...FARGATE_READY_EXTERNAL,
          requiresCompatibilities: ['EXTERNAL', 'FARGATE'],
        },
        runRequest: {},
        properties: {},
      }),
    },
    {
      name: 'EC2 definition without a launch type on prefect-aws 0.7.1',
      template: template({
        taskDefinition: { requiresCompatibilities: ['EC2'] },
        runRequest: {},
        properties: {},
      }),
      target: { kind: 'hybrid', prefectAws: '0.7.1' },
      errors: [
        {
          messageId: 'missingCompatibility',
          data: {
            launchType: 'FARGATE',
            workerMessage:
              "Task definition does not have 'FARGATE' in 'requiresCompatibilities' and cannot be used with launch type 'FARGATE'",
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/requiresCompatibilities',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'platform version on EC2',
      template: template({
        runRequest: { launchType: 'EC2', platformVersion: 'LATEST' },
        properties: {},
      }),
      errors: [
        {
          messageId: 'platformVersionNotFargate',
          data: { value: '"LATEST"', capacity: 'EC2' },
          line: 13,
          column: 7,
          pointer: '/job_configuration/task_run_request/platformVersion',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'placement on Fargate',
      template: template({
        taskDefinition: {
          placementConstraints: [
            { type: 'memberOf', expression: 'attribute:ecs.os-type == linux' },
          ],
        },
        runRequest: {
          launchType: 'FARGATE',
          placementConstraints: [{ type: 'distinctInstance' }],
        },
        properties: {},
      }),
      errors: [
        {
          messageId: 'placementOnFargate',
          data: { field: 'task_definition.placementConstraints' },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/placementConstraints',
          severity: 2,
        },
        {
          messageId: 'placementOnFargate',
          data: { field: 'task_run_request.placementConstraints' },
          line: 19,
          column: 7,
          pointer: '/job_configuration/task_run_request/placementConstraints',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'work pool document',
      template: {
        name: 'example-pool',
        type: 'ecs',
        base_job_template: template({ runRequest: { launchType: 'SPOT' } }),
      },
      errors: [
        {
          messageId: 'invalidLaunchType',
          data: { value: '"SPOT"', allowed: ALLOWED },
          line: 15,
          column: 9,
          pointer:
            '/base_job_template/job_configuration/task_run_request/launchType',
          severity: 2,
        },
      ],
      output: null,
    },
  ],
});
