import { describe, expect, it } from 'vitest';

import { applyTransform } from '../../src/transforms/api.js';
import { setNetworkConfiguration } from '../../src/transforms/set-network-configuration.js';
import {
  DEFAULT_TEMPLATE_FILES,
  findings,
  jobConfiguration,
  jobVariables,
  properties,
  readFixture,
  renderDefaults,
} from './helpers.js';

const SUBNETS = ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'];
const SECURITY_GROUP = 'sg-0123456789abcdef0';
const VPC = 'vpc-0123456789abcdef0';

describe('set-network-configuration on the Prefect default templates', () => {
  for (const file of DEFAULT_TEMPLATE_FILES) {
    describe(file, () => {
      const { output } = applyTransform(readFixture(file), 'set-network-configuration', {
        subnets: SUBNETS,
        securityGroups: [SECURITY_GROUP],
        vpcId: VPC,
      });
      const template = JSON.parse(output) as Record<string, unknown>;

      it('declares and wires both variables', () => {
        expect(jobConfiguration(template).network_configuration).toBe('{{ network_configuration }}');
        expect(jobConfiguration(template).vpc_id).toBe('{{ vpc_id }}');
        expect(properties(template).network_configuration?.default).toEqual({
          subnets: SUBNETS,
          securityGroups: [SECURITY_GROUP],
          assignPublicIp: 'DISABLED',
        });
        expect(properties(template).vpc_id?.default).toBe(VPC);
      });

      it('renders the configuration into RunTask', () => {
        expect(renderDefaults(template).runTask.networkConfiguration).toEqual({
          awsvpcConfiguration: { subnets: SUBNETS, securityGroups: [SECURITY_GROUP], assignPublicIp: 'DISABLED' },
        });
      });

      it('lints without errors or network warnings', () => {
        const scenario = jobVariables('other-subnet', {
          network_configuration: { subnets: ['subnet-0123456789abcdef2'], assignPublicIp: 'ENABLED' },
        });
        expect(findings(output, { jobVariables: [scenario] })).toEqual([]);
        const warnings = findings(output, {
          rules: ['require-network-configuration-for-awsvpc', 'valid-network-configuration', 'no-unused-variable'],
          minimumSeverity: 1,
        });
        expect(warnings).toEqual([]);
      });
    });
  }
});

describe('set-network-configuration choices', () => {
  const fargate = readFixture('fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json');

  it('allows a public IP on Fargate', () => {
    const { output } = applyTransform(fargate, 'set-network-configuration', {
      subnets: SUBNETS,
      vpcId: VPC,
      assignPublicIp: 'ENABLED',
    });
    const template = JSON.parse(output) as Record<string, unknown>;
    expect((properties(template).network_configuration?.default as Record<string, unknown>).assignPublicIp).toBe(
      'ENABLED',
    );
    expect(findings(output)).toEqual([]);
  });

  it('rejects a public IP for an EC2 template', () => {
    const ec2 = applyTransform(fargate, 'use-ec2-launch-type', {}).output;
    expect(() =>
      applyTransform(ec2, 'set-network-configuration', { subnets: SUBNETS, vpcId: VPC, assignPublicIp: 'ENABLED' }),
    ).toThrow(
      'The template runs tasks on launch type EC2, and AWS gives a public IP only to Fargate tasks. Leave out --assign-public-ip or use DISABLED.',
    );
  });

  it('notes that bridge mode sends no configuration', () => {
    const ec2 = applyTransform(fargate, 'use-ec2-launch-type', {}).output;
    const { notes } = applyTransform(ec2, 'set-network-configuration', { subnets: SUBNETS, vpcId: VPC });
    expect(notes).toContain(
      'The task definition uses network mode "bridge", so the worker sends no network configuration until it uses awsvpc.',
    );
  });

  it('keeps an existing vpc_id default', () => {
    const template = {
      job_configuration: {
        task_definition: { containerDefinitions: [{ name: 'prefect' }] },
        task_run_request: { launchType: 'FARGATE' },
        vpc_id: '{{ vpc_id }}',
      },
      variables: { type: 'object', properties: { vpc_id: { type: 'string', default: VPC } } },
    };
    const { patch } = setNetworkConfiguration.apply(template, { subnets: SUBNETS });
    expect(patch).toEqual([
      {
        op: 'add',
        path: '/variables/properties/network_configuration',
        value: {
          title: 'Network Configuration',
          description:
            'The awsvpcConfiguration RunTask receives: subnets, securityGroups and assignPublicIp. The worker uses it only together with vpc_id.',
          type: 'object',
          additionalProperties: true,
          default: { subnets: SUBNETS, assignPublicIp: 'DISABLED' },
        },
      },
      { op: 'add', path: '/job_configuration/network_configuration', value: '{{ network_configuration }}' },
    ]);
  });

  it('moves a literal configuration into the variables', () => {
    const template = {
      job_configuration: {
        task_definition: { containerDefinitions: [{ name: 'prefect' }] },
        task_run_request: { launchType: 'FARGATE' },
        network_configuration: { subnets: ['subnet-00000000'], assignPublicIp: 'ENABLED' },
        vpc_id: VPC,
      },
      variables: { type: 'object', properties: {} },
    };
    const { notes, patch } = setNetworkConfiguration.apply(template, { subnets: SUBNETS });
    expect(patch).toContainEqual({ op: 'replace', path: '/job_configuration/vpc_id', value: '{{ vpc_id }}' });
    expect(notes).toEqual([
      'Replaced the literal job_configuration.network_configuration with the network_configuration variable, whose default now holds the value.',
      'Replaced the literal job_configuration.vpc_id with the vpc_id variable, whose default now holds the value.',
    ]);
  });

  it('needs at least one subnet', () => {
    expect(() => applyTransform(fargate, 'set-network-configuration', { subnets: [], vpcId: VPC })).toThrow(
      'set-network-configuration needs at least one subnet.',
    );
  });

  it('checks the security group count and format', () => {
    const groups = Array.from({ length: 6 }, (_, index) => `sg-0123456${index}`);
    expect(() =>
      applyTransform(fargate, 'set-network-configuration', { subnets: SUBNETS, vpcId: VPC, securityGroups: groups }),
    ).toThrow('An awsvpc configuration takes at most 5 security groups, but 6 were given.');
    expect(() =>
      applyTransform(fargate, 'set-network-configuration', { subnets: SUBNETS, vpcId: VPC, securityGroups: ['default'] }),
    ).toThrow(/Invalid security group "default"/);
  });

  it('accepts ids kept in Prefect variables', () => {
    const { output } = applyTransform(fargate, 'set-network-configuration', {
      subnets: ['{{ prefect.variables.private_subnet }}'],
      vpcId: '{{ prefect.variables.vpc_id }}',
    });
    const defaults = renderDefaults(JSON.parse(output));
    expect(defaults.jobConfiguration.vpc_id).toMatchObject({ reason: 'prefect-variable' });
  });
});
