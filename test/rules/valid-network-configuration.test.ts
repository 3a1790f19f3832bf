import { runRuleTests } from '../helpers/rule-tester.js';

const SUBNET = 'subnet-0123456789abcdef0';
const SUBNET_B = 'subnet-0fedcba9876543210';
const GROUP = 'sg-0123456789abcdef0';
const VPC = 'vpc-0123456789abcdef0';

interface TemplateOptions {
  networkDefault?: unknown;
  launchType?: string;
  networkMode?: string;
  extraJobConfiguration?: Record<string, unknown>;
  extraRunRequest?: Record<string, unknown>;
}

/** Builds a Fargate-ready template that reads network_configuration and vpc_id from variables. */
function template(options: TemplateOptions = {}): Record<string, unknown> {
  const taskDefinition: Record<string, unknown> = {
    containerDefinitions: [
      { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
    ],
  };
  if (options.networkMode !== undefined) {
    taskDefinition.networkMode = options.networkMode;
  }
  const networkConfiguration: Record<string, unknown> = { type: 'object' };
  if (options.networkDefault !== undefined) {
    networkConfiguration.default = options.networkDefault;
  }
  return {
    job_configuration: {
      task_definition: taskDefinition,
      task_run_request: {
        launchType: '{{ launch_type }}',
        ...options.extraRunRequest,
      },
      vpc_id: '{{ vpc_id }}',
      network_configuration: '{{ network_configuration }}',
      ...options.extraJobConfiguration,
    },
    variables: {
      type: 'object',
      properties: {
        launch_type: {
          type: 'string',
          default: options.launchType ?? 'FARGATE',
        },
        vpc_id: { type: 'string', default: VPC },
        network_configuration: networkConfiguration,
      },
    },
  };
}

const wrappedDefault = {
  awsvpcConfiguration: {
    subnets: [SUBNET],
    securityGroups: [GROUP],
    assignPublicIp: 'DISABLED',
  },
};

const cloudFormationLiteral = template({
  extraJobConfiguration: {
    network_configuration: {
      Subnets: [SUBNET, SUBNET_B],
      SecurityGroups: [GROUP],
      AssignPublicIp: 'DISABLED',
    },
  },
});

const innerFormRunRequest = {
  job_configuration: {
    task_definition: {
      containerDefinitions: [
        { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
      ],
    },
    task_run_request: {
      launchType: 'FARGATE',
      networkConfiguration: { subnets: [SUBNET], securityGroups: [GROUP] },
    },
  },
  variables: { type: 'object', properties: {} },
};

const wrappedWorkPool = {
  name: 'etl-pool',
  type: 'ecs',
  base_job_template: template({ networkDefault: wrappedDefault }),
};

runRuleTests('valid-network-configuration', {
  valid: [
    {
      name: 'complete configuration on Fargate',
      template: template({
        networkDefault: {
          subnets: [SUBNET],
          securityGroups: [GROUP],
          assignPublicIp: 'DISABLED',
        },
      }),
    },
    {
      name: 'assignPublicIp left to its DISABLED default',
      template: template({
        networkDefault: { subnets: [SUBNET_B], securityGroups: [GROUP] },
      }),
    },
    {
      name: 'public IP on Fargate',
      template: template({
        networkDefault: {
          subnets: [SUBNET],
          securityGroups: [GROUP],
          assignPublicIp: 'ENABLED',
        },
      }),
    },
    {
      name: 'configuration inferred by the worker',
      template: template(),
    },
    {
      name: 'public IP ignored outside awsvpc mode',
      template: template({
        launchType: 'EC2',
        networkMode: 'bridge',
        networkDefault: {
          subnets: [SUBNET],
          securityGroups: [GROUP],
          assignPublicIp: 'ENABLED',
        },
      }),
    },
    {
      name: 'public IP with an existing task definition',
      template: template({
        launchType: 'EC2',
        networkDefault: {
          subnets: [SUBNET],
          securityGroups: [GROUP],
          assignPublicIp: 'ENABLED',
        },
        extraRunRequest: {
          taskDefinition:
            'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:3',
        },
      }),
    },
    {
      name: 'literal run request configuration in outer form',
      template: {
        ...innerFormRunRequest,
        job_configuration: {
          ...innerFormRunRequest.job_configuration,
          task_run_request: {
            launchType: 'FARGATE',
            networkConfiguration: {
              awsvpcConfiguration: {
                subnets: [SUBNET],
                securityGroups: [GROUP],
              },
            },
          },
        },
      },
    },
    {
      name: 'subnets placeholder without a value',
      template: template({
        extraJobConfiguration: {
          network_configuration: {
            subnets: '{{ subnets }}',
            securityGroups: [GROUP],
          },
        },
      }),
    },
    {
      name: 'configuration from a Prefect variable',
      template: template({ networkDefault: '{{ prefect.variables.network }}' }),
    },
  ],
  invalid: [
    {
      name: 'public IP on EC2 in awsvpc mode',
      template: template({
        launchType: 'EC2',
        networkMode: 'awsvpc',
        networkDefault: {
          subnets: [SUBNET],
          securityGroups: [GROUP],
          assignPublicIp: 'ENABLED',
        },
      }),
      errors: [
        {
          messageId: 'publicIpNotFargate',
          line: 38,
          column: 11,
          pointer:
            '/variables/properties/network_configuration/default/assignPublicIp',
          data: { capacity: 'EC2' },
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'public IP on EC2 in one deployment',
      template: template({
        networkMode: 'awsvpc',
        networkDefault: {
          subnets: [SUBNET],
          securityGroups: [GROUP],
          assignPublicIp: 'ENABLED',
        },
      }),
      jobVariables: [{ launch_type: 'EC2' }],
      errors: [
        {
          messageId: 'publicIpNotFargate',
          line: 38,
          column: 11,
          pointer:
            '/variables/properties/network_configuration/default/assignPublicIp',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'no security groups',
      template: template({
        networkDefault: { subnets: [SUBNET], assignPublicIp: 'DISABLED' },
      }),
      errors: [
        {
          messageId: 'defaultSecurityGroup',
          line: 30,
          column: 9,
          pointer: '/variables/properties/network_configuration/default',
          severity: 0,
        },
      ],
      output: null,
    },
    {
      name: 'default wrapped in awsvpcConfiguration',
      template: template({ networkDefault: wrappedDefault }),
      errors: [
        {
          messageId: 'wrapped',
          line: 30,
          column: 9,
          pointer: '/variables/properties/network_configuration/default',
          data: { label: 'network_configuration', key: 'awsvpcConfiguration' },
          severity: 2,
        },
      ],
      output: template({ networkDefault: wrappedDefault.awsvpcConfiguration }),
    },
    {
      name: 'literal in CloudFormation casing',
      template: cloudFormationLiteral,
      errors: [
        {
          messageId: 'cloudFormationCasing',
          line: 15,
          column: 5,
          pointer: '/job_configuration/network_configuration',
          data: {
            label: 'network_configuration',
            keys: 'Subnets, SecurityGroups, AssignPublicIp',
          },
        },
      ],
      output: template({
        extraJobConfiguration: {
          network_configuration: {
            subnets: [SUBNET, SUBNET_B],
            securityGroups: [GROUP],
            assignPublicIp: 'DISABLED',
          },
        },
      }),
    },
    {
      name: 'wrapped with a malformed subnet id',
      template: template({
        networkDefault: {
          awsvpcConfiguration: {
            subnets: ['subnet-12'],
            securityGroups: [GROUP],
          },
        },
      }),
      errors: [
        {
          messageId: 'wrapped',
          line: 30,
          column: 9,
          pointer: '/variables/properties/network_configuration/default',
        },
      ],
      output: null,
    },
    {
      name: 'wrapped in a deployment',
      template: template({
        networkDefault: { subnets: [SUBNET], securityGroups: [GROUP] },
      }),
      jobVariables: [{ network_configuration: wrappedDefault }],
      errors: [
        {
          messageId: 'wrapped',
          line: 15,
          column: 5,
          pointer: '/job_configuration/network_configuration',
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'run request configuration in inner form',
      template: innerFormRunRequest,
      errors: [
        {
          messageId: 'notWrapped',
          line: 13,
          column: 7,
          pointer: '/job_configuration/task_run_request/networkConfiguration',
          data: {
            label: 'task_run_request.networkConfiguration',
            keys: 'subnets, securityGroups',
          },
        },
      ],
      output: {
        ...innerFormRunRequest,
        job_configuration: {
          ...innerFormRunRequest.job_configuration,
          task_run_request: {
            launchType: 'FARGATE',
            networkConfiguration: {
              awsvpcConfiguration: {
                subnets: [SUBNET],
                securityGroups: [GROUP],
              },
            },
          },
        },
      },
    },
    {
      name: 'wrapped default in a work pool',
      template: wrappedWorkPool,
      errors: [
        {
          messageId: 'wrapped',
          line: 33,
          column: 11,
          pointer:
            '/base_job_template/variables/properties/network_configuration/default',
        },
      ],
      output: {
        ...wrappedWorkPool,
        base_job_template: template({
          networkDefault: wrappedDefault.awsvpcConfiguration,
        }),
      },
    },
    {
      name: 'too many subnets and security groups',
      template: template({
        networkDefault: {
          subnets: Array.from(
            { length: 17 },
            (_, i) => `subnet-${String(i).padStart(8, '0')}`,
          ),
          securityGroups: Array.from(
            { length: 6 },
            (_, i) => `sg-${String(i).padStart(8, '0')}`,
          ),
        },
      }),
      errors: [
        {
          messageId: 'subnetCount',
          line: 31,
          column: 11,
          pointer:
            '/variables/properties/network_configuration/default/subnets',
          data: { count: 17, min: 1, max: 16 },
        },
        {
          messageId: 'securityGroupCount',
          line: 50,
          column: 11,
          pointer:
            '/variables/properties/network_configuration/default/securityGroups',
          data: { count: 6, max: 5 },
        },
      ],
      output: null,
    },
    {
      name: 'malformed ids and public IP value',
      template: template({
        networkDefault: {
          subnets: ['subnet-XYZ'],
          securityGroups: ['default'],
          assignPublicIp: 'enabled',
        },
      }),
      errors: [
        {
          messageId: 'malformedSubnetId',
          line: 32,
          column: 13,
          pointer:
            '/variables/properties/network_configuration/default/subnets/0',
          data: { id: '"subnet-XYZ"' },
          severity: 1,
        },
        {
          messageId: 'malformedSecurityGroupId',
          line: 35,
          column: 13,
          pointer:
            '/variables/properties/network_configuration/default/securityGroups/0',
          data: { id: '"default"' },
          severity: 1,
        },
        {
          messageId: 'invalidAssignPublicIp',
          line: 37,
          column: 11,
          pointer:
            '/variables/properties/network_configuration/default/assignPublicIp',
          data: { value: '"enabled"' },
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'misspelled key and no subnets',
      template: template({
        networkDefault: { subnet: [SUBNET], securityGroups: [GROUP] },
      }),
      errors: [
        {
          messageId: 'missingSubnets',
          line: 30,
          column: 9,
          pointer: '/variables/properties/network_configuration/default',
        },
        {
          messageId: 'unknownKey',
          line: 31,
          column: 11,
          pointer: '/variables/properties/network_configuration/default/subnet',
          data: { key: 'subnet', hint: ' (did you mean subnets?)' },
        },
      ],
      output: null,
    },
    {
      name: 'subnets as a string',
      template: template({
        networkDefault: { subnets: SUBNET, securityGroups: [GROUP] },
      }),
      errors: [
        {
          messageId: 'notList',
          line: 31,
          column: 11,
          pointer:
            '/variables/properties/network_configuration/default/subnets',
          data: { key: 'subnets', type: `the string "${SUBNET}"` },
        },
      ],
      output: null,
    },
    {
      name: 'configuration as a string',
      template: template({ networkDefault: SUBNET }),
      errors: [
        {
          messageId: 'notObject',
          line: 30,
          column: 9,
          pointer: '/variables/properties/network_configuration/default',
        },
      ],
      output: null,
    },
  ],
});
