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

const BLOCK_ID = '00000000-0000-4000-8000-000000000001';

const awsCredentialsDefinition = {
  type: 'object',
  block_type_slug: 'aws-credentials',
  properties: { region_name: { type: 'string' } },
};

/** Returns the Terraform-rendered template with integer cpu and memory defaults. */
function terraformWithIntegerSizes(): Record<string, any> {
  const template = JSON.parse(terraformText) as Record<string, any>;
  template.variables.properties.cpu.default = 512;
  template.variables.properties.memory.default = 1024;
  return template;
}

function withDefault(
  name: string,
  schema: Record<string, unknown>,
  extra = {},
) {
  return {
    job_configuration: { [name]: `{{ ${name} }}` },
    variables: { type: 'object', properties: { [name]: schema }, ...extra },
  };
}

const booleanAsString = withDefault('match_latest_revision_in_family', {
  type: 'boolean',
  default: 'false',
});

const outOfRangeString = withDefault('memory', {
  type: 'integer',
  maximum: 1000,
  default: '2048',
});

const sizeWithUnit = withDefault('cpu', {
  anyOf: [{ type: 'integer' }, { type: 'null' }],
  default: '1 vCPU',
});

const strategyWithoutBase = withDefault(
  'capacity_provider_strategy',
  {
    type: 'array',
    items: { $ref: '#/definitions/CapacityProvider' },
    default: [{ capacityProvider: 'FARGATE', weight: 1 }],
  },
  {
    definitions: {
      CapacityProvider: {
        type: 'object',
        properties: {
          capacityProvider: { type: 'string' },
          weight: { type: 'integer' },
          base: { type: 'integer' },
        },
        required: ['capacityProvider', 'weight', 'base'],
      },
    },
  },
);

const blockPlaceholderDefault = withDefault(
  'aws_credentials',
  {
    $ref: '#/definitions/AwsCredentials',
    default: '{{ prefect.blocks.aws-credentials.prod }}',
  },
  { definitions: { AwsCredentials: awsCredentialsDefinition } },
);

const blockReferenceWithName = withDefault(
  'aws_credentials',
  {
    $ref: '#/definitions/AwsCredentials',
    default: { $ref: { block_document_id: 'prod-credentials' } },
  },
  { definitions: { AwsCredentials: awsCredentialsDefinition } },
);

const pushPoolWithLowercaseLaunchType = {
  name: 'p',
  type: 'ecs:push',
  base_job_template: withDefault('launch_type', {
    type: 'string',
    enum: ['FARGATE', 'EC2'],
    default: 'fargate',
  }),
};

runRuleTests('valid-variable-default', {
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
      name: 'UI export with launch type and strategy defaults',
      template: fixture(
        'real-templates/users/12-unattributed-ui-export-ec2-plus-capacity-provider.json',
      ),
    },
    {
      name: 'block reference with a UUID',
      template: withDefault(
        'aws_credentials',
        {
          $ref: '#/definitions/AwsCredentials',
          default: { $ref: { block_document_id: BLOCK_ID } },
        },
        { definitions: { AwsCredentials: awsCredentialsDefinition } },
      ),
    },
    {
      name: 'null default on a plain typed variable',
      template: withDefault('cluster', { type: 'string', default: null }),
    },
    {
      name: 'digits for a string variable',
      template: withDefault('cpu', { type: 'string', default: '512' }),
    },
  ],
  invalid: [
    {
      name: 'Terraform-rendered string sizes',
      template: terraformText,
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'cpu',
            where: '',
            problem: '"512" must be integer or null',
          },
          line: 156,
          column: 9,
          pointer: '/variables/properties/cpu/default',
          severity: 2,
        },
        {
          messageId: 'invalid',
          data: {
            name: 'memory',
            where: '',
            problem: '"1024" must be integer or null',
          },
          line: 162,
          column: 9,
          pointer: '/variables/properties/memory/default',
          severity: 2,
        },
      ],
      output: terraformWithIntegerSizes(),
    },
    {
      name: 'boolean written as a string',
      template: booleanAsString,
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'match_latest_revision_in_family',
            where: '',
            problem: '"false" must be boolean or null',
          },
          line: 10,
          column: 9,
          pointer:
            '/variables/properties/match_latest_revision_in_family/default',
          severity: 2,
        },
      ],
      output: withDefault('match_latest_revision_in_family', {
        type: 'boolean',
        default: false,
      }),
    },
    {
      name: 'string integer that stays out of range',
      template: outOfRangeString,
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'memory',
            where: '',
            problem: '"2048" must be integer or null',
          },
          line: 11,
          column: 9,
          pointer: '/variables/properties/memory/default',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'size with a unit for an integer variable',
      template: sizeWithUnit,
      errors: [
        {
          messageId: 'invalid',
          data: { name: 'cpu', where: '', problem: '"1 vCPU" must be integer' },
          line: 17,
          column: 9,
          pointer: '/variables/properties/cpu/default',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'strategy item without base',
      template: strategyWithoutBase,
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'capacity_provider_strategy',
            where: ' at /0',
            problem: "must have required property 'base'",
          },
          line: 14,
          column: 11,
          pointer: '/variables/properties/capacity_provider_strategy/default/0',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'block placeholder string for an object variable',
      template: blockPlaceholderDefault,
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'aws_credentials',
            where: '',
            problem:
              '"{{ prefect.blocks.aws-credentials.prod }}" must be object',
          },
          line: 10,
          column: 9,
          pointer: '/variables/properties/aws_credentials/default',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'block reference by name',
      template: blockReferenceWithName,
      errors: [
        {
          messageId: 'blockReferenceId',
          data: { name: 'aws_credentials', id: '"prod-credentials"' },
          line: 12,
          column: 13,
          pointer:
            '/variables/properties/aws_credentials/default/$ref/block_document_id',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'lowercase enum default in a push pool',
      template: pushPoolWithLowercaseLaunchType,
      errors: [
        {
          messageId: 'invalid',
          data: {
            name: 'launch_type',
            where: '',
            problem:
              '"fargate" must be equal to one of the allowed values: "FARGATE", "EC2"',
          },
          line: 17,
          column: 11,
          pointer:
            '/base_job_template/variables/properties/launch_type/default',
          severity: 2,
        },
      ],
      output: null,
    },
  ],
});
