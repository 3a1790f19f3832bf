import { describe, expect, it } from 'vitest';

import { applyTransform } from '../../src/transforms/api.js';
import { TransformError } from '../../src/transforms/types.js';
import { useEc2LaunchType } from '../../src/transforms/use-ec2-launch-type.js';
import {
  DEFAULT_TEMPLATE_FILES,
  findings,
  jobConfiguration,
  jobVariablesFixture,
  parseFixture,
  properties,
  readFixture,
  renderDefaults,
  runRequest,
  taskDefinition,
} from './helpers.js';

const SUBNET = 'subnet-0123456789abcdef0';
const SECURITY_GROUP = 'sg-0123456789abcdef0';
const VPC = 'vpc-0123456789abcdef0';

const SCENARIOS = [
  jobVariablesFixture('fixtures/job-variables/ec2-capacity-provider.json'),
  jobVariablesFixture('fixtures/job-variables/fargate-spot.json'),
];

describe('use-ec2-launch-type on the Prefect default templates', () => {
  for (const file of DEFAULT_TEMPLATE_FILES) {
    describe(file, () => {
      const { output, notes } = applyTransform(readFixture(file), 'use-ec2-launch-type', {});
      const template = JSON.parse(output) as Record<string, unknown>;

      it('sends launch type EC2 without a strategy', () => {
        expect(runRequest(template).launchType).toBe('EC2');
        expect(runRequest(template)).not.toHaveProperty('capacityProviderStrategy');
        expect(properties(template)).not.toHaveProperty('launch_type');
        expect(properties(template)).not.toHaveProperty('capacity_provider_strategy');
      });

      it('registers an EC2-only bridge task definition', () => {
        expect(taskDefinition(template).requiresCompatibilities).toEqual(['EC2']);
        expect(taskDefinition(template).networkMode).toBe('bridge');
        expect(jobConfiguration(template)).not.toHaveProperty('network_configuration');
        expect(jobConfiguration(template)).not.toHaveProperty('vpc_id');
        expect(properties(template)).not.toHaveProperty('vpc_id');
      });

      it('renders the EC2 requests', () => {
        const preview = renderDefaults(template);
        expect(preview.runTask.launchType).toBe('EC2');
        expect(preview.runTask).not.toHaveProperty('networkConfiguration');
        expect(preview.runTask).not.toHaveProperty('capacityProviderStrategy');
        expect(preview.registerTaskDefinition?.requiresCompatibilities).toEqual(['EC2']);
        expect(preview.registerTaskDefinition?.networkMode).toBe('bridge');
        expect(preview.workerErrors).toEqual([]);
      });

      it('lints without errors in every scenario', () => {
        expect(findings(output, { jobVariables: SCENARIOS })).toEqual([]);
      });

      it('leaves no unused or undeclared variable', () => {
        const warnings = findings(output, {
          rules: ['no-unused-variable', 'no-undeclared-placeholder', 'no-launch-type-with-capacity-provider-strategy'],
          minimumSeverity: 1,
        });
        expect(warnings).toEqual([]);
      });

      it('explains the removed launch type variable', () => {
        expect(notes[0]).toBe(
          'Replaced {{ launch_type }} in task_run_request.launchType with "EC2" and removed the "launch_type" variable: the task definition now registers for EC2 only.',
        );
      });
    });
  }
});

describe('use-ec2-launch-type with awsvpc', () => {
  const text = readFixture('fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json');
  const options = { subnets: [SUBNET], securityGroups: [SECURITY_GROUP], vpcId: VPC };
  const { output } = applyTransform(text, 'use-ec2-launch-type', options);
  const template = JSON.parse(output) as Record<string, unknown>;

  it('writes the network defaults without a public IP', () => {
    expect(properties(template).network_configuration?.default).toEqual({
      subnets: [SUBNET],
      securityGroups: [SECURITY_GROUP],
      assignPublicIp: 'DISABLED',
    });
    expect(properties(template).vpc_id?.default).toBe(VPC);
    expect(taskDefinition(template).networkMode).toBe('awsvpc');
  });

  it('renders the awsvpc configuration into RunTask', () => {
    expect(renderDefaults(template).runTask.networkConfiguration).toEqual({
      awsvpcConfiguration: { subnets: [SUBNET], securityGroups: [SECURITY_GROUP], assignPublicIp: 'DISABLED' },
    });
  });

  it('lints without errors', () => {
    expect(findings(output, { jobVariables: SCENARIOS })).toEqual([]);
  });

  it('rejects a public IP', () => {
    expect(() =>
      applyTransform(text, 'use-ec2-launch-type', { ...options, assignPublicIp: 'ENABLED' } as never),
    ).toThrow(/assignPublicIp ENABLED is for Fargate only/);
  });

  it('needs subnets for awsvpc', () => {
    expect(() => applyTransform(text, 'use-ec2-launch-type', { networkMode: 'awsvpc' })).toThrow(
      'awsvpc mode needs subnets and the template has none: give --subnet ID once per subnet.',
    );
  });

  it('needs a VPC for the network configuration', () => {
    expect(() => applyTransform(text, 'use-ec2-launch-type', { subnets: [SUBNET] })).toThrow(
      'The worker uses network_configuration only together with a vpc_id, and the template has none: give --vpc ID.',
    );
  });

  it('rejects subnets with bridge mode', () => {
    expect(() => applyTransform(text, 'use-ec2-launch-type', { networkMode: 'bridge', subnets: [SUBNET] })).toThrow(
      /apply to awsvpc mode only/,
    );
  });

  it('rejects a malformed subnet id', () => {
    expect(() => applyTransform(text, 'use-ec2-launch-type', { subnets: ['subnet-xyz'], vpcId: VPC })).toThrow(
      'Invalid subnet "subnet-xyz": give a subnet id such as subnet-0123456789abcdef0, or a {{ prefect.variables.NAME }} reference.',
    );
  });
});

describe('use-ec2-launch-type on a user template', () => {
  const file = 'fixtures/real-templates/users/04-isai-ecs-push-base-job-template.json';
  const text = readFixture(file);

  it('keeps the template subnets and turns off the public IP', () => {
    const { output, notes } = applyTransform(text, 'use-ec2-launch-type', { networkMode: 'awsvpc' });
    const template = JSON.parse(output) as Record<string, unknown>;
    const original = parseFixture(file);
    const originalDefault = properties(original).network_configuration?.default as Record<string, unknown>;
    expect(properties(template).network_configuration?.default).toEqual({
      ...originalDefault,
      assignPublicIp: 'DISABLED',
    });
    expect(notes).toContain('Changed assignPublicIp from ENABLED to DISABLED: EC2 tasks cannot get a public IP.');
  });

  it('lints without errors with the deployments of that pool', () => {
    const { output } = applyTransform(text, 'use-ec2-launch-type', { networkMode: 'awsvpc' });
    const deployments = [
      'business-processing-deployment',
      'enrichment-deployment',
      'website-enrichment-deployment',
    ].map((name) => jobVariablesFixture(`fixtures/job-variables/isai/${name}.json`));
    expect(findings(output, { jobVariables: deployments })).toEqual([]);
  });

  it('changes only the lines it needs to', () => {
    const { output } = applyTransform(text, 'use-ec2-launch-type', { networkMode: 'awsvpc' });
    const before = text.split('\n');
    const after = output.split('\n');
    const kept = before.filter((line) => after.includes(line));
    expect(before.length - kept.length).toBeLessThanOrEqual(30);
    expect(after[0]).toBe(before[0]);
  });
});

describe('use-ec2-launch-type edge cases', () => {
  it('works on a work pool document', () => {
    const text = readFixture('fixtures/work-pools/ecs-hybrid-pool.json');
    const { patch, output } = applyTransform(text, 'use-ec2-launch-type', {});
    expect(patch.every((operation) => operation.path.startsWith('/base_job_template/'))).toBe(true);
    const pool = JSON.parse(output) as { base_job_template: Record<string, unknown> };
    expect(runRequest(pool.base_job_template).launchType).toBe('EC2');
    expect(findings(output)).toEqual([]);
  });

  it('removes a platform version and a literal network configuration', () => {
    const template = {
      job_configuration: {
        task_definition: { containerDefinitions: [{ name: 'prefect', image: 'prefecthq/prefect:3-latest' }] },
        task_run_request: {
          launchType: 'FARGATE',
          platformVersion: 'LATEST',
          networkConfiguration: { awsvpcConfiguration: { subnets: [SUBNET], assignPublicIp: 'ENABLED' } },
        },
      },
      variables: { type: 'object', properties: {} },
    };
    const { patch, notes } = useEc2LaunchType.apply(template, {});
    expect(patch).toEqual([
      { op: 'remove', path: '/job_configuration/task_run_request/networkConfiguration' },
      { op: 'remove', path: '/job_configuration/task_run_request/platformVersion' },
      { op: 'replace', path: '/job_configuration/task_run_request/launchType', value: 'EC2' },
      { op: 'add', path: '/job_configuration/task_definition/requiresCompatibilities', value: ['EC2'] },
      { op: 'add', path: '/job_configuration/task_definition/networkMode', value: 'bridge' },
    ]);
    expect(notes).toEqual([
      'Changed task_run_request.launchType from "FARGATE" to "EC2".',
      'Removed task_run_request.platformVersion: AWS accepts a platform version only for Fargate.',
      'Removed task_run_request.networkConfiguration: RunTask rejects a network configuration in bridge mode.',
    ]);
  });

  it('rejects a document without job_configuration', () => {
    const error = catchError(() => useEc2LaunchType.apply({ variables: { properties: {} } }, {}));
    expect(error).toBeInstanceOf(TransformError);
    expect((error as TransformError).code).toBe('invalid-document');
  });

  it('rejects a task run request templated as a whole', () => {
    const template = {
      job_configuration: { task_run_request: '{{ task_run_request }}' },
      variables: { type: 'object', properties: { task_run_request: { type: 'object' } } },
    };
    const error = catchError(() => useEc2LaunchType.apply(template, {}));
    expect((error as TransformError).code).toBe('unsupported-template');
    expect((error as Error).message).toBe(
      'job_configuration.task_run_request is the placeholder {{ task_run_request }}, so this transform cannot edit it. Write the task_run_request object into job_configuration, or change the default of "task_run_request" by hand.',
    );
  });
});

function catchError(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('Expected an error.');
}
