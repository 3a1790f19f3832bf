import { describe, expect, it } from 'vitest';

import { lintText } from '../../src/linter/lint.js';
import { classifyDocument } from '../../src/model/template.js';

describe('classifyDocument', () => {
  it.each([
    ['a bare template', { job_configuration: {}, variables: {} }, 'template'],
    ['the empty template', {}, 'template'],
    ['an ECS work pool', { name: 'p', type: 'ecs', base_job_template: {} }, 'work-pool'],
    ['an ECS push pool', { name: 'p', type: 'ecs:push', base_job_template: {} }, 'work-pool'],
    ['a pool without a type', { name: 'p', base_job_template: {} }, 'work-pool'],
    ['a Kubernetes pool', { name: 'p', type: 'kubernetes', base_job_template: {} }, 'unknown'],
    ['a process pool', { name: 'p', type: 'process', base_job_template: {} }, 'unknown'],
    ['a Kubernetes template', { job_configuration: { job_manifest: {} }, variables: {} }, 'unknown'],
    ['a process template', { job_configuration: { working_dir: '{{ working_dir }}' }, variables: {} }, 'unknown'],
    ['job variables at the top', { launch_type: 'FARGATE', cpu: 1024 }, 'template'],
    ['a package manifest', { name: 'x', version: '1.0.0' }, 'unknown'],
    ['an array', [], 'unknown'],
  ])('%s', (_name, value, kind) => {
    expect(classifyDocument(value)).toBe(kind);
  });
});

describe('work pool with a JSON string template', () => {
  it('says the template is a string', () => {
    const text = JSON.stringify({ name: 'p', type: 'ecs', base_job_template: '{"job_configuration": {}}' });
    const result = lintText(text, { filePath: 'pool.json' });
    expect(result.messages.map((message) => message.messageId)).toEqual(['poolTemplateIsText']);
    expect(result.messages[0]?.pointer).toBe('/base_job_template');
  });
});
