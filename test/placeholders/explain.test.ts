import { afterEach, describe, expect, it } from 'vitest';

import { findUnsupportedSyntax } from '../../src/placeholders/explain.js';

describe('findUnsupportedSyntax reasons', () => {
  it.each([
    ['{{ cpu | default(1024) }}', 'filter', 'cpu'],
    ['{{ cpu|int }}', 'filter', 'cpu'],
    ['{{ name | upper | trim }}', 'filter', 'name'],
    ['{{ config.get("x") }}', 'expression', 'config'],
    ['{{ my var }}', 'space-in-name', 'my_var'],
    ['{{ task role arn }}', 'space-in-name', 'task_role_arn'],
  ])('%j is a %s about %j', (text, reason, variable) => {
    const found = findUnsupportedSyntax(text);
    expect(found).toHaveLength(1);
    expect(found[0]?.reason).toBe(reason);
    expect(found[0]?.variable).toBe(variable);
    expect(found[0]?.text).toBe(text);
    expect(found[0]?.index).toBe(0);
  });

  it.each([
    ['{{ }}', 'empty'],
    ['{{}}', 'empty'],
    ['{{\n}}', 'empty'],
    ['{% if cpu %}', 'block-tag'],
    ['{%- for x in y -%}', 'block-tag'],
    ['{# a comment #}', 'comment-tag'],
    ['{{ "literal" }}', 'expression'],
    ['{{ cpu + 1 }}', 'expression'],
    ['{{ cpu * 2 }}', 'expression'],
  ])('%j is %s', (text, reason) => {
    const found = findUnsupportedSyntax(text);
    expect(found.map((f) => f.reason)).toEqual([reason]);
  });

  it('reports an unclosed placeholder as unbalanced', () => {
    expect(findUnsupportedSyntax('arn:{{ account')).toEqual([
      { text: 'arn:{{ account', index: 4, reason: 'unbalanced' },
    ]);
  });

  it('gives the offset of each finding in the string', () => {
    const found = findUnsupportedSyntax('a {{ x }} b {{ y | z }} c {% if %}');
    expect(found.map((f) => [f.reason, f.index, f.text])).toEqual([
      ['filter', 12, '{{ y | z }}'],
      ['block-tag', 26, '{% if %}'],
    ]);
  });

  it.each([
    ['{{ cpu }}'],
    ['{{cpu}}'],
    ['{{ env.FOO }}'],
    ['{{ $HOME }}'],
    ['{{ prefect.blocks.secret.key }}'],
    ['prefix {{ a }} and {{ b }}'],
    ['no braces at all'],
    ['{ single }'],
    [''],
  ])('%j is supported', (text) => {
    expect(findUnsupportedSyntax(text)).toEqual([]);
  });
});

describe('findUnsupportedSyntax never evaluates', () => {
  const marker = globalThis as { __ran?: unknown; __ranFilter?: unknown };

  afterEach(() => {
    delete marker.__ran;
    delete marker.__ranFilter;
  });

  it('parses a constructor call without running it', () => {
    const text = '{{ range.constructor("globalThis.__ran = true")() }}';
    const found = findUnsupportedSyntax(text);
    expect(marker.__ran).toBeUndefined();
    expect(found.map((f) => f.reason)).toEqual(['expression']);
  });

  it('parses a filter argument without running it', () => {
    const text = '{{ x | default(range.constructor("globalThis.__ranFilter = 1")()) }}';
    const found = findUnsupportedSyntax(text);
    expect(marker.__ranFilter).toBeUndefined();
    expect(found.map((f) => f.reason)).toEqual(['filter']);
  });

  it('parses block tags without running them', () => {
    const text = '{% set x = range.constructor("globalThis.__ran = true")() %}';
    findUnsupportedSyntax(text);
    expect(marker.__ran).toBeUndefined();
  });

  it('survives text nunjucks cannot parse', () => {
    const found = findUnsupportedSyntax('{{ ((( }}');
    expect(found.map((f) => f.reason)).toEqual(['expression']);
  });
});
