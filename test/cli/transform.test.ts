import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import { applyPatchToText } from '../../src/fix/apply-patch.js';
import {
  allErrors,
  DEFAULT_TEMPLATE_FILES,
  properties,
  readFixture,
  renderDefaults,
  runCli,
  runRequest,
} from '../transforms/helpers.js';

const DEFAULT_0_7_11 = 'fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json';
const workDirectory = mkdtempSync(path.join(tmpdir(), 'prefect-ecs-lint-transform-'));

afterAll(async () => {
  const { rm } = await import('node:fs/promises');
  await rm(workDirectory, { recursive: true, force: true });
});

describe('prefect-ecs-lint transform on the Prefect default templates', () => {
  for (const file of DEFAULT_TEMPLATE_FILES) {
    it(`use-capacity-provider-strategy --provider P on ${file}`, async () => {
      const { code, stdout } = await runCli(['transform', 'use-capacity-provider-strategy', '--provider', 'P', file]);
      expect(code).toBe(0);
      expect(allErrors(stdout)).toEqual([]);
      const template = JSON.parse(stdout) as Record<string, unknown>;
      const preview = renderDefaults(template);
      expect(preview.runTask.capacityProviderStrategy).toEqual([{ capacityProvider: 'P', weight: 1, base: 0 }]);
      expect(preview.runTask).not.toHaveProperty('launchType');
      expect(preview.registerTaskDefinition?.requiresCompatibilities).toEqual(['EC2']);
    });

    it(`use-ec2-launch-type on ${file}`, async () => {
      const { code, stdout } = await runCli(['transform', 'use-ec2-launch-type', file]);
      expect(code).toBe(0);
      expect(allErrors(stdout)).toEqual([]);
      const preview = renderDefaults(JSON.parse(stdout));
      expect(preview.runTask.launchType).toBe('EC2');
      expect(preview.registerTaskDefinition?.networkMode).toBe('bridge');
    });
  }
});

describe('prefect-ecs-lint transform output', () => {
  it('prints the patch with --format patch', async () => {
    const { code, stdout } = await runCli([
      'transform',
      'set-execution-role',
      'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
      '--format',
      'patch',
      DEFAULT_0_7_11,
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        op: 'replace',
        path: '/variables/properties/execution_role_arn/default',
        value: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
      },
    ]);
  });

  it('prints the same text the patch gives', async () => {
    const patch = await runCli(['transform', 'use-ec2-launch-type', '-f', 'patch', DEFAULT_0_7_11]);
    const document = await runCli(['transform', 'use-ec2-launch-type', DEFAULT_0_7_11]);
    expect(document.stdout).toBe(applyPatchToText(readFixture(DEFAULT_0_7_11), JSON.parse(patch.stdout)));
    expect(document.stderr).toContain('prefect-ecs-lint: note: Replaced {{ launch_type }}');
  });

  it('writes the file in place with --write', async () => {
    const file = path.join(workDirectory, 'template.json');
    const original = readFixture(DEFAULT_0_7_11);
    writeFileSync(file, original);
    const { code, stdout, stderr } = await runCli([
      'transform',
      'set-network-configuration',
      '--subnet',
      'subnet-0123456789abcdef0',
      '--vpc',
      'vpc-0123456789abcdef0',
      '--write',
      'template.json',
    ], workDirectory);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toBe('prefect-ecs-lint: wrote template.json.\n');
    const written = readFileSync(file, 'utf8');
    expect(properties(JSON.parse(written)).vpc_id?.default).toBe('vpc-0123456789abcdef0');
    const unchangedLines = original.split('\n').filter((line) => written.split('\n').includes(line));
    expect(original.split('\n').length - unchangedLines.length).toBeLessThanOrEqual(2);
  });

  it('reports an unchanged file with --write', async () => {
    const file = path.join(workDirectory, 'current.json');
    writeFileSync(file, readFixture(DEFAULT_0_7_11));
    const { code, stderr } = await runCli(['transform', 'upgrade', '--write', 'current.json'], workDirectory);
    expect(code).toBe(0);
    expect(stderr).toContain('prefect-ecs-lint: current.json is unchanged.');
  });

  it('changes a work pool document', async () => {
    const { code, stdout } = await runCli([
      'transform',
      'use-capacity-provider-strategy',
      '--provider',
      'example-asg-provider:2:1',
      'fixtures/work-pools/ecs-hybrid-pool.json',
    ]);
    expect(code).toBe(0);
    const pool = JSON.parse(stdout) as { base_job_template: Record<string, unknown> };
    expect(properties(pool.base_job_template).capacity_provider_strategy?.default).toEqual([
      { capacityProvider: 'example-asg-provider', weight: 2, base: 1 },
    ]);
    expect(runRequest(pool.base_job_template)).not.toHaveProperty('launchType');
  });
});

describe('prefect-ecs-lint transform help and usage errors', () => {
  it('lists the transforms', async () => {
    const { code, stdout } = await runCli(['transform', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: prefect-ecs-lint transform NAME \[options\] FILE/);
    for (const id of ['use-ec2-launch-type', 'use-capacity-provider-strategy', 'set-network-configuration', 'set-execution-role', 'upgrade']) {
      expect(stdout).toContain(`\n  ${id}\n`);
    }
  });

  it('shows the options of one transform', async () => {
    const { code, stdout } = await runCli(['transform', 'set-network-configuration', '--help']);
    expect(code).toBe(0);
    expect(stdout.split('\n')[0]).toBe(
      'Usage: prefect-ecs-lint transform set-network-configuration --subnet ID ... [--security-group ID ...] [--vpc ID] [--assign-public-ip ENABLED|DISABLED] FILE',
    );
  });

  const usageErrors: [string[], string][] = [
    [['transform'], 'Give a transform name: prefect-ecs-lint transform NAME [options] FILE.'],
    [['transform', 'use-ec2'], 'Unknown transform "use-ec2".'],
    [['transform', 'upgrade'], 'Give the template file to change: prefect-ecs-lint transform upgrade [--from 0.3.1|0.4.14] FILE.'],
    [['transform', 'upgrade', '--format', 'yaml', DEFAULT_0_7_11], 'Invalid --format "yaml": use document'],
    [['transform', 'upgrade', 'missing.json'], 'Cannot read'],
    [['transform', 'use-capacity-provider-strategy', DEFAULT_0_7_11], 'needs at least one --provider NAME[:weight[:base]]'],
    [['transform', 'set-execution-role', DEFAULT_0_7_11], 'set-execution-role takes exactly one role ARN before the file'],
    [['transform', 'use-ec2-launch-type', '--provider', 'x', DEFAULT_0_7_11], "Unknown option '--provider'"],
    [['transform', 'use-capacity-provider-strategy', '--provider', 'P', 'fixtures/work-pools/ecs-push-pool.json'], 'This is an ecs:push work pool'],
    [['transform', 'upgrade', 'fixtures/invalid/trailing-comma.json'], 'invalid JSON'],
    [['transform', 'upgrade', DEFAULT_0_7_11, DEFAULT_0_7_11], 'upgrade changes one file at a time, but got 2:'],
  ];
  for (const [argv, message] of usageErrors) {
    it(`exits 2 for ${argv.slice(1).join(' ')}`, async () => {
      const { code, stdout, stderr } = await runCli(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
    });
  }
});
