import { readFileSync } from 'node:fs';

import nunjucks from 'nunjucks';
import { afterEach, describe, expect, it } from 'vitest';

import { lintText } from '../../src/linter/lint.js';
import { runRuleTests, templateText } from '../helpers/rule-tester.js';

function fixture(relativePath: string): string {
  return readFileSync(
    new URL(`../../fixtures/${relativePath}`, import.meta.url),
    'utf8',
  );
}

const stockText = fixture(
  'real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
);

/**
 * Nunjucks text that runs JavaScript when a template engine renders it.
 * The linter only parses placeholder text, so linting must never set the
 * global.
 */
const CODE_INJECTION = '{{ range.constructor("globalThis.__pwned = 1")() }}';

const integerOrNull = {
  anyOf: [{ type: 'integer' }, { type: 'null' }],
  default: null,
};

const filterOnWholeValue = {
  job_configuration: { task_definition: { cpu: '{{ cpu | default(1024) }}' } },
  variables: {
    type: 'object',
    properties: { cpu: { type: 'integer', default: 1024 } },
  },
};

const filterInsideText = {
  job_configuration: { task_definition: { family: 'etl-{{ team | lower }}' } },
  variables: {
    type: 'object',
    properties: { team: { type: 'string', default: 'data' } },
  },
};

const spacesInName = {
  job_configuration: {
    task_run_request: { overrides: { taskRoleArn: '{{ task role arn }}' } },
  },
  variables: {
    type: 'object',
    properties: { task_role_arn: { type: 'string' } },
  },
};

const otherUnsupportedSyntax = {
  job_configuration: {
    name: '{{ }}',
    command: '{# debug #}prefect flow-run execute',
    cluster: '{% if prod %}prod{% endif %}',
    vpc_id: '{{ vpc_id',
  },
  variables: { type: 'object', properties: { vpc_id: { type: 'string' } } },
};

const codeInjection = {
  job_configuration: { command: CODE_INJECTION },
  variables: { type: 'object', properties: {} },
};

const whitespaceAround = {
  job_configuration: {
    task_definition: { cpu: ' {{ cpu }}', memory: '{{ memory }}\n' },
    task_run_request: { launchType: 'FARGATE' },
  },
  variables: {
    type: 'object',
    properties: {
      cpu: integerOrNull,
      memory: { type: 'integer', default: 2048 },
    },
  },
};

const inlineNonStrings = {
  job_configuration: {
    command: 'prefect flow-run execute --debug={{ debug }}',
    name: 'run-{{ cpu }}',
    task_definition: { family: 'etl-{{ team }}' },
  },
  variables: {
    type: 'object',
    properties: {
      debug: { type: 'boolean', default: false },
      cpu: integerOrNull,
      team: { type: 'string' },
    },
  },
};

const inlineWithDefault = {
  job_configuration: { task_definition: { family: 'etl-{{ team }}' } },
  variables: {
    type: 'object',
    properties: { team: { type: 'string', default: 'data' } },
  },
};

const placeholderInKey = {
  job_configuration: { labels: { '{{ team }}': 'data' } },
  variables: {
    type: 'object',
    properties: { team: { type: 'string', default: 'data' } },
  },
};

const terraformLeftover = {
  job_configuration: { task_run_request: { cluster: '${var.cluster_name}' } },
  variables: { type: 'object', properties: {} },
};

const poolWithTrailingSpace = {
  name: 'p',
  type: 'ecs',
  base_job_template: {
    job_configuration: {
      task_definition: { cpu: '{{ cpu }} ', family: 'flows' },
      task_run_request: { launchType: 'FARGATE' },
    },
    variables: { type: 'object', properties: { cpu: integerOrNull } },
  },
};

runRuleTests('valid-placeholder', {
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
      name: 'Terraform-rendered template with Datadog label JSON',
      template: fixture(
        'real-templates/users/01-entechlog-ecs-base-job-template.json',
      ),
    },
    {
      name: 'whole values with unusual spacing inside the braces',
      template: {
        job_configuration: {
          task_definition: { cpu: '{{cpu}}', memory: '{{   memory   }}' },
        },
        variables: {
          type: 'object',
          properties: { cpu: integerOrNull, memory: integerOrNull },
        },
      },
    },
    {
      name: 'inline string variable with a default',
      template: inlineWithDefault,
    },
    {
      name: 'inline string variable that a deployment sets',
      template: inlineWithDefault,
      jobVariables: [{ team: 'ml' }],
    },
    {
      name: 'inline Prefect variable and $ENV text',
      template: {
        job_configuration: {
          task_definition: { family: 'etl-{{ prefect.variables.suffix }}' },
          cloudwatch_logs_prefix: '{{ $LOG_PREFIX }}-runs',
        },
        variables: {
          type: 'object',
          properties: { 'prefect.variables.suffix': {}, $LOG_PREFIX: {} },
        },
      },
    },
  ],
  invalid: [
    {
      name: 'Jinja filter on a whole value',
      template: filterOnWholeValue,
      errors: [
        {
          messageId: 'unsupported',
          data: {
            text: '"{{ cpu | default(1024) }}"',
            reason: 'Jinja filters are not supported',
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/cpu',
          severity: 2,
          suggestions: [
            {
              desc: 'Use the placeholder "{{ cpu }}" instead.',
              output: {
                ...filterOnWholeValue,
                job_configuration: { task_definition: { cpu: '{{ cpu }}' } },
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Jinja filter inside text',
      template: filterInsideText,
      errors: [
        {
          messageId: 'unsupported',
          data: {
            text: '"{{ team | lower }}"',
            reason: 'Jinja filters are not supported',
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          severity: 2,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'spaces inside the name',
      template: spacesInName,
      errors: [
        {
          messageId: 'unsupported',
          data: {
            text: '"{{ task role arn }}"',
            reason: 'a name cannot contain spaces',
          },
          line: 5,
          column: 9,
          pointer: '/job_configuration/task_run_request/overrides/taskRoleArn',
          severity: 2,
          suggestions: [
            {
              desc: 'Use the placeholder "{{ task_role_arn }}" instead.',
              output: {
                ...spacesInName,
                job_configuration: {
                  task_run_request: {
                    overrides: { taskRoleArn: '{{ task_role_arn }}' },
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
      name: 'empty braces, comments, tags and unclosed braces',
      template: otherUnsupportedSyntax,
      errors: [
        {
          messageId: 'unsupported',
          data: { text: '"{{ }}"', reason: 'the placeholder has no name' },
          line: 3,
          column: 5,
          pointer: '/job_configuration/name',
          severity: 2,
          suggestions: [],
        },
        {
          messageId: 'unsupported',
          data: {
            text: '"{# debug #}"',
            reason: '{# #} comments are not supported',
          },
          line: 4,
          column: 5,
          pointer: '/job_configuration/command',
          severity: 2,
          suggestions: [],
        },
        {
          messageId: 'unsupported',
          data: {
            text: '"{% if prod %}"',
            reason: '{% %} tags are not supported',
          },
          line: 5,
          column: 5,
          pointer: '/job_configuration/cluster',
          severity: 2,
          suggestions: [],
        },
        {
          messageId: 'unsupported',
          data: {
            text: '"{% endif %}"',
            reason: '{% %} tags are not supported',
          },
          line: 5,
          column: 5,
          pointer: '/job_configuration/cluster',
          severity: 2,
          suggestions: [],
        },
        {
          messageId: 'unsupported',
          data: { text: '"{{ vpc_id"', reason: 'the braces are not closed' },
          line: 6,
          column: 5,
          pointer: '/job_configuration/vpc_id',
          severity: 2,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'nunjucks code injection is only reported',
      template: codeInjection,
      errors: [
        {
          messageId: 'unsupported',
          data: {
            text: '"{{ range.constructor(\\"globalThis.__pwned = 1\\")() }}"',
            reason: 'expressions are not supported',
          },
          line: 3,
          column: 5,
          pointer: '/job_configuration/command',
          severity: 2,
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'whitespace around whole values',
      template: whitespaceAround,
      errors: [
        {
          messageId: 'whitespace',
          data: { placeholder: '{{ cpu }}', type: 'integer' },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/cpu',
          severity: 2,
        },
        {
          messageId: 'whitespace',
          data: { placeholder: '{{ memory }}', type: 'integer' },
          line: 5,
          column: 7,
          pointer: '/job_configuration/task_definition/memory',
          severity: 2,
        },
      ],
      output: {
        ...whitespaceAround,
        job_configuration: {
          ...whitespaceAround.job_configuration,
          task_definition: { cpu: '{{ cpu }}', memory: '{{ memory }}' },
        },
      },
    },
    {
      name: 'inline placeholders of non-string or missing variables',
      template: inlineNonStrings,
      errors: [
        {
          messageId: 'inlineValue',
          data: {
            placeholder: '{{ debug }}',
            name: 'debug',
            outcome: 'a Python bool as text (for example "True")',
          },
          line: 3,
          column: 5,
          pointer: '/job_configuration/command',
          severity: 1,
        },
        {
          messageId: 'inlineValue',
          data: {
            placeholder: '{{ cpu }}',
            name: 'cpu',
            outcome: 'a Python int as text (for example "1024")',
          },
          line: 4,
          column: 5,
          pointer: '/job_configuration/name',
          severity: 1,
        },
        {
          messageId: 'inlineValue',
          data: {
            placeholder: '{{ team }}',
            name: 'team',
            outcome: 'an empty string (or "None") when no value is set',
          },
          line: 6,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'inline string variable a deployment sets to null',
      template: inlineWithDefault,
      jobVariables: [{ team: null }],
      errors: [
        {
          messageId: 'inlineValue',
          data: {
            placeholder: '{{ team }}',
            name: 'team',
            outcome: 'an empty string (or "None") when no value is set',
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'placeholder in an object key',
      template: placeholderInKey,
      errors: [
        {
          messageId: 'inKey',
          data: { text: '{{ team }}' },
          line: 4,
          column: 7,
          pointer: '/job_configuration/labels/{{ team }}',
          severity: 2,
        },
      ],
      output: null,
    },
    {
      name: 'unrendered Terraform interpolation',
      template: terraformLeftover,
      errors: [
        {
          messageId: 'terraform',
          data: { text: '"${var.cluster_name}"' },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_run_request/cluster',
          severity: 1,
        },
      ],
      output: null,
    },
    {
      name: 'trailing space inside a work pool',
      template: poolWithTrailingSpace,
      errors: [
        {
          messageId: 'whitespace',
          data: { placeholder: '{{ cpu }}', type: 'integer' },
          line: 7,
          column: 9,
          pointer: '/base_job_template/job_configuration/task_definition/cpu',
          severity: 2,
        },
      ],
      output: {
        ...poolWithTrailingSpace,
        base_job_template: {
          ...poolWithTrailingSpace.base_job_template,
          job_configuration: {
            task_definition: { cpu: '{{ cpu }}', family: 'flows' },
            task_run_request: { launchType: 'FARGATE' },
          },
        },
      },
    },
  ],
});

describe('valid-placeholder with template code', () => {
  afterEach(() => {
    delete (globalThis as { __pwned?: unknown }).__pwned;
  });

  it('lints without running the code', () => {
    const result = lintText(templateText(codeInjection), {
      rules: { 'valid-placeholder': 'error' },
    });

    expect(result.messages.map((message) => message.messageId)).toContain(
      'unsupported',
    );
    expect((globalThis as { __pwned?: unknown }).__pwned).toBeUndefined();
  });

  it('uses a payload that runs when rendered', () => {
    // The control: rendering the same text with nunjucks does run it, so
    // the check above would notice if the linter ever rendered it.
    nunjucks.renderString(CODE_INJECTION, {});

    expect((globalThis as { __pwned?: unknown }).__pwned).toBe(1);
  });
});
