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
const uiExportText = fixture(
  'real-templates/users/12-unattributed-ui-export-ec2-plus-capacity-provider.json',
);

const BLOCK_REFERENCE = {
  $ref: { block_document_id: '00000000-0000-4000-8000-000000000001' },
};

const capacityProviderDefinition = {
  type: 'object',
  properties: {
    capacityProvider: { type: 'string' },
    weight: { type: 'integer' },
    base: { type: 'integer' },
  },
  required: ['capacityProvider', 'weight', 'base'],
};

const misspelledType = {
  job_configuration: { task_definition: { cpu: '{{ cpu }}' } },
  variables: {
    type: 'object',
    properties: { cpu: { type: 'int', default: 1024 } },
  },
};

const definitionsRefWithDefs = {
  job_configuration: { aws_credentials: '{{ aws_credentials }}' },
  variables: {
    type: 'object',
    properties: { aws_credentials: { $ref: '#/definitions/AwsCredentials' } },
    $defs: {
      AwsCredentials: { type: 'object', block_type_slug: 'aws-credentials' },
    },
  },
};

const missingDefinition = {
  job_configuration: { aws_credentials: '{{ aws_credentials }}' },
  variables: {
    type: 'object',
    properties: { aws_credentials: { $ref: '#/definitions/AwsCredentials' } },
  },
};

const poolWithDefsRef = {
  name: 'p',
  type: 'ecs',
  base_job_template: {
    job_configuration: {
      task_run_request: {
        capacityProviderStrategy: '{{ capacity_provider_strategy }}',
      },
    },
    variables: {
      type: 'object',
      properties: {
        capacity_provider_strategy: {
          type: 'array',
          items: { $ref: '#/$defs/CapacityProvider' },
        },
      },
      definitions: { CapacityProvider: capacityProviderDefinition },
    },
  },
};

const defaultInDefinition = {
  job_configuration: { aws_credentials: '{{ aws_credentials }}' },
  variables: {
    type: 'object',
    properties: { aws_credentials: { $ref: '#/definitions/AwsCredentials' } },
    definitions: {
      AwsCredentials: {
        type: 'object',
        block_type_slug: 'aws-credentials',
        default: BLOCK_REFERENCE,
      },
    },
  },
};

const requiredWithoutDefault = {
  job_configuration: {
    cluster: '{{ cluster }}',
    task_run_request: { taskDefinition: '{{ task_definition_arn }}' },
  },
  variables: {
    type: 'object',
    required: ['cluster', 'task_definition_arn'],
    properties: {
      cluster: { type: 'string', default: 'prod' },
      task_definition_arn: {
        anyOf: [{ type: 'string' }, { type: 'null' }],
        default: null,
      },
    },
  },
};

/** Returns the UI export with its one `#/definitions/...` reference pointed at `$defs`. */
function uiExportWithDefsRef(): Record<string, any> {
  const template = JSON.parse(uiExportText) as Record<string, any>;
  template.variables.properties.aws_credentials.allOf[0].$ref =
    '#/$defs/AwsCredentials';
  return template;
}

runRuleTests('valid-variables-schema', {
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
      name: 'stock template in a push pool',
      template: {
        name: 'p',
        type: 'ecs:push',
        base_job_template: JSON.parse(stockText),
      },
    },
    {
      name: 'UI export once its reference is fixed',
      template: uiExportWithDefsRef(),
    },
    {
      name: 'empty variables are left to the shape rule',
      template: { job_configuration: {}, variables: {} },
    },
    {
      name: 'required variable with a default',
      template: {
        job_configuration: { cluster: '{{ cluster }}' },
        variables: {
          type: 'object',
          required: ['cluster'],
          properties: { cluster: { type: 'string', default: 'prod' } },
        },
      },
    },
    {
      name: 'definition default beside a property default',
      template: {
        ...defaultInDefinition,
        variables: {
          ...defaultInDefinition.variables,
          properties: {
            aws_credentials: {
              $ref: '#/definitions/AwsCredentials',
              default: BLOCK_REFERENCE,
            },
          },
        },
      },
    },
  ],
  invalid: [
    {
      name: 'type keyword that is not a JSON type',
      template: misspelledType,
      errors: [
        // NOTE: `data` is left unchecked because the problem text currently
        // repeats the path and an "Invalid schema:" prefix.
        {
          messageId: 'invalidSchema',
          line: 11,
          column: 9,
          pointer: '/variables/properties/cpu/type',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'definitions reference where only $defs exists',
      template: definitionsRefWithDefs,
      errors: [
        {
          messageId: 'unresolvedRef',
          data: {
            ref: '#/definitions/AwsCredentials',
            hint: ' (the target exists as "#/$defs/AwsCredentials")',
          },
          line: 9,
          column: 9,
          pointer: '/variables/properties/aws_credentials/$ref',
          severity: 2,
        },
      ],
      output: {
        ...definitionsRefWithDefs,
        variables: {
          ...definitionsRefWithDefs.variables,
          properties: { aws_credentials: { $ref: '#/$defs/AwsCredentials' } },
        },
      },
    },
    {
      name: 'reference to a missing definition',
      template: missingDefinition,
      errors: [
        {
          messageId: 'unresolvedRef',
          data: { ref: '#/definitions/AwsCredentials', hint: '' },
          line: 9,
          column: 9,
          pointer: '/variables/properties/aws_credentials/$ref',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: '$defs reference inside a work pool',
      template: poolWithDefsRef,
      errors: [
        {
          messageId: 'unresolvedRef',
          data: {
            ref: '#/$defs/CapacityProvider',
            hint: ' (the target exists as "#/definitions/CapacityProvider")',
          },
          line: 16,
          column: 13,
          pointer:
            '/base_job_template/variables/properties/capacity_provider_strategy/items/$ref',
          severity: 2,
        },
      ],
      output: {
        ...poolWithDefsRef,
        base_job_template: {
          ...poolWithDefsRef.base_job_template,
          variables: {
            ...poolWithDefsRef.base_job_template.variables,
            properties: {
              capacity_provider_strategy: {
                type: 'array',
                items: { $ref: '#/definitions/CapacityProvider' },
              },
            },
          },
        },
      },
    },
    {
      name: 'UI export with a definitions reference',
      template: uiExportText,
      errors: [
        {
          messageId: 'unresolvedRef',
          data: {
            ref: '#/definitions/AwsCredentials',
            hint: ' (the target exists as "#/$defs/AwsCredentials")',
          },
          line: 380,
          column: 13,
          pointer: '/variables/properties/aws_credentials/allOf/0/$ref',
          severity: 2,
        },
      ],
      output: uiExportWithDefsRef(),
    },
    {
      name: 'block default placed on the definition',
      template: defaultInDefinition,
      errors: [
        {
          messageId: 'defaultInDefinition',
          data: { definition: 'AwsCredentials', property: 'aws_credentials' },
          line: 16,
          column: 9,
          pointer: '/variables/definitions/AwsCredentials/default',
          severity: 2,
          suggestions: [
            {
              desc: 'Move the default to variables.properties.aws_credentials.default.',
              output: {
                ...defaultInDefinition,
                variables: {
                  type: 'object',
                  properties: {
                    aws_credentials: {
                      $ref: '#/definitions/AwsCredentials',
                      default: BLOCK_REFERENCE,
                    },
                  },
                  definitions: {
                    AwsCredentials: {
                      type: 'object',
                      block_type_slug: 'aws-credentials',
                    },
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
      name: 'required variable with a null default',
      template: requiredWithoutDefault,
      errors: [
        {
          messageId: 'requiredWithoutDefault',
          data: { name: 'task_definition_arn' },
          line: 12,
          column: 7,
          pointer: '/variables/required/1',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'required credentials kept in definitions',
      template: fixture(
        'real-templates/users/09-ffmpeg-push-pool-v3-credentials-default-in-definitions.json',
      ),
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'requiredWithoutDefault',
          data: { name: 'aws_credentials' },
          line: 53,
          column: 7,
          pointer: '/variables/required/0',
          severity: 2,
        },
        {
          messageId: 'defaultInDefinition',
          data: { definition: 'AwsCredentials', property: 'aws_credentials' },
          line: 243,
          column: 11,
          pointer: '/variables/definitions/AwsCredentials/aws_credentials/default',
          severity: 2,
        },
      ],
      output: null,
    },
  ],
});
