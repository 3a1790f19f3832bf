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

const prefectContainer = {
  name: 'prefect',
  image: 'prefecthq/prefect:3-latest',
};

const privateSubnets = {
  subnets: ['subnet-0abc1234'],
  securityGroups: ['sg-0abc1234'],
  assignPublicIp: 'DISABLED',
};

/** The schemas that the wiring declares. Neither has a value, so no run changes. */
const networkConfigurationSchema = {
  title: 'Network Configuration',
  description:
    'The awsvpcConfiguration for the task: subnets, securityGroups and assignPublicIp. Needs vpc_id.',
  type: 'object',
  additionalProperties: true,
};

const vpcIdSchema = {
  title: 'VPC ID',
  description: 'The VPC the subnets belong to.',
  anyOf: [{ type: 'string' }, { type: 'null' }],
  default: null,
};

const ec2Awsvpc = {
  job_configuration: {
    task_definition: {
      containerDefinitions: [prefectContainer],
      networkMode: 'awsvpc',
      requiresCompatibilities: ['EC2'],
    },
    task_run_request: { launchType: 'EC2' },
  },
  variables: { type: 'object', properties: {} },
};

const fargateWithUnwiredDefaults = {
  job_configuration: {
    task_definition: { containerDefinitions: [prefectContainer] },
    task_run_request: { launchType: 'FARGATE' },
  },
  variables: {
    type: 'object',
    properties: {
      network_configuration: { type: 'object', default: privateSubnets },
      vpc_id: { type: 'string', default: 'vpc-0abc1234' },
    },
  },
};

const ec2CompatibleWithoutLaunchType = {
  job_configuration: {
    task_definition: {
      containerDefinitions: [prefectContainer],
      requiresCompatibilities: ['EC2'],
    },
    task_run_request: { cluster: 'prod' },
  },
  variables: { type: 'object', properties: {} },
};

const networkWithoutVpcId = {
  job_configuration: {
    task_definition: { containerDefinitions: [prefectContainer] },
    task_run_request: { launchType: 'FARGATE' },
    network_configuration: '{{ network_configuration }}',
    vpc_id: '{{ vpc_id }}',
  },
  variables: {
    type: 'object',
    properties: {
      network_configuration: { type: 'object', default: privateSubnets },
      vpc_id: { anyOf: [{ type: 'string' }, { type: 'null' }], default: null },
    },
  },
};

const bridgeWithNetworkConfiguration = {
  job_configuration: {
    task_definition: {
      containerDefinitions: [prefectContainer],
      networkMode: 'bridge',
    },
    task_run_request: {
      launchType: 'EC2',
      networkConfiguration: {
        awsvpcConfiguration: { subnets: ['subnet-0abc1234'] },
      },
    },
  },
  variables: { type: 'object', properties: {} },
};

/** Adds the two placeholders and, when given, their declarations. */
function wired(
  template: Record<string, any>,
  declare: boolean,
): Record<string, any> {
  const result = structuredClone(template);
  result.job_configuration.network_configuration =
    '{{ network_configuration }}';
  result.job_configuration.vpc_id = '{{ vpc_id }}';
  if (declare) {
    result.variables.properties.network_configuration =
      networkConfigurationSchema;
    result.variables.properties.vpc_id = vpcIdSchema;
  }
  return result;
}

runRuleTests('require-network-configuration-for-awsvpc', {
  valid: [
    {
      name: 'stock template with a deployment network',
      template: stockText,
      jobVariables: [
        { network_configuration: privateSubnets, vpc_id: 'vpc-0abc1234' },
      ],
    },
    {
      name: 'stock template on EC2 in bridge mode',
      template: (() => {
        const template = JSON.parse(stockText) as Record<string, any>;
        template.variables.properties.launch_type.default = 'EC2';
        return template;
      })(),
    },
    {
      name: 'wired defaults',
      template: wired(fargateWithUnwiredDefaults, false),
    },
    {
      name: 'EC2-compatible definition on the current worker',
      template: ec2CompatibleWithoutLaunchType,
    },
    {
      name: 'existing task definition ARN',
      template: {
        job_configuration: {
          task_definition: { containerDefinitions: [prefectContainer] },
          task_run_request: {
            launchType: 'FARGATE',
            taskDefinition:
              'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:3',
          },
        },
        variables: { type: 'object', properties: {} },
      },
    },
  ],
  invalid: [
    {
      name: 'stock template without network settings',
      template: stockText,
      errors: [
        {
          messageId: 'dependsOnDefaultVpc',
          data: { capacity: 'FARGATE', vpc: 'a default VPC' },
          line: 44,
          column: 5,
          pointer: '/job_configuration/network_configuration',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'stock template inside a work pool',
      template: {
        name: 'p',
        type: 'ecs',
        base_job_template: JSON.parse(stockText),
      },
      errors: [
        {
          messageId: 'dependsOnDefaultVpc',
          data: { capacity: 'FARGATE', vpc: 'a default VPC' },
          line: 47,
          column: 7,
          pointer: '/base_job_template/job_configuration/network_configuration',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'UI export with a VPC id and no subnets',
      template: fixture(
        'real-templates/users/12-unattributed-ui-export-ec2-plus-capacity-provider.json',
      ),
      errors: [
        {
          messageId: 'dependsOnDefaultVpc',
          data: {
            capacity: 'FARGATE',
            vpc: 'the subnets of VPC vpc-0example000000001',
          },
          line: 538,
          column: 5,
          pointer: '/job_configuration/network_configuration',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'EC2 task in awsvpc mode without network settings',
      template: ec2Awsvpc,
      errors: [
        {
          messageId: 'inferredPublicIp',
          data: { capacity: 'EC2', vpc: 'a default VPC' },
          line: 15,
          column: 5,
          pointer: '/job_configuration/task_run_request',
          severity: 2,
          suggestions: [
            {
              desc: 'Read network_configuration and vpc_id from variables so deployments can set them.',
              output: wired(ec2Awsvpc, true),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'declared network defaults that are not wired',
      template: fargateWithUnwiredDefaults,
      errors: [
        {
          messageId: 'dependsOnDefaultVpc',
          data: { capacity: 'FARGATE', vpc: 'a default VPC' },
          line: 11,
          column: 5,
          pointer: '/job_configuration/task_run_request',
          severity: 1,
        },
      ],
      output: wired(fargateWithUnwiredDefaults, false),
    },
    {
      name: 'EC2-compatible definition on a 0.5.0 worker',
      template: ec2CompatibleWithoutLaunchType,
      target: { kind: 'hybrid', prefectAws: '0.5.0' },
      errors: [
        {
          messageId: 'dependsOnDefaultVpc',
          data: { capacity: 'cluster-default', vpc: 'a default VPC' },
          line: 14,
          column: 5,
          pointer: '/job_configuration/task_run_request',
          severity: 1,
          suggestions: [
            { output: wired(ec2CompatibleWithoutLaunchType, true) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'EC2-compatible definition on a push pool',
      template: ec2CompatibleWithoutLaunchType,
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'dependsOnDefaultVpc',
          data: { capacity: 'FARGATE', vpc: 'a default VPC' },
          line: 14,
          column: 5,
          pointer: '/job_configuration/task_run_request',
          severity: 1,
          suggestions: [
            { output: wired(ec2CompatibleWithoutLaunchType, true) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'network default without a VPC id',
      template: networkWithoutVpcId,
      errors: [
        {
          messageId: 'missingVpcId',
          data: {},
          line: 22,
          column: 9,
          pointer: '/variables/properties/network_configuration/default',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'deployment network without a VPC id',
      template: stockText,
      jobVariables: [{ network_configuration: privateSubnets }],
      errors: [
        {
          messageId: 'missingVpcId',
          data: {},
          line: 44,
          column: 5,
          pointer: '/job_configuration/network_configuration',
          severity: 2,
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'literal network configuration in bridge mode',
      template: bridgeWithNetworkConfiguration,
      errors: [
        {
          messageId: 'notAwsvpc',
          data: { networkMode: 'bridge' },
          line: 14,
          column: 7,
          pointer: '/job_configuration/task_run_request/networkConfiguration',
          severity: 2,
        },
      ],
      output: {
        ...bridgeWithNetworkConfiguration,
        job_configuration: {
          ...bridgeWithNetworkConfiguration.job_configuration,
          task_run_request: { launchType: 'EC2' },
        },
      },
    },
  ],
});
