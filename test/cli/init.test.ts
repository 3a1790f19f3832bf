import { describe, expect, it } from 'vitest';

import { defaultTemplate } from '../../src/init/default-template.js';
import { allErrors, properties, renderDefaults, runCli, runRequest } from '../transforms/helpers.js';

describe('prefect-ecs-lint init', () => {
  it('prints the default template', async () => {
    const { code, stdout, stderr } = await runCli(['init']);
    expect(code).toBe(0);
    expect(stdout).toBe(JSON.stringify(defaultTemplate(), null, 2) + '\n');
    expect(stderr).toBe('');
  });

  it('prints a capacity provider template that lints and renders as intended', async () => {
    const { code, stdout, stderr } = await runCli(['init', '--capacity-provider', 'example-asg-provider']);
    expect(code).toBe(0);
    expect(allErrors(stdout)).toEqual([]);
    const template = JSON.parse(stdout) as Record<string, unknown>;
    expect(runRequest(template)).not.toHaveProperty('launchType');
    const scenarios = [{ name: 'fargate-spot', values: { launch_type: 'FARGATE_SPOT' } }];
    expect(allErrors(stdout, { jobVariables: scenarios })).toEqual([]);
    const preview = renderDefaults(template);
    expect(preview.runTask).not.toHaveProperty('launchType');
    expect(preview.runTask.capacityProviderStrategy).toEqual([
      { capacityProvider: 'example-asg-provider', weight: 1, base: 0 },
    ]);
    expect(stderr).toContain('prefect-ecs-lint: note: Removed task_run_request.launchType and the "launch_type" variable');
  });

  it('combines the network, role and launch type options', async () => {
    const { code, stdout } = await runCli([
      'init',
      '--launch-type',
      'EC2',
      '--subnet',
      'subnet-0123456789abcdef0',
      '--subnet',
      'subnet-0123456789abcdef1',
      '--security-group',
      'sg-0123456789abcdef0',
      '--vpc',
      'vpc-0123456789abcdef0',
      '--execution-role',
      'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    ]);
    expect(code).toBe(0);
    const template = JSON.parse(stdout) as Record<string, unknown>;
    expect(runRequest(template).launchType).toBe('EC2');
    expect(properties(template).network_configuration?.default).toEqual({
      subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
      securityGroups: ['sg-0123456789abcdef0'],
      assignPublicIp: 'DISABLED',
    });
    expect(properties(template).execution_role_arn?.default).toBe('arn:aws:iam::123456789012:role/ecsTaskExecutionRole');
    expect(allErrors(stdout)).toEqual([]);
  });

  it('prints a push template that lints clean for push', async () => {
    const { code, stdout, stderr } = await runCli(['init', '--push']);
    expect(code).toBe(0);
    expect(allErrors(stdout, { target: { kind: 'push' } })).toEqual([]);
    expect(runRequest(JSON.parse(stdout) as Record<string, unknown>)).not.toHaveProperty('capacityProviderStrategy');
    expect(stderr).toContain('set the aws_credentials default to your AWS Credentials block');
  });

  it('shows its help', async () => {
    const { code, stdout } = await runCli(['init', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: prefect-ecs-lint init \[options\] > template.json/);
    expect(stdout).toContain('--capacity-provider NAME[:weight[:base]]');
  });

  const usageErrors: [string[], string][] = [
    [['init', 'template.json'], 'Unexpected argument "template.json" for init'],
    [['init', '--launch-type', 'FARGATE_SPOT'], 'Invalid --launch-type "FARGATE_SPOT": use EC2 or FARGATE.'],
    [['init', '--capacity-provider', 'asg:heavy'], 'Invalid weight "heavy" in capacity provider "asg:heavy"'],
    [['init', '--push', '--capacity-provider', 'asg'], 'Push pools cannot use capacity providers'],
    [['init', '--launch-type', 'EC2', '--capacity-provider', 'asg'], 'Give either a launch type (EC2) or capacity providers'],
    [['init', '--subnet', 'subnet-0123456789abcdef0'], 'give --vpc ID'],
    [['init', '--execution-role', 'my-role'], 'Invalid execution role "my-role"'],
    [['init', '--network-mode', 'host'], 'Invalid --network-mode "host": use bridge or awsvpc.'],
    [['init', '--assign-public-ip', 'yes'], 'Invalid --assign-public-ip "yes": use ENABLED or DISABLED.'],
    [['init', '--launch'], "Unknown option '--launch'"],
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
