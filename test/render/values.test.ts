import { describe, expect, it } from 'vitest';

import { buildTemplateModel } from '../../src/model/template.js';
import { buildScenarioValues, expandDottedKeys } from '../../src/render/values.js';

const model = buildTemplateModel({
  job_configuration: {},
  variables: {
    type: 'object',
    properties: {
      launch_type: { type: 'string', default: 'FARGATE' },
      stream_output: { type: 'boolean', default: false },
      retries: { type: 'integer', default: 0 },
      prefix: { type: 'string', default: '' },
      subnets: { type: 'array', default: [] },
      options: { type: 'object', default: {} },
      cluster: { type: 'string', default: null },
      image: { type: 'string' },
      env: { type: 'object', default: { A: 'default', B: 'default' } },
      network_configuration: { type: 'object', default: { subnets: ['s-1'], assignPublicIp: 'DISABLED' } },
    },
  },
});

describe('buildScenarioValues defaults', () => {
  it('uses every non-null default, falsy ones included', () => {
    const { values, jobVariableNames } = buildScenarioValues(model, undefined);
    expect(values).toEqual({
      launch_type: 'FARGATE',
      stream_output: false,
      retries: 0,
      prefix: '',
      subnets: [],
      options: {},
      env: { A: 'default', B: 'default' },
      network_configuration: { subnets: ['s-1'], assignPublicIp: 'DISABLED' },
    });
    expect(jobVariableNames.size).toBe(0);
  });

  it('drops falsy values for workers before 0.5.11', () => {
    const { values } = buildScenarioValues(model, undefined, { dropFalsy: true });
    expect(values).toEqual({
      launch_type: 'FARGATE',
      env: { A: 'default', B: 'default' },
      network_configuration: { subnets: ['s-1'], assignPublicIp: 'DISABLED' },
    });
  });

  it('drops falsy job variables too for old workers', () => {
    const { values } = buildScenarioValues(
      model,
      { name: 'deployment', values: { launch_type: '', cluster: 'c' } },
      { dropFalsy: true },
    );
    expect(values.launch_type).toBeUndefined();
    expect(values.cluster).toBe('c');
  });

  it('ignores nested defaults inside definitions', () => {
    const withDefinitions = buildTemplateModel({
      job_configuration: {},
      variables: {
        properties: { aws_credentials: { $ref: '#/definitions/AwsCredentials' } },
        definitions: { AwsCredentials: { default: { region_name: 'x' } } },
      },
    });
    expect(buildScenarioValues(withDefinitions, undefined).values).toEqual({});
  });
});

describe('buildScenarioValues job variables', () => {
  it('replaces defaults per top-level variable', () => {
    const { values, jobVariableNames } = buildScenarioValues(model, {
      name: 'deployment',
      values: { network_configuration: { subnets: ['s-2'] }, cluster: null },
    });
    expect(values.network_configuration).toEqual({ subnets: ['s-2'] });
    expect(values.cluster).toBeNull();
    expect([...jobVariableNames].sort()).toEqual(['cluster', 'network_configuration']);
  });

  it('merges env key by key', () => {
    const { values } = buildScenarioValues(model, { name: 'deployment', values: { env: { B: 'job', C: 'job' } } });
    expect(values.env).toEqual({ A: 'default', B: 'job', C: 'job' });
  });

  it('expands dotted keys before merging', () => {
    const { values, jobVariableNames } = buildScenarioValues(model, {
      name: 'deployment',
      values: { 'env.C': 'dotted', 'network_configuration.assignPublicIp': 'ENABLED' },
    });
    expect(values.env).toEqual({ A: 'default', B: 'default', C: 'dotted' });
    expect(values.network_configuration).toEqual({ assignPublicIp: 'ENABLED' });
    expect([...jobVariableNames].sort()).toEqual(['env', 'network_configuration']);
  });
});

describe('buildScenarioValues sourceOf', () => {
  const scenario = buildScenarioValues(model, {
    name: 'deployment',
    values: { env: { C: 'job' }, cluster: 'c', network_configuration: { subnets: ['s-2'] } },
    pointer: '/deployments/0/work_pool/job_variables',
  });

  it.each([
    ['launch_type', [], { document: '', pointer: '/variables/properties/launch_type/default' }],
    ['stream_output', [], { document: '', pointer: '/variables/properties/stream_output/default' }],
    ['cluster', [], { document: 'deployment', pointer: '/deployments/0/work_pool/job_variables/cluster' }],
    [
      'network_configuration',
      ['subnets', '0'],
      { document: 'deployment', pointer: '/deployments/0/work_pool/job_variables/network_configuration/subnets/0' },
    ],
    ['env', ['A'], { document: '', pointer: '/variables/properties/env/default/A' }],
    ['env', ['C'], { document: 'deployment', pointer: '/deployments/0/work_pool/job_variables/env/C' }],
    ['env', [], { document: 'deployment', pointer: '/deployments/0/work_pool/job_variables/env' }],
  ])('locates %s %j', (variable, path, expected) => {
    expect(scenario.sourceOf(variable, path)).toEqual(expected);
  });

  it('has no source for a variable without a value', () => {
    expect(scenario.sourceOf('image', [])).toBeUndefined();
    expect(scenario.sourceOf('undeclared', [])).toBeUndefined();
  });

  it('uses the work pool base for defaults', () => {
    const pool = buildTemplateModel({
      name: 'pool',
      type: 'ecs',
      base_job_template: { job_configuration: {}, variables: { properties: { cpu: { default: 1024 } } } },
    });
    expect(buildScenarioValues(pool, undefined).sourceOf('cpu', [])).toEqual({
      document: '',
      pointer: '/base_job_template/variables/properties/cpu/default',
    });
  });

  it('escapes keys in source pointers', () => {
    const withSlash = buildScenarioValues(model, { name: 'd', values: { env: { 'A/B': '1' } } });
    expect(withSlash.sourceOf('env', ['A/B'])).toEqual({ document: 'd', pointer: '/env/A~1B' });
  });
});

describe('expandDottedKeys', () => {
  it.each([
    [{ a: 1 }, { a: 1 }],
    [{ 'a.b': 1 }, { a: { b: 1 } }],
    [{ 'a.b.c': 1, 'a.d': 2 }, { a: { b: { c: 1 }, d: 2 } }],
    [{ 'a.b': 1, a: { c: 2 } }, { a: { b: 1, c: 2 } }],
    [{ 'a.b': 1, a: { b: 2 } }, { a: { b: 2 } }],
    [{ 'a.b': 1, a: 'plain' }, { a: 'plain' }],
    [{ 'env.FOO': 'x', env: { BAR: 'y' } }, { env: { FOO: 'x', BAR: 'y' } }],
  ])('expands %j', (input, expected) => {
    expect(expandDottedKeys(input)).toEqual(expected);
  });

  it('does not change its input', () => {
    const input = { 'a.b': 1, a: { c: 2 } };
    expandDottedKeys(input);
    expect(input).toEqual({ 'a.b': 1, a: { c: 2 } });
  });
});
