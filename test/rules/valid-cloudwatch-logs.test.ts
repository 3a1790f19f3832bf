import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { lintText, type LintMessage } from '../../src/linter/lint.js';
import { rules } from '../../src/rules/index.js';
import { runRuleTests, templateText } from '../helpers/rule-tester.js';

const stockText = readFileSync(
  new URL(
    '../../fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
    import.meta.url,
  ),
  'utf8',
);

const ROLE = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole';
const WORKER_MESSAGE =
  '`configure_cloudwatch_log` must be enabled to use `cloudwatch_logs_options`.';

interface TemplateOptions {
  /** Default of `configure_cloudwatch_logs`; no default when undefined. */
  flag?: unknown;
  /** Default of `cloudwatch_logs_options`; no default when undefined. */
  options?: unknown;
  /** The task definition's execution role; none when null. */
  role?: string | null;
  container?: Record<string, unknown>;
  jobConfiguration?: Record<string, unknown>;
}

/** Builds a template with the stock CloudWatch wiring: both settings read variables of the same name. */
function template(settings: TemplateOptions = {}): Record<string, any> {
  const flagVariable: Record<string, unknown> = { type: 'boolean' };
  if (settings.flag !== undefined) {
    flagVariable.default = settings.flag;
  }
  const optionsVariable: Record<string, unknown> = {
    type: 'object',
    additionalProperties: { type: 'string' },
  };
  if (settings.options !== undefined) {
    optionsVariable.default = settings.options;
  }
  const taskDefinition: Record<string, unknown> = {
    containerDefinitions: [
      {
        name: 'prefect',
        image: 'prefecthq/prefect:3-latest',
        ...settings.container,
      },
    ],
  };
  if (settings.role !== null) {
    taskDefinition.executionRoleArn = settings.role ?? ROLE;
  }
  return {
    job_configuration: {
      configure_cloudwatch_logs: '{{ configure_cloudwatch_logs }}',
      cloudwatch_logs_options: '{{ cloudwatch_logs_options }}',
      task_definition: taskDefinition,
      task_run_request: { launchType: 'FARGATE' },
      ...settings.jobConfiguration,
    },
    variables: {
      type: 'object',
      properties: {
        configure_cloudwatch_logs: flagVariable,
        cloudwatch_logs_options: optionsVariable,
      },
    },
  };
}

const group = { 'awslogs-group': '/ecs/etl' };

/** Builds the template without the flag key in `job_configuration`. */
function withoutFlagKey(settings: TemplateOptions): Record<string, any> {
  const result = template(settings);
  delete result.job_configuration.configure_cloudwatch_logs;
  delete result.variables.properties.configure_cloudwatch_logs;
  return result;
}

runRuleTests('valid-cloudwatch-logs', {
  valid: [
    { name: 'stock template', template: stockText },
    {
      name: 'logging on with a log group',
      template: template({ flag: true, options: group }),
    },
    {
      name: 'logging off without options',
      template: template({ flag: false, options: {} }),
    },
    {
      name: 'flag from a Prefect variable',
      template: template({
        flag: '{{ prefect.variables.ecs_logs }}',
        options: { 'awslogs-group': '/ecs/etl' },
      }),
    },
    {
      name: 'existing task definition keeps its own logging',
      template: template({
        flag: true,
        jobConfiguration: {
          task_run_request: {
            launchType: 'FARGATE',
            taskDefinition:
              'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:3',
          },
        },
      }),
    },
    {
      name: 'sidecar log configuration is kept',
      template: {
        ...template({ flag: true, options: group }),
        job_configuration: {
          ...template({ flag: true, options: group }).job_configuration,
          task_definition: {
            executionRoleArn: ROLE,
            containerDefinitions: [
              { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
              {
                name: 'agent',
                image: 'example/agent:1.0',
                logConfiguration: {
                  logDriver: 'awslogs',
                  options: { 'awslogs-group': '/ecs/agent' },
                },
              },
            ],
          },
        },
      },
    },
    {
      name: 'every awslogs option',
      template: template({
        flag: true,
        options: {
          'awslogs-group': '/ecs/etl',
          'awslogs-region': 'eu-north-1',
          'awslogs-stream-prefix': 'etl',
          'awslogs-create-group': 'true',
          'awslogs-multiline-pattern': '^INFO',
          mode: 'non-blocking',
          'max-buffer-size': '25m',
        },
      }),
    },
  ],
  invalid: [
    {
      name: 'options default with the flag default off',
      template: template({ flag: false, options: group }),
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          data: { workerMessage: WORKER_MESSAGE },
          line: 30,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
          severity: 2,
        },
      ],
      output: template({ flag: true, options: group }),
    },
    {
      name: 'options without any flag key',
      template: withoutFlagKey({ options: group }),
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 25,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
        },
      ],
      output: {
        ...withoutFlagKey({ options: group }),
        job_configuration: {
          ...withoutFlagKey({ options: group }).job_configuration,
          configure_cloudwatch_logs: true,
        },
      },
    },
    {
      name: 'literal flag set to false',
      template: template({
        options: group,
        jobConfiguration: { configure_cloudwatch_logs: false },
      }),
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 29,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
        },
      ],
      output: template({
        options: group,
        jobConfiguration: { configure_cloudwatch_logs: true },
      }),
    },
    {
      name: 'flag repair without an execution role is only suggested',
      template: template({ flag: false, options: group, role: null }),
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 29,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
          suggestions: [
            {
              desc: 'Turn on configure_cloudwatch_logs; the task then needs an execution role.',
              output: template({ flag: true, options: group, role: null }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'flag repair that would start using the default log group',
      template: template({
        flag: false,
        options: { 'awslogs-stream-prefix': 'etl' },
      }),
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 30,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
          suggestions: [
            {
              output: template({
                flag: true,
                options: { 'awslogs-stream-prefix': 'etl' },
              }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'flag repair that would turn logging on for a working deployment',
      template: template({ flag: false, options: group }),
      jobVariables: [{ cloudwatch_logs_options: {} }],
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 30,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
          suggestions: [{ output: template({ flag: true, options: group }) }],
        },
      ],
      output: null,
    },
    {
      name: 'deployment turns the flag off',
      template: template({ flag: true, options: group }),
      jobVariables: [{ configure_cloudwatch_logs: false }],
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 30,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'deployment brings options without the flag',
      template: template({}),
      jobVariables: [{ cloudwatch_logs_options: group }],
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 4,
          column: 5,
          pointer: '/job_configuration/cloudwatch_logs_options',
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'boolean option in the default',
      template: template({
        flag: true,
        options: { ...group, 'awslogs-create-group': true },
      }),
      errors: [
        {
          messageId: 'nonStringOption',
          data: { option: 'awslogs-create-group', value: 'true' },
          line: 32,
          column: 11,
          pointer:
            '/variables/properties/cloudwatch_logs_options/default/awslogs-create-group',
          severity: 2,
        },
      ],
      output: template({
        flag: true,
        options: { ...group, 'awslogs-create-group': 'true' },
      }),
    },
    {
      name: 'number option in a literal options object',
      template: template({
        flag: true,
        jobConfiguration: {
          cloudwatch_logs_options: {
            ...group,
            'awslogs-max-buffered-events': 5000,
          },
        },
      }),
      errors: [
        {
          messageId: 'nonStringOption',
          data: { option: 'awslogs-max-buffered-events', value: '5000' },
          line: 6,
          column: 7,
          pointer:
            '/job_configuration/cloudwatch_logs_options/awslogs-max-buffered-events',
        },
      ],
      output: template({
        flag: true,
        jobConfiguration: {
          cloudwatch_logs_options: {
            ...group,
            'awslogs-max-buffered-events': '5000',
          },
        },
      }),
    },
    {
      name: 'null option',
      template: template({
        flag: true,
        options: { ...group, 'awslogs-region': null },
      }),
      errors: [
        {
          messageId: 'nonStringOption',
          data: { option: 'awslogs-region', value: 'null' },
          line: 32,
          column: 11,
          pointer:
            '/variables/properties/cloudwatch_logs_options/default/awslogs-region',
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'misspelled option',
      template: template({
        flag: true,
        options: { 'awslogs-grop': '/ecs/etl' },
      }),
      errors: [
        {
          messageId: 'defaultGroupCreated',
          line: 30,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
          severity: 0,
        },
        {
          messageId: 'unknownOption',
          data: {
            option: 'awslogs-grop',
            hint: ' (did you mean "awslogs-group"?)',
          },
          line: 31,
          column: 11,
          pointer:
            '/variables/properties/cloudwatch_logs_options/default/awslogs-grop',
          severity: 1,
          suggestions: [
            {
              desc: 'Rename the option to "awslogs-group".',
              output: template({ flag: true, options: group }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'no log group, as in an empty options default',
      template: template({ flag: true, options: {} }),
      errors: [
        {
          messageId: 'defaultGroupCreated',
          data: { group: 'prefect', createGroup: '' },
          line: 30,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
          severity: 0,
        },
      ],
      output: null,
    },
    {
      name: 'no log group and no options',
      template: template({
        jobConfiguration: { configure_cloudwatch_logs: true },
      }),
      errors: [
        {
          messageId: 'defaultGroupCreated',
          line: 3,
          column: 5,
          pointer: '/job_configuration/configure_cloudwatch_logs',
        },
      ],
      output: null,
    },
    {
      name: 'no log group and group creation turned off',
      template: template({
        flag: true,
        options: { 'awslogs-create-group': 'false' },
      }),
      errors: [
        {
          messageId: 'defaultGroupMustExist',
          data: { group: 'prefect', createGroup: 'false' },
          line: 30,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
        },
      ],
      output: null,
    },
    {
      name: 'orchestration container log configuration replaced',
      template: template({
        flag: true,
        options: group,
        container: {
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': '/ecs/x' },
          },
        },
      }),
      errors: [
        {
          messageId: 'logConfigurationReplaced',
          data: { container: 'prefect' },
          line: 10,
          column: 11,
          pointer:
            '/job_configuration/task_definition/containerDefinitions/0/logConfiguration',
          severity: 0,
        },
      ],
      output: null,
    },
    {
      name: 'options default in a work pool document',
      template: {
        name: 'etl',
        type: 'ecs',
        base_job_template: template({ flag: false, options: group }),
      },
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 33,
          column: 11,
          pointer:
            '/base_job_template/variables/properties/cloudwatch_logs_options/default',
        },
      ],
      output: {
        name: 'etl',
        type: 'ecs',
        base_job_template: template({ flag: true, options: group }),
      },
    },
    {
      name: 'worker before 0.5.11 drops a false default',
      template: template({ flag: false, options: group }),
      target: { kind: 'hybrid', prefectAws: '0.5.10' },
      errors: [
        {
          messageId: 'optionsWithoutFlag',
          line: 30,
          column: 9,
          pointer: '/variables/properties/cloudwatch_logs_options/default',
        },
      ],
      output: template({ flag: true, options: group }),
    },
  ],
});

function lintWithJobVariables(
  template: unknown,
  values: Record<string, unknown>,
): LintMessage[] {
  return lintText(templateText(template), {
    rules: Object.fromEntries(
      rules.map((rule) => [
        rule.id,
        rule.id === 'valid-cloudwatch-logs' ? 'error' : 'off',
      ]),
    ),
    reportInfo: true,
    jobVariables: [{ name: 'nightly', filePath: 'nightly.json', values }],
  }).messages;
}

describe('valid-cloudwatch-logs job-variable suggestions', () => {
  it('turns the flag back on where a deployment turns it off', () => {
    const [message] = lintWithJobVariables(
      template({ flag: true, options: group }),
      {
        configure_cloudwatch_logs: false,
      },
    );
    expect(message?.fix).toBeUndefined();
    expect(message?.suggestions).toEqual([
      {
        desc: 'Turn on configure_cloudwatch_logs in nightly.',
        patch: [
          { op: 'replace', path: '/configure_cloudwatch_logs', value: true },
        ],
        filePath: 'nightly.json',
      },
    ]);
  });

  it("adds the flag next to a deployment's own options", () => {
    const [message] = lintWithJobVariables(template({}), {
      cloudwatch_logs_options: group,
    });
    expect(message?.source?.pointer).toBe('/cloudwatch_logs_options');
    expect(message?.suggestions).toEqual([
      {
        desc: 'Turn on configure_cloudwatch_logs in nightly.',
        patch: [{ op: 'add', path: '/configure_cloudwatch_logs', value: true }],
        filePath: 'nightly.json',
      },
    ]);
  });

  it("stringifies a deployment's non-string option", () => {
    const messages = lintWithJobVariables(template({ flag: true }), {
      cloudwatch_logs_options: { ...group, 'awslogs-create-group': false },
    });
    const message = messages.find(
      (each) => each.messageId === 'nonStringOption',
    );
    expect(message?.suggestions).toEqual([
      {
        desc: 'Write the value as the string "false".',
        patch: [
          {
            op: 'replace',
            path: '/cloudwatch_logs_options/awslogs-create-group',
            value: 'false',
          },
        ],
        filePath: 'nightly.json',
      },
    ]);
  });
});
