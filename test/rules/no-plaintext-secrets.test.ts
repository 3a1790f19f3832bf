import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { lintText } from '../../src/linter/lint.js';
import { rules } from '../../src/rules/index.js';
import {
  isPlaintextValue,
  isSecretLikeName,
  nameWords,
} from '../../src/rules/utils/no-plaintext-secrets.js';
import { runRuleTests, templateText } from '../helpers/rule-tester.js';

const stockText = readFileSync(
  new URL(
    '../../fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
    import.meta.url,
  ),
  'utf8',
);

const SECRET_ARN =
  'arn:aws:secretsmanager:us-east-1:123456789012:secret:etl-AbCdEf';

/** Builds a template with the stock `env` wiring plus whatever a case adds. */
function template(
  options: {
    container?: Record<string, unknown>;
    sidecar?: Record<string, unknown>;
    jobConfiguration?: Record<string, unknown>;
    taskRunRequest?: Record<string, unknown>;
    properties?: Record<string, unknown>;
  } = {},
): Record<string, any> {
  const containers: Record<string, unknown>[] = [
    {
      name: 'prefect',
      image: 'prefecthq/prefect:3-latest',
      ...options.container,
    },
  ];
  if (options.sidecar) {
    containers.push({
      name: 'agent',
      image: 'example/agent:1.0',
      ...options.sidecar,
    });
  }
  return {
    job_configuration: {
      env: '{{ env }}',
      task_definition: { containerDefinitions: containers },
      task_run_request: {
        launchType: 'FARGATE',
        overrides: {
          containerOverrides: [{ name: 'prefect', environment: '{{ env }}' }],
        },
        ...options.taskRunRequest,
      },
      ...options.jobConfiguration,
    },
    variables: {
      type: 'object',
      properties: {
        env: {
          type: 'object',
          additionalProperties: { type: ['string', 'null'] },
        },
        ...options.properties,
      },
    },
  };
}

const envDefault = (values: Record<string, unknown>) => ({
  env: {
    type: 'object',
    additionalProperties: { type: ['string', 'null'] },
    default: values,
  },
});

runRuleTests('no-plaintext-secrets', {
  valid: [
    { name: 'stock template', template: stockText },
    {
      name: 'secrets read from Secrets Manager',
      template: template({
        container: {
          secrets: [{ name: 'EXAMPLE_TOKEN', valueFrom: SECRET_ARN }],
        },
      }),
    },
    {
      name: 'names that refer to or size a secret',
      template: template({
        properties: envDefault({
          AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
          PREFECT_API_KEY_SECRET_ARN: SECRET_ARN,
          DB_PASSWORD_PARAMETER: '/etl/db/password',
          MAX_TOKENS: '4096',
          TOKENIZERS_PARALLELISM: 'false',
          S3_KEY: 'raw/2024/data.csv',
          SSH_PUBLIC_KEY: 'ssh-ed25519 AAAA',
          OAUTH_TOKEN_URL: 'https://auth.example.com/token',
        }),
      }),
    },
    {
      name: 'secret names with switch, empty or reference values',
      template: template({
        properties: envDefault({
          USE_TOKEN: 'true',
          API_KEY: '',
          DD_API_KEY: '${DD_API_KEY}',
          GITHUB_TOKEN: null,
        }),
      }),
    },
    {
      name: 'value from a Prefect Secret block',
      template: template({
        sidecar: {
          environment: [
            { name: 'EXAMPLE_API_KEY', value: '{{ example_api_key }}' },
          ],
        },
        properties: {
          example_api_key: {
            type: 'string',
            default: '{{ prefect.blocks.secret.example-api-key }}',
          },
        },
      }),
    },
    {
      name: 'masked secret variable without a default',
      template: template({
        sidecar: {
          environment: [
            { name: 'EXAMPLE_API_KEY', value: '{{ example_api_key }}' },
          ],
        },
        properties: {
          example_api_key: {
            type: 'string',
            format: 'password',
            writeOnly: true,
          },
        },
      }),
    },
    {
      name: 'secrets array variable',
      template: template({
        container: { secrets: '{{ container_secrets }}' },
        properties: {
          container_secrets: {
            type: 'array',
            default: [{ name: 'DB_PASSWORD', valueFrom: SECRET_ARN }],
          },
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'sidecar environment value from a plain default',
      template: template({
        sidecar: {
          environment: [
            { name: 'EXAMPLE_API_KEY', value: '{{ example_api_key }}' },
          ],
        },
        properties: {
          example_api_key: { type: 'string', default: 'not-a-real-key' },
        },
      }),
      errors: [
        {
          messageId: 'notMasked',
          data: { name: 'example_api_key' },
          line: 46,
          column: 7,
          pointer: '/variables/properties/example_api_key',
          severity: 1,
        },
        {
          messageId: 'plaintextEnvironment',
          data: { name: 'EXAMPLE_API_KEY', shownIn: 'task definition' },
          line: 48,
          column: 9,
          pointer: '/variables/properties/example_api_key/default',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'literal env entry',
      template: template({
        jobConfiguration: { env: { GITHUB_TOKEN: 'ghp_example' } },
      }),
      errors: [
        {
          messageId: 'plaintextEnvironment',
          data: { name: 'GITHUB_TOKEN', shownIn: 'RunTask overrides' },
          line: 4,
          column: 7,
          pointer: '/job_configuration/env/GITHUB_TOKEN',
        },
      ],
      output: null,
    },
    {
      name: 'env default read twice',
      template: template({
        properties: envDefault({ DB_PASSWORD: 'hunter2', STAGE: 'dev' }),
      }),
      errors: [
        {
          messageId: 'plaintextEnvironment',
          data: { name: 'DB_PASSWORD', shownIn: 'RunTask overrides' },
          line: 36,
          column: 11,
          pointer: '/variables/properties/env/default/DB_PASSWORD',
        },
      ],
      output: null,
    },
    {
      name: 'env entry from a job variable',
      template: template(),
      jobVariables: [{ env: { apiKey: 'example' } }],
      errors: [
        {
          messageId: 'plaintextEnvironment',
          data: { name: 'apiKey', shownIn: 'RunTask overrides' },
          line: 3,
          column: 5,
          pointer: '/job_configuration/env',
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'literal container override entry',
      template: template({
        taskRunRequest: {
          overrides: {
            containerOverrides: [
              {
                name: 'prefect',
                environment: [{ name: 'SERVICE_PASSWORD', value: 'example' }],
              },
            ],
          },
        },
      }),
      errors: [
        {
          messageId: 'plaintextEnvironment',
          data: { name: 'SERVICE_PASSWORD', shownIn: 'RunTask overrides' },
          line: 21,
          column: 17,
          pointer:
            '/job_configuration/task_run_request/overrides/containerOverrides/0/environment/0/value',
        },
      ],
      output: null,
    },
    {
      name: 'secret-looking default that no entry reads',
      template: template({
        properties: {
          slack_webhook_token: { type: 'string', default: 'xoxb-example' },
        },
      }),
      errors: [
        {
          messageId: 'notMasked',
          data: { name: 'slack_webhook_token' },
          line: 36,
          column: 7,
          pointer: '/variables/properties/slack_webhook_token',
        },
        {
          messageId: 'plaintextValue',
          data: { name: 'slack_webhook_token', store: 'work pool' },
          line: 38,
          column: 9,
          pointer: '/variables/properties/slack_webhook_token/default',
        },
      ],
      output: null,
    },
    {
      name: 'secret-looking job variable and no mask',
      template: template({
        jobConfiguration: { command: 'run --password {{ db_password }}' },
        properties: {
          db_password: {
            anyOf: [{ type: 'string' }, { type: 'null' }],
            default: null,
          },
        },
      }),
      jobVariables: [{ db_password: 'example' }],
      errors: [
        {
          messageId: 'plaintextValue',
          data: { name: 'db_password', store: 'deployment' },
          line: 23,
          column: 5,
          pointer: '/job_configuration/command',
          scenario: 'scenario-1',
        },
        {
          messageId: 'notMasked',
          data: { name: 'db_password' },
          line: 37,
          column: 7,
          pointer: '/variables/properties/db_password',
        },
      ],
      output: null,
    },
    {
      name: 'inline value from a plainly named variable',
      template: template({
        sidecar: {
          environment: [{ name: 'AUTH_TOKEN', value: 'Bearer {{ bearer }}' }],
        },
        properties: { bearer: { type: 'string', default: 'example' } },
      }),
      errors: [
        {
          messageId: 'notMasked',
          data: { name: 'bearer' },
          line: 46,
          column: 7,
          pointer: '/variables/properties/bearer',
        },
        {
          messageId: 'plaintextEnvironment',
          data: { name: 'AUTH_TOKEN', shownIn: 'task definition' },
          line: 48,
          column: 9,
          pointer: '/variables/properties/bearer/default',
        },
      ],
      output: null,
    },
    {
      name: 'env default in a work pool document',
      template: {
        name: 'etl',
        type: 'ecs:push',
        base_job_template: template({
          properties: envDefault({ OPENAI_API_KEY: 'sk-example' }),
        }),
      },
      errors: [
        {
          messageId: 'plaintextEnvironment',
          line: 39,
          column: 13,
          pointer:
            '/base_job_template/variables/properties/env/default/OPENAI_API_KEY',
        },
      ],
      output: null,
    },
  ],
});

describe('no-plaintext-secrets job-variable location', () => {
  it('points into the job-variables file', () => {
    const result = lintText(templateText(template()), {
      rules: Object.fromEntries(
        rules.map((rule) => [
          rule.id,
          rule.id === 'no-plaintext-secrets' ? 'error' : 'off',
        ]),
      ),
      jobVariables: [
        {
          name: 'nightly',
          filePath: 'nightly.json',
          values: { env: { HF_TOKEN: 'hf_example' } },
        },
      ],
    });
    expect(result.messages.map((message) => message.source)).toEqual([
      {
        filePath: 'nightly.json',
        scenario: 'nightly',
        pointer: '/env/HF_TOKEN',
      },
    ]);
  });
});

describe('secret name heuristics', () => {
  it.each([
    ['apiKey', ['API', 'KEY']],
    ['dd-api-key', ['DD', 'API', 'KEY']],
    ['PREFECT_API_KEY', ['PREFECT', 'API', 'KEY']],
    ['githubToken2', ['GITHUB', 'TOKEN2']],
  ])('nameWords(%j)', (name, expected) => {
    expect(nameWords(name)).toEqual(expected);
  });

  it.each([
    ['EXAMPLE_API_KEY', true],
    ['example_api_key', true],
    ['apiKey', true],
    ['OPENAI_APIKEY', true],
    ['GITHUB_TOKEN', true],
    ['HF_TOKEN', true],
    ['CLIENT_SECRET', true],
    ['DB_PASSWORD', true],
    ['SMTP_PASSWD', true],
    ['KEY', false],
    ['AWS_ACCESS_KEY_ID', false],
    ['PREFECT_API_KEY_SECRET_ARN', false],
    ['dd_api_key_arn', false],
    ['SECRET_NAME', false],
    ['TOKEN_URL', false],
    ['MAX_TOKENS', false],
    ['TOKENIZERS_PARALLELISM', false],
    ['S3_KEY', false],
    ['SSH_PUBLIC_KEY', false],
    ['KMS_KEY', false],
    ['secrets', true],
    ['ENV', false],
  ])('isSecretLikeName(%j) is %j', (name, expected) => {
    expect(isSecretLikeName(name)).toBe(expected);
  });

  it.each([
    ['sk-example', true],
    [1234, true],
    ['', false],
    ['  ', false],
    ['true', false],
    ['OFF', false],
    [SECRET_ARN, false],
    ['${API_KEY}', false],
    ['$API_KEY', false],
    ['{{ api_key }}', false],
    [null, false],
    [true, false],
    [{ value: 'x' }, false],
  ])('isPlaintextValue(%j) is %j', (value, expected) => {
    expect(isPlaintextValue(value)).toBe(expected);
  });
});
