import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { defaultTemplate } from '../../src/init/default-template.js';
import { buildTemplateModel } from '../../src/model/template.js';
import { joinPointer } from '../../src/parse/pointer.js';
import {
  isBlockReference,
  renderJobConfiguration,
  type RenderedConfiguration,
} from '../../src/render/render.js';
import { isUnknown, UnknownValue } from '../../src/render/unknown.js';
import { buildScenarioValues, type JobVariablesInput } from '../../src/render/values.js';

type Properties = Record<string, Record<string, unknown>>;

function template(jobConfiguration: Record<string, unknown>, properties: Properties = {}): unknown {
  return { job_configuration: jobConfiguration, variables: { type: 'object', properties } };
}

function render(value: unknown, jobVariables?: JobVariablesInput): RenderedConfiguration {
  const model = buildTemplateModel(value);
  const scenario = buildScenarioValues(model, jobVariables);
  return renderJobConfiguration(
    model.jobConfiguration ?? {},
    joinPointer(model.base, 'job_configuration'),
    scenario,
  );
}

function jobVariables(values: Record<string, unknown>, pointer?: string): JobVariablesInput {
  return { name: 'deployment', values, pointer };
}

describe('whole-value placeholders', () => {
  it.each([
    ['an integer', 1024],
    ['zero', 0],
    ['a float', 0.5],
    ['true', true],
    ['false', false],
    ['an empty string', ''],
    ['a string', 'FARGATE'],
    ['an object', { subnets: ['subnet-1'], assignPublicIp: 'DISABLED' }],
    ['an empty object', {}],
    ['an array', [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }]],
    ['an empty array', []],
  ])('keep the JSON type of %s', (_name, value) => {
    const rendered = render(template({ field: '{{ v }}' }, { v: { default: value } }));
    expect(rendered.value).toEqual({ field: value });
  });

  it('keep an explicit null job variable', () => {
    const rendered = render(template({ cluster: '{{ cluster }}' }), jobVariables({ cluster: null }));
    expect(rendered.value).toEqual({ cluster: null });
    expect(rendered.removed).toEqual([]);
  });

  it('treat a null default as no value', () => {
    const rendered = render(template({ cluster: '{{ cluster }}' }, { cluster: { default: null } }));
    expect(rendered.value).toEqual({});
  });

  it('allow whitespace and newlines inside the braces', () => {
    const rendered = render(template({ cpu: '{{\n  cpu\n}}' }, { cpu: { default: 512 } }));
    expect(rendered.value).toEqual({ cpu: 512 });
  });

  it('read dotted names from nested values', () => {
    const rendered = render(
      template(
        { first: '{{ network.subnets[0] }}', second: '{{ network.subnets.1 }}', missing: '{{ network.nope }}' },
        { network: { default: { subnets: ['a', 'b'] } } },
      ),
    );
    expect(rendered.value).toEqual({ first: 'a', second: 'b' });
  });
});

describe('inline placeholders', () => {
  it.each([
    ['None for null', null, 'x=None'],
    ['True for true', true, 'x=True'],
    ['False for false', false, 'x=False'],
    ['digits for an integer', 5, 'x=5'],
    ['a dict repr', { a: 1 }, "x={'a': 1}"],
    ['a list repr with nested quotes', ["it's", 'a"b'], `x=["it's", 'a"b']`],
    ['the text of a string', 'abc', 'x=abc'],
  ])('give %s', (_name, value, expected) => {
    const rendered = render(template({ field: 'x={{ v }}' }), jobVariables({ v: value }));
    expect(rendered.value).toEqual({ field: expected });
  });

  it('give empty text for a missing value and keep the key', () => {
    const rendered = render(template({ role: 'arn:aws:iam::{{ account }}:role/x' }));
    expect(rendered.value).toEqual({ role: 'arn:aws:iam:::role/x' });
    expect(rendered.removed).toEqual([]);
  });

  it('turn surrounding whitespace into inline text', () => {
    const rendered = render(
      template({ cpu: ' {{ cpu }}', tail: '{{ cpu }}\n' }, { cpu: { default: 1024 } }),
    );
    expect(rendered.value).toEqual({ cpu: ' 1024', tail: '1024\n' });
  });

  it('render two placeholders in one string as text', () => {
    const rendered = render(
      template({ both: '{{ a }}{{ b }}' }, { a: { default: 1 }, b: { default: true } }),
    );
    expect(rendered.value).toEqual({ both: '1True' });
  });

  it('replace every occurrence of a placeholder', () => {
    const rendered = render(template({ name: '{{ a }}-{{ a }}' }, { a: { default: 'x' } }));
    expect(rendered.value).toEqual({ name: 'x-x' });
  });

  it('leave unsupported syntax untouched', () => {
    const rendered = render(template({ cpu: '{{ cpu | default(1024) }}' }, { cpu: { default: 512 } }));
    expect(rendered.value).toEqual({ cpu: '{{ cpu | default(1024) }}' });
  });
});

describe('missing values', () => {
  it('remove object keys and array items', () => {
    const rendered = render(
      template({
        task_definition: {
          containerDefinitions: [{ image: '{{ image }}', name: '{{ container_name }}' }],
          cpu: '{{ cpu }}',
        },
        list: ['{{ missing }}', 'kept', '{{ also_missing }}', 7],
      }),
    );
    expect(rendered.value).toEqual({
      task_definition: { containerDefinitions: [{}] },
      list: ['kept', 7],
    });
  });

  it('record what was removed and why', () => {
    const rendered = render(template({ a: { b: '{{ x }}' }, c: ['{{ y }}'] }));
    expect(rendered.removed).toEqual([
      { templatePointer: '/job_configuration/a/b', placeholder: 'x' },
      { templatePointer: '/job_configuration/c/0', placeholder: 'y' },
    ]);
  });

  it('keep literal values as they are', () => {
    const literals = { stream_output: false, timeout: 0, name: '', nothing: null, list: [] };
    expect(render(template(literals)).value).toEqual(literals);
  });
});

describe('substituted values', () => {
  it('are not scanned again for whole values', () => {
    const rendered = render(
      template({ x: '{{ a }}' }, { a: { default: '{{ b }}' }, b: { default: 'B' } }),
    );
    expect(rendered.value).toEqual({ x: '{{ b }}' });
  });

  it('are not scanned again inline', () => {
    const rendered = render(template({ x: 'p-{{ a }}' }, { a: { default: '{{ b }}' }, b: { default: 'B' } }));
    expect(rendered.value).toEqual({ x: 'p-{{ b }}' });
  });

  it('keep placeholders inside substituted objects', () => {
    const rendered = render(
      template({ x: '{{ a }}' }, { a: { default: { inner: '{{ b }}' } }, b: { default: 'B' } }),
    );
    expect(rendered.value).toEqual({ x: { inner: '{{ b }}' } });
  });
});

describe('values known only at run time', () => {
  it.each([
    ['{{ prefect.variables.cluster }}', 'prefect-variable'],
    ['{{ prefect.blocks.secret.api-key }}', 'prefect-block'],
    ['{{ $HOME }}', 'env'],
    ['arn:{{ prefect.variables.role }}', 'prefect-variable'],
    ['x {{ prefect.blocks.a.b }}', 'prefect-block'],
    ['home={{ $HOME }}', 'env'],
  ])('%j in the template becomes %s', (text, reason) => {
    const rendered = render(template({ field: text }));
    const value = rendered.value.field;
    expect(isUnknown(value)).toBe(true);
    expect((value as UnknownValue).reason).toBe(reason);
    expect((value as UnknownValue).text).toBe(text);
  });

  it('keep job variables rendered in the known text', () => {
    const rendered = render(template({ field: '{{ a }}:{{ $HOME }}' }, { a: { default: 1 } }));
    expect(rendered.value.field).toEqual(new UnknownValue('env', '1:{{ $HOME }}'));
  });

  it('mark Prefect variables and blocks inside a substituted default', () => {
    const rendered = render(
      template(
        { cluster: '{{ cluster }}', config: '{{ config }}' },
        {
          cluster: { default: '{{ prefect.variables.cluster }}' },
          config: {
            default: {
              name: 'literal',
              secret: '{{ prefect.blocks.secret.key }}',
              credentials: { $ref: { block_document_id: '00000000-0000-4000-8000-000000000001' } },
            },
          },
        },
      ),
    );
    expect(rendered.value.cluster).toEqual(
      new UnknownValue('prefect-variable', '{{ prefect.variables.cluster }}'),
    );
    const config = rendered.value.config as Record<string, unknown>;
    expect(config.name).toBe('literal');
    expect(config.secret).toEqual(new UnknownValue('prefect-block', '{{ prefect.blocks.secret.key }}'));
    expect(config.credentials).toEqual(
      new UnknownValue('block-reference', '{"$ref":{"block_document_id":"00000000-0000-4000-8000-000000000001"}}'),
    );
  });

  it('mark a substituted $ENV string as unknown', () => {
    const rendered = render(template({ x: '{{ a }}' }, { a: { default: '{{ $HOME }}' } }));
    expect(rendered.value.x).toEqual(new UnknownValue('env', '{{ $HOME }}'));
  });

  it('serialize unknown values with their reason', () => {
    expect(JSON.stringify(new UnknownValue('env', '{{ $X }}'))).toBe('{"$unknown":"env","text":"{{ $X }}"}');
  });
});

describe('isBlockReference', () => {
  it.each([
    [{ $ref: { block_document_id: 'x' } }, true],
    [{ $ref: { block_document_id: 'x' }, other: 1 }, false],
    [{ $ref: '#/definitions/AwsCredentials' }, false],
    [{ $ref: {} }, false],
    [null, false],
  ])('%j is %s', (value, expected) => {
    expect(isBlockReference(value)).toBe(expected);
  });
});

describe('env merging', () => {
  it('fills a "{{ env }}" placeholder with the default and the job variables', () => {
    const rendered = render(
      template({ env: '{{ env }}' }, { env: { default: { A: 'default', B: 'default' } } }),
      jobVariables({ env: { B: 'job', C: 'job' } }),
    );
    expect(rendered.value.env).toEqual({ A: 'default', B: 'job', C: 'job' });
  });

  it('merges a literal env object with the default and the job variables', () => {
    const rendered = render(
      template({ env: { LITERAL: 'pool', SHARED: 'pool' } }, { env: { default: { DEFAULT: 'default' } } }),
      jobVariables({ env: { JOB: 'job', SHARED: 'job' } }),
    );
    expect(rendered.value.env).toEqual({ LITERAL: 'pool', SHARED: 'job', DEFAULT: 'default', JOB: 'job' });
  });

  it('merges the default into a literal env object without job variables', () => {
    const rendered = render(template({ env: { LITERAL: 'pool' } }, { env: { default: { DEFAULT: 'd' } } }));
    expect(rendered.value.env).toEqual({ LITERAL: 'pool', DEFAULT: 'd' });
  });

  it('renders placeholders written in a literal env object', () => {
    const rendered = render(template({ env: { IMAGE: '{{ image }}', GONE: '{{ nothing }}' } }, { image: { default: 'img' } }));
    expect(rendered.value.env).toEqual({ IMAGE: 'img' });
  });

  it('expands dotted job-variable keys into env', () => {
    const rendered = render(
      template({ env: '{{ env }}' }, { env: { default: { A: 'default' } } }),
      jobVariables({ 'env.FOO': 'dotted', env: { BAR: 'plain' } }),
    );
    expect(rendered.value.env).toEqual({ A: 'default', FOO: 'dotted', BAR: 'plain' });
  });

  it('lets a plain env key win over the same dotted key', () => {
    const rendered = render(template({ env: '{{ env }}' }), jobVariables({ 'env.FOO': 'dotted', env: { FOO: 'plain' } }));
    expect(rendered.value.env).toEqual({ FOO: 'plain' });
  });
});

describe('job variables and defaults', () => {
  const properties: Properties = {
    network_configuration: {
      type: 'object',
      default: { subnets: ['subnet-default'], assignPublicIp: 'DISABLED', securityGroups: ['sg-1'] },
    },
    cpu: { type: 'integer', default: 1024 },
  };
  const jobConfiguration = { network_configuration: '{{ network_configuration }}', cpu: '{{ cpu }}' };

  it('replace an object default whole', () => {
    const rendered = render(
      template(jobConfiguration, properties),
      jobVariables({ network_configuration: { subnets: ['subnet-job'] } }),
    );
    expect(rendered.value.network_configuration).toEqual({ subnets: ['subnet-job'] });
    expect(rendered.value.cpu).toBe(1024);
  });

  it('replace a scalar default', () => {
    const rendered = render(template(jobConfiguration, properties), jobVariables({ cpu: 512 }));
    expect(rendered.value.cpu).toBe(512);
  });

  it('expand a dotted key that is not env', () => {
    const rendered = render(
      template({ net: '{{ network_configuration }}' }),
      jobVariables({ 'network_configuration.assignPublicIp': 'ENABLED' }),
    );
    expect(rendered.value.net).toEqual({ assignPublicIp: 'ENABLED' });
  });
});

describe('originOf', () => {
  const value = template(
    {
      cpu: '{{ cpu }}',
      literal: 'x',
      inline: 'arn:{{ role }}',
      network_configuration: '{{ network_configuration }}',
      list: ['{{ missing }}', '{{ cpu }}'],
      env: '{{ env }}',
    },
    {
      cpu: { default: 1024 },
      role: { default: 'r' },
      network_configuration: { default: { subnets: ['a', 'b'] } },
    },
  );

  it('points a whole value at its default', () => {
    const origin = render(value).originOf('/cpu');
    expect(origin).toEqual({
      templatePointer: '/job_configuration/cpu',
      placeholder: 'cpu',
      source: { document: '', pointer: '/variables/properties/cpu/default' },
    });
  });

  it('points a nested node at the same path inside the default', () => {
    const origin = render(value).originOf('/network_configuration/subnets/1');
    expect(origin?.templatePointer).toBe('/job_configuration/network_configuration');
    expect(origin?.source).toEqual({
      document: '',
      pointer: '/variables/properties/network_configuration/default/subnets/1',
    });
  });

  it('points a job variable at its document and nested path', () => {
    const origin = render(
      value,
      jobVariables({ network_configuration: { subnets: ['c'] } }, '/deployments/0/job_variables'),
    ).originOf('/network_configuration/subnets/0');
    expect(origin?.source).toEqual({
      document: 'deployment',
      pointer: '/deployments/0/job_variables/network_configuration/subnets/0',
    });
  });

  it('points an env key at the job variable that set it', () => {
    const origin = render(value, jobVariables({ env: { A: '1' } })).originOf('/env/A');
    expect(origin?.source).toEqual({ document: 'deployment', pointer: '/env/A' });
  });

  it('marks inline placeholders', () => {
    const origin = render(value).originOf('/inline');
    expect(origin).toEqual({
      templatePointer: '/job_configuration/inline',
      placeholder: 'role',
      inline: true,
      source: { document: '', pointer: '/variables/properties/role/default' },
    });
  });

  it('gives only the template node for literals', () => {
    expect(render(value).originOf('/literal')).toEqual({ templatePointer: '/job_configuration/literal' });
    expect(render(value).originOf('')).toEqual({ templatePointer: '/job_configuration' });
  });

  it('follows array items that moved after a removal', () => {
    const origin = render(value).originOf('/list/0');
    expect(origin?.templatePointer).toBe('/job_configuration/list/1');
    expect(origin?.placeholder).toBe('cpu');
  });

  it('extends the template pointer below a literal', () => {
    const rendered = render(template({ a: { b: { c: 1 } } }));
    expect(rendered.originOf('/a/b/c')).toEqual({ templatePointer: '/job_configuration/a/b/c' });
  });

  it('uses the base of a work pool object', () => {
    const pool = { name: 'pool', type: 'ecs', base_job_template: value };
    const origin = render(pool).originOf('/cpu');
    expect(origin?.templatePointer).toBe('/base_job_template/job_configuration/cpu');
    expect(origin?.source?.pointer).toBe('/base_job_template/variables/properties/cpu/default');
  });
});

describe('stock template rendering', () => {
  // What Prefect renders from the prefect-aws 0.7.11 default with no job
  // variables: only launch_type and the two booleans have defaults.
  const expected = {
    task_definition: { containerDefinitions: [{}] },
    task_run_request: { launchType: 'FARGATE', overrides: { containerOverrides: [{}] } },
    stream_output: false,
    task_start_timeout_seconds: 0,
    task_watch_poll_interval: 0,
    auto_deregister_task_definition: false,
    match_latest_revision_in_family: false,
  };

  it('renders the built-in default exactly', () => {
    expect(render(defaultTemplate()).value).toEqual(expected);
  });

  it('renders the stored 0.7.11 default exactly', () => {
    const text = readFileSync(
      new URL('../../fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json', import.meta.url),
      'utf8',
    );
    expect(render(JSON.parse(text)).value).toEqual(expected);
  });

  it('removes every other placeholder', () => {
    const rendered = render(defaultTemplate());
    const removed = new Set(rendered.removed.map((node) => node.placeholder));
    expect(removed.has('launch_type')).toBe(false);
    expect([...removed].sort()).toEqual(
      [
        'aws_credentials',
        'capacity_provider_strategy',
        'cloudwatch_logs_options',
        'cloudwatch_logs_prefix',
        'cluster',
        'command',
        'configure_cloudwatch_logs',
        'container_name',
        'cpu',
        'env',
        'execution_role_arn',
        'family',
        'image',
        'labels',
        'memory',
        'name',
        'network_configuration',
        'prefect_api_auth_string_secret_arn',
        'prefect_api_key_secret_arn',
        'task_definition_arn',
        'task_role_arn',
        'vpc_id',
      ].sort(),
    );
  });
});
