import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { lintText } from '../../src/linter/lint.js';
import { rules } from '../../src/rules/index.js';
import {
  cleanTagText,
  workerTagSlug,
} from '../../src/rules/utils/valid-tags.js';
import { runRuleTests, templateText } from '../helpers/rule-tester.js';

const stockText = readFileSync(
  new URL(
    '../../fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
    import.meta.url,
  ),
  'utf8',
);

/** Builds a template where `labels` feeds both the job's labels and the run request's tags. */
function withLabels(
  labels: Record<string, unknown> | undefined,
  options: {
    taskRunRequest?: Record<string, unknown>;
    jobConfiguration?: Record<string, unknown>;
  } = {},
): Record<string, any> {
  const labelsVariable: Record<string, unknown> = {
    type: 'object',
    additionalProperties: { type: 'string' },
  };
  if (labels !== undefined) {
    labelsVariable.default = labels;
  }
  return {
    job_configuration: {
      labels: '{{ labels }}',
      task_definition: {
        containerDefinitions: [
          { name: 'prefect', image: 'prefecthq/prefect:3-latest' },
        ],
      },
      task_run_request: {
        launchType: 'FARGATE',
        tags: '{{ labels }}',
        ...options.taskRunRequest,
      },
      ...options.jobConfiguration,
    },
    variables: { type: 'object', properties: { labels: labelsVariable } },
  };
}

/** Builds `count` labels named team-0, team-1, and so on. */
function manyLabels(count: number): Record<string, string> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`team-${i}`, 'data']),
  );
}

const longValue = 'v'.repeat(300);

runRuleTests('valid-tags', {
  valid: [
    { name: 'stock template', template: stockText },
    {
      name: 'letters, digits, spaces and allowed punctuation',
      template: withLabels({
        'cost center': 'Data Platform',
        'owner@example.com': 'a:b/c=d+e-f_g.h',
        café: 'über',
      }),
    },
    {
      name: '39 labels fill the tags Prefect leaves',
      template: withLabels(manyLabels(39)),
    },
    { name: 'labels without a default', template: withLabels(undefined) },
    {
      name: 'labels from a Prefect variable',
      template: withLabels(undefined),
      jobVariables: [{ labels: '{{ prefect.variables.labels }}' }],
    },
    {
      name: 'label without a value is not sent',
      template: withLabels({ 'cost,center': null }),
    },
    {
      name: 'run request tag replaced by a label with the same key',
      template: withLabels(
        { team: 'data' },
        { taskRunRequest: { tags: [{ key: 'team', value: 'a,b' }] } },
      ),
    },
  ],
  invalid: [
    {
      name: 'label key with a comma on a current worker',
      template: withLabels({ 'cost,center': 'etl' }),
      errors: [
        {
          messageId: 'invalidCharactersReplaced',
          data: {
            field: 'key',
            text: 'cost,center',
            characters: 'the character ","',
            sent: 'cost-center',
          },
          line: 26,
          column: 11,
          pointer: '/variables/properties/labels/default/cost,center',
          severity: 2,
          suggestions: [
            {
              desc: 'Use the tag key "cost-center".',
              output: withLabels({ 'cost-center': 'etl' }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'label key with a comma in a push pool',
      template: withLabels({ 'cost,center': 'etl' }),
      target: { kind: 'push' },
      errors: [
        {
          messageId: 'invalidCharacters',
          data: {
            field: 'key',
            text: 'cost,center',
            characters: 'the character ","',
            target: 'a push pool',
            awsMessage: 'Some tags contain invalid characters.',
          },
          line: 26,
          column: 11,
          pointer: '/variables/properties/labels/default/cost,center',
        },
      ],
      output: null,
    },
    {
      name: 'label value longer than 256 characters',
      template: withLabels({ note: longValue }),
      errors: [
        {
          messageId: 'tooLong',
          data: {
            field: 'value',
            text: `${'v'.repeat(60)}…`,
            length: 300,
            max: 256,
          },
          line: 26,
          column: 11,
          pointer: '/variables/properties/labels/default/note',
          suggestions: [{ output: withLabels({ note: 'v'.repeat(256) }) }],
        },
      ],
      output: null,
    },
    {
      name: 'label key with the reserved prefix',
      template: withLabels({ 'AWS:team': 'data' }),
      errors: [
        {
          messageId: 'reservedPrefix',
          data: { field: 'key', text: 'AWS:team', prefix: 'AWS:' },
          line: 26,
          column: 11,
          pointer: '/variables/properties/labels/default/AWS:team',
          suggestions: [{ output: withLabels({ team: 'data' }) }],
        },
      ],
      output: null,
    },
    {
      name: 'empty label key',
      template: withLabels({ '': 'data' }),
      errors: [
        {
          messageId: 'emptyKey',
          data: { max: 128 },
          line: 26,
          column: 11,
          pointer: '/variables/properties/labels/default/',
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: '40 labels',
      template: withLabels(manyLabels(40)),
      errors: [
        {
          messageId: 'tooMany',
          data: {
            count: 51,
            userCount: 40,
            addedCount: 11,
            max: 50,
            userMax: 39,
          },
          line: 25,
          column: 9,
          pointer: '/variables/properties/labels/default',
        },
      ],
      output: null,
    },
    {
      name: '39 labels and the deregistration tag',
      template: withLabels(manyLabels(39), {
        jobConfiguration: { auto_deregister_task_definition: true },
      }),
      errors: [
        {
          messageId: 'tooMany',
          data: {
            count: 51,
            userCount: 39,
            addedCount: 12,
            max: 50,
            userMax: 38,
          },
          line: 26,
          column: 9,
          pointer: '/variables/properties/labels/default',
        },
      ],
      output: null,
    },
    {
      name: 'literal tag item with an ampersand',
      template: withLabels(undefined, {
        taskRunRequest: { tags: [{ key: 'team', value: 'data&ml' }] },
      }),
      errors: [
        {
          messageId: 'invalidCharactersReplaced',
          data: {
            field: 'value',
            text: 'data&ml',
            characters: 'the character "&"',
            sent: 'data-ml',
          },
          line: 17,
          column: 11,
          pointer: '/job_configuration/task_run_request/tags/0/value',
          suggestions: [
            {
              output: withLabels(undefined, {
                taskRunRequest: { tags: [{ key: 'team', value: 'data-ml' }] },
              }),
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'label key from a job variable',
      template: withLabels(undefined),
      jobVariables: [{ labels: { 'team#1': 'data' } }],
      errors: [
        {
          messageId: 'invalidCharactersReplaced',
          data: {
            field: 'key',
            text: 'team#1',
            characters: 'the character "#"',
            sent: 'team-1',
          },
          line: 3,
          column: 5,
          pointer: '/job_configuration/labels',
          scenario: 'scenario-1',
        },
      ],
      output: null,
    },
    {
      name: 'inline label value',
      template: {
        job_configuration: {
          labels: { team: 'data {{ team }}' },
          task_run_request: { launchType: 'FARGATE' },
          task_definition: { containerDefinitions: [{ name: 'prefect' }] },
        },
        variables: {
          type: 'object',
          properties: { team: { type: 'string', default: 'a,b' } },
        },
      },
      errors: [
        {
          messageId: 'invalidCharactersReplaced',
          data: {
            field: 'value',
            text: 'data a,b',
            characters: 'the character ","',
            sent: 'data-a-b',
          },
          line: 4,
          column: 7,
          pointer: '/job_configuration/labels/team',
          suggestions: [],
        },
      ],
      output: null,
    },
    {
      name: 'label default in a work pool document',
      template: {
        name: 'etl',
        type: 'ecs',
        base_job_template: withLabels({ 'a|b': 'c' }),
      },
      errors: [
        {
          messageId: 'invalidCharactersReplaced',
          line: 29,
          column: 13,
          pointer: '/base_job_template/variables/properties/labels/default/a|b',
          suggestions: [
            {
              output: {
                name: 'etl',
                type: 'ecs',
                base_job_template: withLabels({ 'a-b': 'c' }),
              },
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

describe('valid-tags job-variable suggestion', () => {
  it('renames the key in the job-variables document', () => {
    const result = lintText(templateText(withLabels(undefined)), {
      rules: Object.fromEntries(
        rules.map((rule) => [
          rule.id,
          rule.id === 'valid-tags' ? 'error' : 'off',
        ]),
      ),
      jobVariables: [
        {
          name: 'nightly',
          filePath: 'nightly.json',
          values: { labels: { 'team#1': 'data' } },
        },
      ],
    });
    expect(result.messages).toHaveLength(1);
    expect(result.messages[0]?.suggestions).toEqual([
      {
        desc: 'Use the tag key "team-1".',
        patch: [{ op: 'move', from: '/labels/team#1', path: '/labels/team-1' }],
        filePath: 'nightly.json',
      },
    ]);
  });
});

describe('tag text helpers', () => {
  it.each([
    ['team', 'team'],
    ['Data Team', 'Data-Team'],
    ["o'brien", 'o-brien'],
    ['1,000', '1000'],
    ['a,,b', 'a-b'],
    ['--edge--', 'edge'],
    ['café', 'caf'],
    ['a:b/c=d+e@f_g.h', 'a:b/c=d+e@f_g.h'],
  ])('workerTagSlug(%j) is %j', (text, expected) => {
    expect(workerTagSlug(text)).toBe(expected);
  });

  it.each([
    ['aws:team', 128, 'team'],
    ['AWS:aws:x', 128, 'x'],
    ['ab cd', 3, 'ab'],
    ['!!!', 128, ''],
  ])('cleanTagText(%j, %j) is %j', (text, maxLength, expected) => {
    expect(cleanTagText(text, maxLength)).toBe(expected);
  });
});
