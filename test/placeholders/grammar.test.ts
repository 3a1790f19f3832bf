import { describe, expect, it } from 'vitest';

import {
  classifyPlaceholderName,
  findPlaceholders,
  wholeValuePlaceholder,
} from '../../src/placeholders/grammar.js';
import { scanPlaceholders } from '../../src/placeholders/scan.js';

describe('findPlaceholders grammar', () => {
  it.each([
    ['{{cpu}}', 'cpu'],
    ['{{ cpu }}', 'cpu'],
    ['{{   cpu\t}}', 'cpu'],
    ['{{\n  cpu\n}}', 'cpu'],
    ['{{ \r\n cpu \r\n }}', 'cpu'],
    ['{{ env.FOO }}', 'env.FOO'],
    ['{{ my-var }}', 'my-var'],
    ['{{ items[0].name }}', 'items[0].name'],
    ['{{ $HOME }}', '$HOME'],
    ['{{ a_b9 }}', 'a_b9'],
    ['{{ ключ }}', 'ключ'],
    ['{{ 名前 }}', '名前'],
    ['{{ café }}', 'café'],
    ['{{ x٣ }}', 'x٣'],
  ])('reads the name in %j', (text, name) => {
    const matches = findPlaceholders(text);
    expect(matches).toHaveLength(1);
    expect(matches[0]?.name).toBe(name);
    expect(matches[0]?.text).toBe(text);
    expect(matches[0]?.index).toBe(0);
  });

  it.each([
    ['{{ my var }}'],
    ['{{ cpu | default(1024) }}'],
    ['{{ cpu + 1 }}'],
    ['{{ }}'],
    ['{{}}'],
    ['{{ cpu }'],
    ['{ cpu }}'],
    ['{{ "cpu" }}'],
    ['{{ cpu() }}'],
    ['{{ a/b }}'],
    ['{% cpu %}'],
    ['plain text'],
    [''],
  ])('finds nothing in %j', (text) => {
    expect(findPlaceholders(text)).toEqual([]);
  });

  it('finds every placeholder in order with its offset', () => {
    const text = 'arn:aws:iam::{{ account }}:role/{{ role }}-{{ account }}';
    expect(findPlaceholders(text).map((m) => [m.name, m.index, m.text])).toEqual([
      ['account', 13, '{{ account }}'],
      ['role', 32, '{{ role }}'],
      ['account', 43, '{{ account }}'],
    ]);
  });

  it('matches the inner braces of a triple brace', () => {
    expect(findPlaceholders('{{{ cpu }}}').map((m) => [m.name, m.index])).toEqual([['cpu', 1]]);
  });

  it('does not keep state between calls', () => {
    const text = 'x {{ a }} y';
    expect(findPlaceholders(text)).toHaveLength(1);
    expect(findPlaceholders(text)).toHaveLength(1);
  });
});

describe('classifyPlaceholderName', () => {
  it.each([
    ['cpu', 'job-variable'],
    ['env.FOO', 'job-variable'],
    ['prefect', 'job-variable'],
    ['prefect.variable.x', 'job-variable'],
    ['prefect.variables.x', 'prefect-variable'],
    ['prefect.blocks.secret.name', 'prefect-block'],
    ['prefect.blocks', 'job-variable'],
    ['$HOME', 'env'],
    ['$', 'env'],
    ['a$', 'job-variable'],
  ])('%j is a %s', (name, kind) => {
    expect(classifyPlaceholderName(name)).toBe(kind);
  });

  it('gives the kind on each match', () => {
    const kinds = findPlaceholders('{{ a }}{{ $B }}{{ prefect.variables.c }}{{ prefect.blocks.d.e }}').map(
      (m) => m.kind,
    );
    expect(kinds).toEqual(['job-variable', 'env', 'prefect-variable', 'prefect-block']);
  });
});

describe('wholeValuePlaceholder', () => {
  it.each([
    ['{{ cpu }}', 'cpu'],
    ['{{cpu}}', 'cpu'],
    ['{{\n cpu \n}}', 'cpu'],
    ['{{ env.FOO }}', 'env.FOO'],
  ])('%j is a whole value of %j', (text, name) => {
    expect(wholeValuePlaceholder(text)?.name).toBe(name);
  });

  it.each([
    [' {{ cpu }}'],
    ['{{ cpu }} '],
    ['{{ cpu }}\n'],
    ['\t{{ cpu }}'],
    ['{{ a }}{{ b }}'],
    ['{{ a }} {{ a }}'],
    ['x{{ cpu }}'],
    ['{{ $HOME }}'],
    ['{{ prefect.variables.cluster }}'],
    ['{{ prefect.blocks.secret.api-key }}'],
    ['{{ cpu | default(1) }}'],
    ['cpu'],
  ])('%j is not a whole value', (text) => {
    expect(wholeValuePlaceholder(text)).toBeUndefined();
  });
});

describe('scanPlaceholders', () => {
  const jobConfiguration = {
    cpu: '{{ cpu }}',
    list: ['{{ a }}', ' {{ b }}', 7, null],
    nested: { 'key {{ k }}': 'x {{ c }} {{ c }}', 'a/b': '{{ $ENV }}' },
    flag: true,
  };
  const occurrences = scanPlaceholders(jobConfiguration, '/job_configuration');

  it('lists every placeholder depth first with its pointer', () => {
    expect(occurrences.map((o) => [o.name, o.pointer, o.inKey, o.wholeValue])).toEqual([
      ['cpu', '/job_configuration/cpu', false, true],
      ['a', '/job_configuration/list/0', false, true],
      ['b', '/job_configuration/list/1', false, false],
      ['k', '/job_configuration/nested/key {{ k }}', true, false],
      ['c', '/job_configuration/nested/key {{ k }}', false, false],
      ['c', '/job_configuration/nested/key {{ k }}', false, false],
      ['$ENV', '/job_configuration/nested/a~1b', false, false],
    ]);
  });

  it('keeps the source string, the kind and the offset', () => {
    const second = occurrences[5];
    expect(second?.source).toBe('x {{ c }} {{ c }}');
    expect(second?.index).toBe(10);
    expect(second?.text).toBe('{{ c }}');
    expect(occurrences[6]?.kind).toBe('env');
  });

  it('finds nothing in a value without placeholders', () => {
    expect(scanPlaceholders({ a: 'x', b: [1, { c: 'y' }] }, '')).toEqual([]);
  });
});
