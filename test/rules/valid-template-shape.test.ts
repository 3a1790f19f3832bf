import { readFileSync } from 'node:fs';

import { runRuleTests } from '../helpers/rule-tester.js';

function fixture(relativePath: string): string {
  return readFileSync(
    new URL(`../../fixtures/${relativePath}`, import.meta.url),
    'utf8',
  );
}

const stockTemplate = fixture(
  'real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
);

/** The smallest template Prefect accepts: one placeholder, one declared variable. */
const minimalTemplate = {
  job_configuration: {
    cluster: '{{ cluster }}',
  },
  variables: {
    type: 'object',
    properties: {
      cluster: { type: 'string', default: 'prod' },
    },
  },
};

const minimalVariables = minimalTemplate.variables;

runRuleTests('valid-template-shape', {
  valid: [
    { name: 'stock 0.7.11 template', template: stockTemplate },
    {
      name: 'stock 0.7.11 template for a push pool',
      template: stockTemplate,
      target: { kind: 'push' },
    },
    {
      name: 'stock 0.4.14 template on a 0.4.14 worker',
      template: fixture(
        'real-templates/prefect-default-prefect-aws-0.4.14.json',
      ),
      target: { kind: 'hybrid', prefectAws: '0.4.14' },
    },
    {
      name: 'stock 0.3.1 template on a 0.3.1 worker',
      template: fixture(
        'real-templates/prefect-default-prefect-aws-0.3.1.json',
      ),
      target: { kind: 'hybrid', prefectAws: '0.3.1' },
    },
    {
      name: 'empty object, which Prefect fills with its default',
      template: {},
    },
    { name: 'minimal template', template: minimalTemplate },
    {
      name: 'work pool with an empty base job template',
      template: { name: 'p', type: 'ecs', base_job_template: {} },
    },
    {
      name: 'work pool holding the minimal template',
      template: { name: 'p', type: 'ecs', base_job_template: minimalTemplate },
    },
    {
      name: 'newer keys on a worker that knows them',
      template: {
        job_configuration: {
          execution_role_arn: '{{ execution_role_arn }}',
          prefect_api_key_secret_arn: '{{ prefect_api_key_secret_arn }}',
        },
        variables: {
          type: 'object',
          properties: {
            execution_role_arn: { type: 'string' },
            prefect_api_key_secret_arn: { type: 'string' },
          },
        },
      },
      target: { kind: 'hybrid', prefectAws: '0.5.12' },
    },
  ],
  invalid: [
    {
      name: 'misspelled keys in the AWS requests',
      template: {
        job_configuration: {
          task_definition: {
            exectionRoleArn: 'arn:aws:iam::123456789012:role/example',
            containerDefinitions: [{ name: 'prefect', imgae: 'prefecthq/prefect:3-latest' }],
          },
          task_run_request: {
            launchType: 'FARGATE',
            overrides: { containerOverrides: [{ name: 'prefect', comand: ['python'] }] },
          },
        },
        variables: { type: 'object', properties: {} },
      },
      errors: [
        {
          messageId: 'unknownRequestKey',
          data: {
            request: 'RegisterTaskDefinition',
            key: 'exectionRoleArn',
            hint: ' (did you mean "executionRoleArn"?)',
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/exectionRoleArn',
          severity: 2,
        },
        {
          messageId: 'unknownRequestKey',
          data: { request: 'container definition', key: 'imgae', hint: ' (did you mean "image"?)' },
          line: 8,
          column: 11,
          pointer: '/job_configuration/task_definition/containerDefinitions/0/imgae',
          severity: 2,
        },
        {
          messageId: 'unknownRequestKey',
          data: { request: 'container override', key: 'comand', hint: ' (did you mean "command"?)' },
          line: 18,
          column: 13,
          pointer: '/job_configuration/task_run_request/overrides/containerOverrides/0/comand',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'array document',
      template: [minimalTemplate],
      errors: [
        {
          messageId: 'notObject',
          data: { type: 'an array' },
          line: 1,
          column: 1,
          pointer: '',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'string document',
      template: '"{{ cluster }}"\n',
      errors: [
        {
          messageId: 'notObject',
          data: { type: 'a string' },
          line: 1,
          column: 1,
          pointer: '',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'null document',
      template: 'null\n',
      errors: [
        {
          messageId: 'notObject',
          data: { type: 'null' },
          line: 1,
          column: 1,
          pointer: '',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'work pool whose base job template is an array',
      template: { name: 'p', type: 'ecs', base_job_template: [] },
      errors: [
        {
          messageId: 'poolWithoutTemplate',
          data: {},
          line: 4,
          column: 3,
          pointer: '/base_job_template',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'variables section missing',
      template: { job_configuration: minimalTemplate.job_configuration },
      errors: [
        {
          messageId: 'missingSection',
          data: { section: 'variables' },
          line: 1,
          column: 1,
          pointer: '',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'empty job_configuration object',
      template: { job_configuration: {}, variables: minimalVariables },
      errors: [
        {
          messageId: 'missingSection',
          data: { section: 'job_configuration' },
          line: 2,
          column: 3,
          pointer: '/job_configuration',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'variables holding plain values',
      template: {
        job_configuration: minimalTemplate.job_configuration,
        variables: { cluster: 'prod' },
      },
      errors: [
        {
          messageId: 'variablesNotSchema',
          data: { problem: 'it has no "type": "object"' },
          line: 5,
          column: 3,
          pointer: '/variables',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'variables without properties',
      template: {
        job_configuration: minimalTemplate.job_configuration,
        variables: { type: 'object' },
      },
      errors: [
        {
          messageId: 'variablesNotSchema',
          data: { problem: 'it has no "properties" object' },
          line: 5,
          column: 3,
          pointer: '/variables',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'job variable values at the top level only',
      template: { launch_type: 'FARGATE', cpu: 1024 },
      errors: [
        {
          messageId: 'missingSection',
          data: { section: 'job_configuration' },
          line: 1,
          column: 1,
          pointer: '',
          severity: 2,
        },
        {
          messageId: 'missingSection',
          data: { section: 'variables' },
          line: 1,
          column: 1,
          pointer: '',
          severity: 2,
        },
        {
          messageId: 'jobVariableAtTopLevel',
          data: { key: 'launch_type' },
          line: 2,
          column: 3,
          pointer: '/launch_type',
          severity: 2,
        },
        {
          messageId: 'jobVariableAtTopLevel',
          data: { key: 'cpu' },
          line: 3,
          column: 3,
          pointer: '/cpu',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'job variable beside complete sections',
      template: { ...minimalTemplate, image: 'prefecthq/prefect:3-latest' },
      errors: [
        {
          messageId: 'jobVariableAtTopLevel',
          data: { key: 'image' },
          line: 14,
          column: 3,
          pointer: '/image',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'job variable inside job_configuration',
      template: {
        job_configuration: { cluster: '{{ cluster }}', launch_type: 'EC2' },
        variables: minimalVariables,
      },
      errors: [
        {
          messageId: 'jobVariableInJobConfiguration',
          data: { key: 'launch_type', place: 'task_run_request.launchType' },
          line: 4,
          column: 5,
          pointer: '/job_configuration/launch_type',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'misspelled key with a did-you-mean',
      template: {
        job_configuration: { cluster: '{{ cluster }}', vpcid: 'vpc-0abc' },
        variables: minimalVariables,
      },
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'vpcid', hint: ' (did you mean "vpc_id"?)' },
          line: 4,
          column: 5,
          pointer: '/job_configuration/vpcid',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'unknown key with nothing close',
      template: {
        job_configuration: { cluster: '{{ cluster }}', retries: 3 },
        variables: minimalVariables,
      },
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'retries', hint: '' },
          line: 4,
          column: 5,
          pointer: '/job_configuration/retries',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'misspelled key inside a work pool',
      template: {
        name: 'p',
        type: 'ecs',
        base_job_template: {
          job_configuration: { cluster: '{{ cluster }}', custer: 'prod' },
          variables: minimalVariables,
        },
      },
      errors: [
        {
          messageId: 'unknownKey',
          data: { key: 'custer', hint: ' (did you mean "cluster"?)' },
          line: 7,
          column: 7,
          pointer: '/base_job_template/job_configuration/custer',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'work pool missing its variables',
      template: {
        name: 'p',
        type: 'ecs:push',
        base_job_template: {
          job_configuration: minimalTemplate.job_configuration,
        },
      },
      errors: [
        {
          messageId: 'missingSection',
          data: { section: 'variables' },
          line: 4,
          column: 3,
          pointer: '/base_job_template',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'stock 0.7.11 template on a 0.4.14 worker',
      template: stockTemplate,
      target: { kind: 'hybrid', prefectAws: '0.4.14' },
      errors: [
        {
          messageId: 'keyTooNew',
          data: {
            key: 'prefect_api_key_secret_arn',
            since: '0.5.12',
            version: 'prefect-aws 0.4.14',
          },
          line: 53,
          column: 5,
          pointer: '/job_configuration/prefect_api_key_secret_arn',
          severity: 1,
        },
        {
          messageId: 'keyTooNew',
          data: {
            key: 'prefect_api_auth_string_secret_arn',
            since: '0.5.13',
            version: 'prefect-aws 0.4.14',
          },
          line: 54,
          column: 5,
          pointer: '/job_configuration/prefect_api_auth_string_secret_arn',
          severity: 1,
        },
        {
          messageId: 'keyTooNew',
          data: {
            key: 'execution_role_arn',
            since: '0.5.0',
            version: 'prefect-aws 0.4.14',
          },
          line: 55,
          column: 5,
          pointer: '/job_configuration/execution_role_arn',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'API key secret on a 0.4.14 worker',
      template: {
        job_configuration: {
          prefect_api_key_secret_arn: '{{ prefect_api_key_secret_arn }}',
        },
        variables: {
          type: 'object',
          properties: { prefect_api_key_secret_arn: { type: 'string' } },
        },
      },
      target: { kind: 'hybrid', prefectAws: '0.4.14' },
      errors: [
        {
          messageId: 'keyTooNew',
          data: {
            key: 'prefect_api_key_secret_arn',
            since: '0.5.12',
            version: 'prefect-aws 0.4.14',
          },
          line: 3,
          column: 5,
          pointer: '/job_configuration/prefect_api_key_secret_arn',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'duplicate launchType key',
      template: fixture('invalid/duplicate-keys.json'),
      errors: [
        {
          messageId: 'duplicateKey',
          data: { key: 'launchType' },
          line: 14,
          column: 7,
          endLine: 14,
          endColumn: 30,
          pointer: '/job_configuration/task_run_request/launchType',
          severity: 1,
        },
      ],
      output: null,
    },
  ],
});
