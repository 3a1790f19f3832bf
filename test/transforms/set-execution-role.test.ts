import { describe, expect, it } from 'vitest';

import { applyTransform } from '../../src/transforms/api.js';
import { setExecutionRole } from '../../src/transforms/set-execution-role.js';
import {
  DEFAULT_TEMPLATE_FILES,
  findings,
  jobConfiguration,
  properties,
  readFixture,
  renderDefaults,
  taskDefinition,
} from './helpers.js';

const ROLE = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole';

describe('set-execution-role on the Prefect default templates', () => {
  for (const file of DEFAULT_TEMPLATE_FILES) {
    describe(file, () => {
      const { output } = applyTransform(readFixture(file), 'set-execution-role', { executionRoleArn: ROLE });
      const template = JSON.parse(output) as Record<string, unknown>;

      it('sets the default and wires both places', () => {
        expect(properties(template).execution_role_arn?.default).toBe(ROLE);
        expect(jobConfiguration(template).execution_role_arn).toBe('{{ execution_role_arn }}');
        expect(taskDefinition(template).executionRoleArn).toBe('{{ execution_role_arn }}');
      });

      it('registers the task definition with the role', () => {
        expect(renderDefaults(template).registerTaskDefinition?.executionRoleArn).toBe(ROLE);
      });

      it('lints without errors, also with CloudWatch logs on', () => {
        const logs = { name: 'logs', values: { configure_cloudwatch_logs: true } };
        expect(findings(output, { jobVariables: [logs] })).toEqual([]);
      });
    });
  }
});

describe('set-execution-role cases', () => {
  it('replaces a literal role and removes an orphaned variable', () => {
    const template = {
      job_configuration: {
        task_definition: { containerDefinitions: [{ name: 'prefect' }], executionRoleArn: '{{ role }}' },
        task_run_request: {},
      },
      variables: { type: 'object', properties: { role: { type: 'string' } }, required: ['role'] },
    };
    const { patch, notes } = setExecutionRole.apply(template, { executionRoleArn: ROLE });
    expect(patch).toContainEqual({ op: 'remove', path: '/variables/properties/role' });
    expect(patch).toContainEqual({ op: 'remove', path: '/variables/required/0' });
    expect(patch).toContainEqual({
      op: 'replace',
      path: '/job_configuration/task_definition/executionRoleArn',
      value: '{{ execution_role_arn }}',
    });
    expect(notes).toEqual([
      'Replaced {{ role }} in task_definition.executionRoleArn with {{ execution_role_arn }} and removed the "role" variable.',
    ]);
  });

  it('keeps the schema of a declared variable', () => {
    const template = {
      job_configuration: { task_definition: { containerDefinitions: [{ name: 'prefect' }] } },
      variables: { type: 'object', properties: { execution_role_arn: { title: 'Role', type: 'string' } } },
    };
    const { patch } = setExecutionRole.apply(template, { executionRoleArn: ROLE });
    expect(patch).toContainEqual({ op: 'add', path: '/variables/properties/execution_role_arn/default', value: ROLE });
  });

  it('rejects something that is not a role ARN', () => {
    const text = readFixture(DEFAULT_TEMPLATE_FILES[2] ?? '');
    expect(() => applyTransform(text, 'set-execution-role', { executionRoleArn: 'ecsTaskExecutionRole' })).toThrow(
      'Invalid execution role "ecsTaskExecutionRole": give an IAM role ARN such as arn:aws:iam::123456789012:role/ecsTaskExecutionRole.',
    );
    expect(() =>
      applyTransform(text, 'set-execution-role', { executionRoleArn: 'arn:aws:iam::123456789012:user/someone' }),
    ).toThrow(/Invalid execution role/);
  });

  it('notes a template without a task definition', () => {
    const template = {
      job_configuration: { task_run_request: { taskDefinition: 'family:3' } },
      variables: { type: 'object', properties: {} },
    };
    const { notes } = setExecutionRole.apply(template, { executionRoleArn: ROLE });
    expect(notes).toEqual([
      'job_configuration has no task_definition, so runs use an existing task definition; its own executionRoleArn applies.',
    ]);
  });
});
