import { describe, expect, it } from 'vitest';

import { applyTransform } from '../../src/transforms/api.js';
import { checkStrategy, parseProviderSpec } from '../../src/transforms/capacity-providers.js';
import { useCapacityProviderStrategy } from '../../src/transforms/use-capacity-provider-strategy.js';
import {
  DEFAULT_TEMPLATE_FILES,
  findings,
  jobConfiguration,
  jobVariables,
  jobVariablesFixture,
  properties,
  readFixture,
  renderDefaults,
  runRequest,
  taskDefinition,
} from './helpers.js';

const ASG_PROVIDER = { capacityProvider: 'example-asg-provider', weight: 1, base: 0 };
const SUBNET = 'subnet-0123456789abcdef0';
const VPC = 'vpc-0123456789abcdef0';

describe('use-capacity-provider-strategy with an Auto Scaling group provider', () => {
  const scenarios = [
    jobVariablesFixture('fixtures/job-variables/ec2-capacity-provider.json'),
    jobVariablesFixture('fixtures/job-variables/fargate-spot.json'),
  ];

  for (const file of DEFAULT_TEMPLATE_FILES) {
    describe(file, () => {
      const { output } = applyTransform(readFixture(file), 'use-capacity-provider-strategy', {
        providers: [ASG_PROVIDER],
      });
      const template = JSON.parse(output) as Record<string, unknown>;

      it('templates the strategy and drops the launch type', () => {
        expect(runRequest(template).capacityProviderStrategy).toBe('{{ capacity_provider_strategy }}');
        expect(runRequest(template)).not.toHaveProperty('launchType');
        expect(properties(template).capacity_provider_strategy?.default).toEqual([ASG_PROVIDER]);
        expect(properties(template)).not.toHaveProperty('launch_type');
      });

      it('makes the task definition EC2-compatible', () => {
        expect(taskDefinition(template).requiresCompatibilities).toEqual(['EC2']);
        expect(taskDefinition(template).networkMode).toBe('bridge');
      });

      it('renders the strategy with no launch type', () => {
        const preview = renderDefaults(template);
        expect(preview.runTask.capacityProviderStrategy).toEqual([ASG_PROVIDER]);
        expect(preview.runTask).not.toHaveProperty('launchType');
        expect(preview.registerTaskDefinition?.requiresCompatibilities).toEqual(['EC2']);
        expect(preview.registerTaskDefinition?.cpu).toBeUndefined();
        expect(preview.workerErrors).toEqual([]);
      });

      it('lints without errors in every scenario', () => {
        expect(findings(output, { jobVariables: scenarios })).toEqual([]);
      });

      it('leaves no unused variable and no launch type conflict', () => {
        const warnings = findings(output, {
          rules: ['no-unused-variable', 'no-launch-type-with-capacity-provider-strategy'],
          minimumSeverity: 1,
        });
        expect(warnings).toEqual([]);
      });
    });
  }

  it('the 0.3.1 template gets its own strategy schema', () => {
    const { output } = applyTransform(readFixture(DEFAULT_TEMPLATE_FILES[0] ?? ''), 'use-capacity-provider-strategy', {
      providers: [ASG_PROVIDER],
    });
    const schema = properties(JSON.parse(output) as Record<string, unknown>).capacity_provider_strategy;
    expect(schema?.type).toBe('array');
    expect((schema?.items as Record<string, unknown>).required).toEqual(['capacityProvider', 'weight', 'base']);
  });
});

describe('use-capacity-provider-strategy with Fargate providers', () => {
  const providers = [
    { capacityProvider: 'FARGATE_SPOT', weight: 3, base: 0 },
    { capacityProvider: 'FARGATE', weight: 1, base: 1 },
  ];
  const scenarios = [
    jobVariables('spot-only', {
      capacity_provider_strategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }],
      cpu: 512,
      memory: 1024,
    }),
  ];

  for (const file of DEFAULT_TEMPLATE_FILES) {
    describe(file, () => {
      const { output } = applyTransform(readFixture(file), 'use-capacity-provider-strategy', { providers });
      const template = JSON.parse(output) as Record<string, unknown>;

      it('makes the task definition Fargate-ready', () => {
        expect(taskDefinition(template).requiresCompatibilities).toEqual(['FARGATE']);
        expect(taskDefinition(template).networkMode).toBe('awsvpc');
        expect(properties(template).cpu?.default).toBe(1024);
        expect(properties(template).memory?.default).toBe(2048);
      });

      it('renders a Fargate task definition and the strategy', () => {
        const preview = renderDefaults(template);
        expect(preview.registerTaskDefinition?.cpu).toBe('1024');
        expect(preview.registerTaskDefinition?.memory).toBe('2048');
        expect(preview.registerTaskDefinition?.requiresCompatibilities).toEqual(['FARGATE']);
        expect(preview.runTask.capacityProviderStrategy).toEqual(providers);
        expect(preview.runTask).not.toHaveProperty('launchType');
      });

      it('lints without errors in every scenario', () => {
        expect(findings(output, { jobVariables: scenarios })).toEqual([]);
      });
    });
  }

  it('writes a network configuration with a public IP when asked', () => {
    const { output } = applyTransform(readFixture(DEFAULT_TEMPLATE_FILES[2] ?? ''), 'use-capacity-provider-strategy', {
      providers,
      subnets: [SUBNET],
      vpcId: VPC,
      assignPublicIp: 'ENABLED',
    });
    const template = JSON.parse(output) as Record<string, unknown>;
    expect(properties(template).network_configuration?.default).toEqual({ subnets: [SUBNET], assignPublicIp: 'ENABLED' });
    expect(jobConfiguration(template).network_configuration).toBe('{{ network_configuration }}');
    expect(renderDefaults(template).runTask.networkConfiguration).toEqual({
      awsvpcConfiguration: { subnets: [SUBNET], assignPublicIp: 'ENABLED' },
    });
    expect(findings(output)).toEqual([]);
  });

  it('rejects bridge mode', () => {
    expect(() =>
      applyTransform(readFixture(DEFAULT_TEMPLATE_FILES[2] ?? ''), 'use-capacity-provider-strategy', {
        providers,
        networkMode: 'bridge',
      }),
    ).toThrow('Fargate runs tasks in awsvpc mode only; leave out --network-mode or use awsvpc.');
  });

  it('rejects a log driver Fargate does not offer', () => {
    const template = {
      job_configuration: {
        task_definition: {
          containerDefinitions: [{ name: 'prefect', logConfiguration: { logDriver: 'json-file' } }],
        },
        task_run_request: { launchType: 'EC2' },
      },
      variables: { type: 'object', properties: {} },
    };
    expect(() => useCapacityProviderStrategy.apply(template, { providers })).toThrow(
      'Container "prefect" logs with the json-file driver, which Fargate does not offer. Switch it to awslogs, splunk or awsfirelens before moving the task to Fargate.',
    );
  });

  it('removes settings Fargate rejects', () => {
    const template = {
      job_configuration: {
        task_definition: {
          networkMode: 'bridge',
          ipcMode: 'host',
          containerDefinitions: [{ name: 'prefect', hostname: 'flow' }],
        },
        task_run_request: { launchType: 'EC2', placementStrategy: [{ type: 'binpack', field: 'memory' }] },
      },
      variables: { type: 'object', properties: {} },
    };
    const { patch } = useCapacityProviderStrategy.apply(template, { providers: [providers[0]!] });
    expect(patch).toContainEqual({ op: 'remove', path: '/job_configuration/task_definition/ipcMode' });
    expect(patch).toContainEqual({ op: 'remove', path: '/job_configuration/task_definition/containerDefinitions/0/hostname' });
    expect(patch).toContainEqual({ op: 'remove', path: '/job_configuration/task_run_request/placementStrategy' });
    expect(patch).toContainEqual({ op: 'replace', path: '/job_configuration/task_definition/networkMode', value: 'awsvpc' });
    expect(patch).toContainEqual({ op: 'add', path: '/job_configuration/task_definition/cpu', value: '1024' });
    expect(patch).toContainEqual({ op: 'add', path: '/job_configuration/task_definition/memory', value: '2048' });
  });
});

describe('use-capacity-provider-strategy documents and options', () => {
  it('rejects a push work pool', () => {
    expect(() =>
      applyTransform(readFixture('fixtures/work-pools/ecs-push-pool.json'), 'use-capacity-provider-strategy', {
        providers: [ASG_PROVIDER],
      }),
    ).toThrow(/This is an ecs:push work pool/);
  });

  it('changes a hybrid work pool under base_job_template', () => {
    const { patch, output } = applyTransform(
      readFixture('fixtures/work-pools/ecs-hybrid-pool.json'),
      'use-capacity-provider-strategy',
      { providers: [ASG_PROVIDER] },
    );
    expect(patch.every((operation) => operation.path.startsWith('/base_job_template/'))).toBe(true);
    expect(findings(output)).toEqual([]);
  });

  it('replaces a literal strategy with the variable', () => {
    const template = {
      job_configuration: {
        task_definition: { containerDefinitions: [{ name: 'prefect' }] },
        task_run_request: { capacityProviderStrategy: [{ capacityProvider: 'old', weight: 1, base: 0 }] },
      },
      variables: { type: 'object', properties: {} },
    };
    const { notes } = useCapacityProviderStrategy.apply(template, { providers: [ASG_PROVIDER] });
    expect(notes).toContain(
      'Replaced task_run_request.capacityProviderStrategy [{"capacityProvider":"old","weight":1,"base":0}] with {{ capacity_provider_strategy }}.',
    );
  });

  it('parses provider specs', () => {
    expect(parseProviderSpec('asg')).toEqual({ capacityProvider: 'asg', weight: 1, base: 0 });
    expect(parseProviderSpec('asg:5')).toEqual({ capacityProvider: 'asg', weight: 5, base: 0 });
    expect(parseProviderSpec('asg:0:2')).toEqual({ capacityProvider: 'asg', weight: 0, base: 2 });
  });

  it('rejects malformed provider specs', () => {
    expect(() => parseProviderSpec('asg:x')).toThrow('Invalid weight "x" in capacity provider "asg:x": give a whole number.');
    expect(() => parseProviderSpec('a:1:2:3')).toThrow(
      'Invalid capacity provider "a:1:2:3": write it as NAME, NAME:WEIGHT or NAME:WEIGHT:BASE.',
    );
    expect(() => parseProviderSpec(':1')).toThrow(/write it as NAME/);
  });

  it('checks the strategy limits', () => {
    const item = (capacityProvider: string, weight = 1, base = 0) => ({ capacityProvider, weight, base });
    expect(checkStrategy([item('asg')])).toBe('auto-scaling-group');
    expect(checkStrategy([item('FARGATE'), item('FARGATE_SPOT')])).toBe('fargate');
    expect(() => checkStrategy([])).toThrow(/at least one capacity provider/);
    expect(() => checkStrategy([item('FARGATE'), item('asg')])).toThrow(/cannot mix FARGATE or FARGATE_SPOT/);
    expect(() => checkStrategy([item('asg'), item('asg')])).toThrow('Capacity provider "asg" is listed twice; give each provider once.');
    expect(() => checkStrategy([item('a', 1, 1), item('b', 1, 2)])).toThrow(/Only one capacity provider/);
    expect(() => checkStrategy([item('a', 0)])).toThrow(/needs a weight above 0/);
    expect(() => checkStrategy([item('a', 1001)])).toThrow(
      'Invalid weight 1001 for capacity provider "a": use a whole number from 0 to 1000.',
    );
    expect(() => checkStrategy([item('a', 1, 100001)])).toThrow(/use a whole number from 0 to 100000/);
    expect(() => checkStrategy([item('ecs-provider')])).toThrow(/Invalid capacity provider name "ecs-provider"/);
    expect(() => checkStrategy(Array.from({ length: 21 }, (_, index) => item(`p${index}`)))).toThrow(/at most 20 providers/);
  });
});
