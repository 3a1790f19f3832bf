import { describe, expect, it } from 'vitest';

import { buildPresetTemplate, type InitPresetOptions } from '../../src/init/presets.js';
import { defaultTemplate } from '../../src/init/default-template.js';
import { allErrors, properties, renderDefaults, runRequest, taskDefinition } from './helpers.js';

const SUBNET = 'subnet-0123456789abcdef0';
const SECURITY_GROUP = 'sg-0123456789abcdef0';
const VPC = 'vpc-0123456789abcdef0';
const ROLE = 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole';
const ASG = { capacityProvider: 'example-asg-provider', weight: 1, base: 0 };

const PRESETS: [string, InitPresetOptions][] = [
  ['no options', {}],
  ['launch type FARGATE', { launchType: 'FARGATE' }],
  ['launch type EC2', { launchType: 'EC2' }],
  ['launch type EC2 in awsvpc', { launchType: 'EC2', subnets: [SUBNET], securityGroups: [SECURITY_GROUP], vpcId: VPC }],
  ['an Auto Scaling group provider', { capacityProviders: [ASG] }],
  ['Auto Scaling group providers in awsvpc', { capacityProviders: [ASG], subnets: [SUBNET], vpcId: VPC }],
  ['Fargate Spot', { capacityProviders: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }] }],
  ['Fargate with a network', { subnets: [SUBNET], vpcId: VPC, assignPublicIp: 'ENABLED' }],
  ['an execution role', { executionRoleArn: ROLE }],
  ['everything for EC2', { launchType: 'EC2', executionRoleArn: ROLE, subnets: [SUBNET], vpcId: VPC }],
  ['push', { push: true }],
  ['push on EC2', { push: true, launchType: 'EC2', executionRoleArn: ROLE }],
  ['push with a network', { push: true, subnets: [SUBNET], vpcId: VPC }],
];

describe('init presets', () => {
  for (const [name, options] of PRESETS) {
    it(`lints clean: ${name}`, () => {
      const { template } = buildPresetTemplate(options);
      const text = JSON.stringify(template, null, 2) + '\n';
      expect(allErrors(text, options.push ? { target: { kind: 'push' } } : {})).toEqual([]);
    });
  }

  it('without options is the default template', () => {
    expect(buildPresetTemplate({})).toEqual({ template: defaultTemplate(), notes: [] });
  });

  it('capacity provider preset has no launch type in any scenario', () => {
    const { template } = buildPresetTemplate({ capacityProviders: [ASG] });
    expect(runRequest(template)).not.toHaveProperty('launchType');
    expect(properties(template)).not.toHaveProperty('launch_type');
    expect(renderDefaults(template).runTask.capacityProviderStrategy).toEqual([ASG]);
  });

  it('push preset drops the strategy', () => {
    const { template, notes } = buildPresetTemplate({ push: true });
    expect(runRequest(template)).not.toHaveProperty('capacityProviderStrategy');
    expect(properties(template)).not.toHaveProperty('capacity_provider_strategy');
    expect((template.variables as Record<string, Record<string, unknown>>).definitions).not.toHaveProperty(
      'CapacityProvider',
    );
    expect(notes).toHaveLength(2);
    expect(renderDefaults(template, { kind: 'push' }).runTask.launchType).toBe('FARGATE');
  });

  it('EC2 preset with a role registers both', () => {
    const { template } = buildPresetTemplate({ launchType: 'EC2', executionRoleArn: ROLE });
    expect(taskDefinition(template).requiresCompatibilities).toEqual(['EC2']);
    expect(renderDefaults(template).registerTaskDefinition?.executionRoleArn).toBe(ROLE);
  });

  it('rejects a launch type with capacity providers', () => {
    expect(() => buildPresetTemplate({ launchType: 'EC2', capacityProviders: [ASG] })).toThrow(
      'Give either a launch type (EC2) or capacity providers, not both: AWS rejects a RunTask request that has both.',
    );
  });

  it('rejects capacity providers for a push pool', () => {
    expect(() => buildPresetTemplate({ push: true, capacityProviders: [ASG] })).toThrow(
      /^Push pools cannot use capacity providers/,
    );
  });

  it('rejects awsvpc settings without subnets', () => {
    expect(() => buildPresetTemplate({ vpcId: VPC })).toThrow(
      'Security groups and a VPC belong to an awsvpc network configuration, which also needs subnets: add --subnet ID.',
    );
  });

  it('rejects bridge mode on Fargate', () => {
    expect(() => buildPresetTemplate({ networkMode: 'bridge' })).toThrow(/Fargate runs tasks in awsvpc mode only/);
  });
});
