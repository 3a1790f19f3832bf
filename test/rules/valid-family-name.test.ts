import { describe, expect, it } from 'vitest';

import { lintText } from '../../src/linter/lint.js';
import { rules } from '../../src/rules/index.js';
import {
  cleanFamilyName,
  invalidCharacters,
} from '../../src/rules/valid-family-name.js';
import { runRuleTests, templateText } from '../helpers/rule-tester.js';

const IMAGE = 'prefecthq/prefect:3-latest';

/** Builds a template whose task definition carries `family` as written. */
function withFamily(
  family: unknown,
  properties: Record<string, unknown> = {},
): Record<string, any> {
  return {
    job_configuration: {
      task_definition: {
        family,
        containerDefinitions: [{ name: 'prefect', image: IMAGE }],
      },
      task_run_request: { launchType: 'FARGATE' },
    },
    variables: { type: 'object', properties },
  };
}

const familyVariable = (extra: Record<string, unknown> = {}) => ({
  family: { type: 'string', ...extra },
});

const withoutFamily = {
  job_configuration: {
    task_definition: {
      containerDefinitions: [{ name: 'prefect', image: IMAGE }],
    },
    task_run_request: { launchType: 'FARGATE' },
  },
  variables: { type: 'object', properties: {} },
};

const longFamily = 'a'.repeat(300);

runRuleTests('valid-family-name', {
  valid: [
    {
      name: 'placeholder without default',
      template: withFamily('{{ family }}', familyVariable()),
    },
    { name: 'literal family', template: withFamily('prefect-flows_v2') },
    {
      name: 'default family',
      template: withFamily(
        '{{ family }}',
        familyVariable({ default: 'etl_nightly' }),
      ),
    },
    {
      name: 'inline placeholder with a valid value',
      template: withFamily('etl-{{ team }}', {
        team: { type: 'string', default: 'data' },
      }),
    },
    {
      name: 'family from a Prefect variable',
      template: withFamily(
        '{{ family }}',
        familyVariable({ default: '{{ prefect.variables.ecs_family }}' }),
      ),
    },
    {
      name: 'family ignored when a task definition ARN is used',
      template: {
        ...withFamily('my flows'),
        job_configuration: {
          ...withFamily('my flows').job_configuration,
          task_run_request: {
            launchType: 'FARGATE',
            taskDefinition:
              'arn:aws:ecs:us-east-1:123456789012:task-definition/etl:3',
          },
        },
      },
    },
    {
      name: 'worker before 0.4.14 slugifies the family',
      template: withFamily('my flows'),
      target: { kind: 'hybrid', prefectAws: '0.4.13' },
    },
    {
      name: 'generated family from a valid pool name',
      template: {
        name: 'etl-pool',
        type: 'ecs',
        base_job_template: withoutFamily,
      },
    },
    {
      name: 'generated family in a bare template',
      template: withoutFamily,
    },
    {
      name: 'job variable with a valid family',
      template: withFamily('{{ family }}', familyVariable()),
      jobVariables: [{ family: 'nightly-run' }],
    },
  ],
  invalid: [
    {
      name: 'literal family with a space',
      template: withFamily('my flows'),
      errors: [
        {
          messageId: 'invalidCharacters',
          data: {
            family: 'my flows',
            characters: 'the character " "',
            awsMessage: 'Family contains invalid characters.',
            length: 8,
            maxLength: 255,
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          severity: 2,
          suggestions: [
            {
              desc: 'Use the family "my-flows".',
              output: withFamily('my-flows'),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'default family with dots and a slash',
      template: withFamily(
        '{{ family }}',
        familyVariable({ default: 'etl.pipeline/v2' }),
      ),
      errors: [
        {
          messageId: 'invalidCharacters',
          data: {
            family: 'etl.pipeline/v2',
            characters: 'the characters ".", "/"',
            awsMessage: 'Family contains invalid characters.',
            length: 15,
            maxLength: 255,
          },
          line: 21,
          column: 9,
          pointer: '/variables/properties/family/default',
          suggestions: [
            {
              output: withFamily(
                '{{ family }}',
                familyVariable({ default: 'etl-pipeline-v2' }),
              ),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'family longer than 255 characters',
      template: withFamily(longFamily),
      errors: [
        {
          messageId: 'tooLong',
          data: {
            family: longFamily,
            characters: '',
            awsMessage: 'Family contains invalid characters.',
            length: 300,
            maxLength: 255,
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          suggestions: [{ output: withFamily('a'.repeat(255)) }],
        },
      ],
      output: null,
    },
    {
      name: 'inline template text with a space',
      template: withFamily('etl flows {{ team }}', {
        team: { type: 'string', default: 'data' },
      }),
      errors: [
        {
          messageId: 'invalidCharacters',
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          suggestions: [
            {
              desc: 'Use the family template "etl-flows-{{ team }}".',
              output: withFamily('etl-flows-{{ team }}', {
                team: { type: 'string', default: 'data' },
              }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'inline value with a space',
      template: withFamily('etl-{{ team }}', {
        team: { type: 'string', default: 'data eng' },
      }),
      errors: [
        {
          messageId: 'invalidCharacters',
          data: {
            family: 'etl-data eng',
            characters: 'the character " "',
            awsMessage: 'Family contains invalid characters.',
            length: 12,
            maxLength: 255,
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'job variable family with a space',
      template: withFamily('{{ family }}', familyVariable()),
      jobVariables: [{ family: 'nightly run' }],
      errors: [
        {
          messageId: 'invalidCharacters',
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'default in a work pool document',
      template: {
        name: 'etl',
        type: 'ecs',
        base_job_template: withFamily(
          '{{ family }}',
          familyVariable({ default: 'etl flows' }),
        ),
      },
      errors: [
        {
          messageId: 'invalidCharacters',
          line: 24,
          column: 11,
          pointer: '/base_job_template/variables/properties/family/default',
          suggestions: [
            {
              output: {
                name: 'etl',
                type: 'ecs',
                base_job_template: withFamily(
                  '{{ family }}',
                  familyVariable({ default: 'etl-flows' }),
                ),
              },
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'generated family from a pool name with spaces',
      template: {
        name: 'ETL pool',
        type: 'ecs',
        base_job_template: withoutFamily,
      },
      errors: [
        {
          messageId: 'generatedFromPoolName',
          data: {
            poolName: 'ETL pool',
            problem:
              'contains the character " ", which AWS rejects with "Family contains invalid characters."',
          },
          line: 2,
          column: 3,
          pointer: '/name',
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'push pool sends the family unchanged',
      template: withFamily('my flows'),
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'invalidCharacters',
          line: 4,
          column: 7,
          pointer: '/job_configuration/task_definition/family',
        },
      ],
      output: null,
    },
  ],
});

describe('valid-family-name job-variable suggestion', () => {
  it('patches the job-variables document', () => {
    const result = lintText(
      templateText(withFamily('{{ family }}', familyVariable())),
      {
        rules: Object.fromEntries(
          rules.map((rule) => [
            rule.id,
            rule.id === 'valid-family-name' ? 'error' : 'off',
          ]),
        ),
        jobVariables: [
          {
            name: 'nightly',
            filePath: 'nightly.json',
            values: { family: 'nightly run' },
          },
        ],
      },
    );
    const [message] = result.messages;
    expect(message?.source).toEqual({
      filePath: 'nightly.json',
      scenario: 'nightly',
      pointer: '/family',
    });
    expect(message?.suggestions).toEqual([
      {
        desc: 'Use the family "nightly-run".',
        patch: [{ op: 'replace', path: '/family', value: 'nightly-run' }],
        filePath: 'nightly.json',
      },
    ]);
  });
});

describe('family name helpers', () => {
  it.each([
    ['etl', []],
    ['etl flows', [' ']],
    ['a.b.c', ['.']],
    ['ü-x', ['ü']],
  ])('invalidCharacters(%j)', (text, expected) => {
    expect(invalidCharacters(text)).toEqual(expected);
  });

  it.each([
    ['etl flows', 'etl-flows'],
    ['etl.pipeline/v2', 'etl-pipeline-v2'],
    ['b'.repeat(256), 'b'.repeat(255)],
  ])('cleanFamilyName(%j)', (text, expected) => {
    expect(cleanFamilyName(text)).toBe(expected);
  });
});
