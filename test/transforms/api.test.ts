import { describe, expect, it } from 'vitest';

import { applyPatchToText } from '../../src/fix/apply-patch.js';
import { JsonSyntaxError } from '../../src/parse/json-document.js';
import { applyTransform, listTransforms } from '../../src/transforms/api.js';
import { TransformError } from '../../src/transforms/types.js';
import { readFixture } from './helpers.js';

const DEFAULT_0_7_11 = 'fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json';

describe('listTransforms', () => {
  it('lists every transform in order', () => {
    expect(listTransforms().map((transform) => transform.id)).toEqual([
      'use-ec2-launch-type',
      'use-capacity-provider-strategy',
      'set-network-configuration',
      'set-execution-role',
      'upgrade',
    ]);
  });

  it('describes each option', () => {
    const strategy = listTransforms().find((transform) => transform.id === 'use-capacity-provider-strategy');
    expect(strategy?.options.map((option) => option.name)).toEqual([
      'provider',
      'network-mode',
      'subnet',
      'security-group',
      'vpc',
      'assign-public-ip',
    ]);
    expect(strategy?.options[0]).toMatchObject({ valueName: 'NAME[:weight[:base]]', multiple: true, required: true });
  });

  it('returns copies', () => {
    const first = listTransforms()[0];
    first!.options.length = 0;
    expect(listTransforms()[0]?.options.length).toBeGreaterThan(0);
  });
});

describe('applyTransform', () => {
  it('returns the patch and the patched text', () => {
    const text = readFixture(DEFAULT_0_7_11);
    const { patch, output } = applyTransform(text, 'set-execution-role', {
      executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    });
    expect(patch).toEqual([
      {
        op: 'replace',
        path: '/variables/properties/execution_role_arn/default',
        value: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
      },
    ]);
    expect(output).toBe(applyPatchToText(text, patch));
  });

  it('keeps four-space indentation and CRLF line endings', () => {
    const text = JSON.stringify(JSON.parse(readFixture(DEFAULT_0_7_11)), null, 4).replace(/\n/g, '\r\n') + '\r\n';
    const { output } = applyTransform(text, 'use-ec2-launch-type', {});
    expect(output.endsWith('\r\n')).toBe(true);
    expect(output.replace(/\r\n/g, '')).not.toContain('\n');
    expect(output).toContain('\r\n            "networkMode": "bridge"');
    expect(output.split('\r\n')[1]).toBe('    "job_configuration": {');
  });

  it('returns the input unchanged when nothing changes', () => {
    const text = readFixture(DEFAULT_0_7_11);
    const { patch, output } = applyTransform(text, 'upgrade', {});
    expect(patch).toEqual([]);
    expect(output).toBe(text);
  });

  it('rejects an unknown transform with a suggestion', () => {
    expect(() => applyTransform('{}', 'use-ec2', {})).toThrow(TransformError);
    expect(() => applyTransform('{}', 'set-execution-roles', {})).toThrow(
      'Unknown transform "set-execution-roles". Did you mean "set-execution-role"? Available: use-ec2-launch-type, use-capacity-provider-strategy, set-network-configuration, set-execution-role, upgrade.',
    );
  });

  it('throws JsonSyntaxError for invalid JSON', () => {
    expect(() => applyTransform('{"job_configuration": ', 'upgrade', {})).toThrow(JsonSyntaxError);
  });

  it('rejects options of the wrong shape', () => {
    const text = readFixture(DEFAULT_0_7_11);
    expect(() => applyTransform(text, 'use-capacity-provider-strategy', {} as never)).toThrow(
      'Give at least one capacity provider, as --provider NAME[:weight[:base]].',
    );
    expect(() => applyTransform(text, 'set-execution-role', undefined)).toThrow(
      'set-execution-role needs executionRoleArn, an IAM role ARN.',
    );
  });

  it('rejects a document that is not a template', () => {
    expect(() => applyTransform('{"name": "x"}', 'upgrade', {})).toThrow(
      'The document is not a Prefect base job template or work pool: it has no job_configuration, variables or base_job_template key.',
    );
  });
});
