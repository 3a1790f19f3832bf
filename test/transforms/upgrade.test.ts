import { describe, expect, it } from 'vitest';

import { defaultTemplate } from '../../src/init/default-template.js';
import { applyTransform } from '../../src/transforms/api.js';
import { mergeThreeWay, upgrade } from '../../src/transforms/upgrade.js';
import {
  allErrors,
  errorPlaces,
  findings,
  jobConfiguration,
  parseFixture,
  properties,
  readFixture,
  runRequest,
} from './helpers.js';

const OLD_DEFAULTS = {
  '0.3.1': 'fixtures/real-templates/prefect-default-prefect-aws-0.3.1.json',
  '0.4.14': 'fixtures/real-templates/prefect-default-prefect-aws-0.4.14.json',
} as const;

/** Sorts object keys, so equal templates compare equal whatever their key order. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sorted);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return Object.fromEntries(entries.map(([key, child]) => [key, sorted(child)]));
  }
  return value;
}

describe('upgrade of the stock templates', () => {
  for (const [version, file] of Object.entries(OLD_DEFAULTS)) {
    it(`turns the ${version} default into the current default`, () => {
      const { output, notes } = applyTransform(readFixture(file), 'upgrade', {});
      expect(sorted(JSON.parse(output))).toEqual(sorted(defaultTemplate()));
      expect(notes[0]).toBe(`Upgraded from the prefect-aws ${version} default to the 0.7.11 shape.`);
    });
  }

  it('leaves the current default unchanged', () => {
    const text = readFixture('fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json');
    const { patch, output, notes } = applyTransform(text, 'upgrade', {});
    expect(patch).toEqual([]);
    expect(output).toBe(text);
    expect(notes[0]).toMatch(/^The template already has the shape of prefect-aws 0.5.0 or later/);
  });
});

describe('upgrade keeps user changes', () => {
  const base = parseFixture(OLD_DEFAULTS['0.3.1']);
  const changed = structuredClone(base);
  properties(changed).cpu!.default = 512;
  properties(changed).task_start_timeout_seconds!.default = 600;
  properties(changed).team = { type: 'string', default: 'data' };
  delete properties(changed).vpc_id;
  delete jobConfiguration(changed).vpc_id;
  runRequest(changed).cluster = 'example-cluster';
  runRequest(changed).enableExecuteCommand = true;
  jobConfiguration(changed).labels = { team: '{{ team }}' };
  const text = JSON.stringify(changed, null, 2) + '\n';
  const { output, notes } = applyTransform(text, 'upgrade', {});
  const result = JSON.parse(output) as Record<string, unknown>;

  it('keeps a changed default inside the current schema', () => {
    expect(properties(result).cpu).toMatchObject({ default: 512, anyOf: [{ type: 'integer' }, { type: 'null' }] });
    expect(properties(result).cpu).not.toHaveProperty('type');
  });

  it('keeps added variables, keys and literals', () => {
    expect(properties(result).team).toEqual({ type: 'string', default: 'data' });
    expect(runRequest(result).cluster).toBe('example-cluster');
    expect(runRequest(result).enableExecuteCommand).toBe(true);
    expect(jobConfiguration(result).labels).toEqual({ team: '{{ team }}' });
  });

  it('does not bring back what the user removed', () => {
    expect(properties(result)).not.toHaveProperty('vpc_id');
    expect(jobConfiguration(result)).not.toHaveProperty('vpc_id');
  });

  it('adds what is new', () => {
    expect(runRequest(result).capacityProviderStrategy).toBe('{{ capacity_provider_strategy }}');
    expect(jobConfiguration(result).execution_role_arn).toBe('{{ execution_role_arn }}');
    expect(properties(result)).toHaveProperty('prefect_api_key_secret_arn');
  });

  it('keeps a retired variable whose default changed, with its placeholder', () => {
    expect(properties(result).task_start_timeout_seconds?.default).toBe(600);
    expect(jobConfiguration(result).task_start_timeout_seconds).toBe('{{ task_start_timeout_seconds }}');
    expect(properties(result)).not.toHaveProperty('stream_output');
    expect(jobConfiguration(result).stream_output).toBe(false);
    expect(notes).toContain(
      'Kept the task_start_timeout_seconds variable because its schema differs from the 0.3.1 default; prefect-aws 0.6.0 and later ignore this setting.',
    );
  });

  it('lints without errors and leaves nothing undeclared', () => {
    expect(allErrors(output)).toEqual([]);
    expect(findings(output, { rules: ['no-undeclared-placeholder'], minimumSeverity: 1 })).toEqual([]);
  });
});

describe('upgrade of user templates', () => {
  const userTemplates = [
    'fixtures/real-templates/users/01-entechlog-ecs-base-job-template.json',
    'fixtures/real-templates/users/04-isai-ecs-push-base-job-template.json',
    'fixtures/real-templates/users/10-ffmpeg-push-pool-v4-working.json',
    'fixtures/real-templates/users/11-ffmpeg-push-pool-v5-arm64-with-defaults.json',
  ];
  for (const file of userTemplates) {
    it(`adds no error to ${file}`, () => {
      const text = readFixture(file);
      const { output } = applyTransform(text, 'upgrade', {});
      const before = new Set(errorPlaces(text));
      expect(errorPlaces(output).filter((place) => !before.has(place))).toEqual([]);
    });
  }

  it('keeps a schema whose value keywords the user changed', () => {
    const file = 'fixtures/real-templates/users/10-ffmpeg-push-pool-v4-working.json';
    const original = parseFixture(file);
    const template = (original.base_job_template ?? original) as Record<string, unknown>;
    const { output } = applyTransform(readFixture(file), 'upgrade', {});
    const upgraded = JSON.parse(output) as Record<string, unknown>;
    const result = (upgraded.base_job_template ?? upgraded) as Record<string, unknown>;
    expect(properties(result).aws_credentials).toEqual(properties(template).aws_credentials);
  });

  it('rejects an unknown --from', () => {
    expect(() => upgrade.parseCliOptions({ from: '0.5.0' }, [])).toThrow('Invalid --from "0.5.0": use 0.3.1 or 0.4.14.');
  });

  it('follows --from over the detected shape', () => {
    const text = readFixture('fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json');
    const { notes } = applyTransform(text, 'upgrade', { from: '0.4.14' });
    expect(notes[0]).toBe('Upgraded from the prefect-aws 0.4.14 default to the 0.7.11 shape.');
  });
});

describe('mergeThreeWay', () => {
  const acceptAll = { acceptCurrent: () => true, keepUser: () => false };

  it('takes the current value for an unchanged one', () => {
    expect(mergeThreeWay('a', 'a', 'b', acceptAll)).toBe('b');
  });

  it('keeps a changed value', () => {
    expect(mergeThreeWay('user', 'a', 'b', acceptAll)).toBe('user');
  });

  it('merges objects key by key', () => {
    expect(mergeThreeWay({ a: 1, b: 2, mine: 3 }, { a: 1, b: 1, gone: 0 }, { a: 9, b: 9, gone: 0, added: 4 }, acceptAll)).toEqual({
      a: 9,
      b: 2,
      mine: 3,
      added: 4,
    });
  });

  it('drops what the current value dropped', () => {
    expect(mergeThreeWay({ old: 1 }, { old: 1 }, {}, acceptAll)).toEqual({});
  });

  it('keeps the user value when the policy rejects the current one', () => {
    const policy = { acceptCurrent: () => false, keepUser: () => false };
    expect(mergeThreeWay({ a: 'x' }, { a: 'x' }, { a: 'y', added: 1 }, policy)).toEqual({ a: 'x' });
  });
});
