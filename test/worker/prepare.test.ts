import { describe, expect, it } from 'vitest';

import { UnknownValue } from '../../src/render/unknown.js';
import { workerFeatures, type WorkerFeatures } from '../../src/worker/features.js';
import { InferredValue, isInferred } from '../../src/worker/inferred.js';
import {
  prepareRequests,
  splitShellWords,
  type PreparedRequests,
} from '../../src/worker/prepare.js';

type Json = Record<string, unknown>;

function features(version: string | 'push'): WorkerFeatures {
  return workerFeatures(version === 'push' ? { kind: 'push' } : { kind: 'hybrid', prefectAws: version });
}

/** Builds a rendered configuration, with one empty container by default. */
function configuration(runRequest: Json = {}, taskDefinition: Json = { containerDefinitions: [{}] }, rest: Json = {}): Json {
  return { task_definition: taskDefinition, task_run_request: runRequest, ...rest };
}

function prepare(config: Json, version: string | 'push' = '0.7.11'): PreparedRequests {
  return prepareRequests(config, features(version));
}

function codes(prepared: PreparedRequests): string[] {
  return prepared.workerErrors.map((error) => error.code);
}

const strategy = [{ capacityProvider: 'example-provider', weight: 1, base: 0 }];

describe('launch type in the RunTask request', () => {
  it.each([
    ['keeps FARGATE', { launchType: 'FARGATE' }, '0.7.11', 'FARGATE'],
    ['keeps EC2', { launchType: 'EC2' }, '0.7.11', 'EC2'],
    ['keeps EXTERNAL', { launchType: 'EXTERNAL' }, '0.7.11', 'EXTERNAL'],
    ['defaults a missing launch type to FARGATE', {}, '0.7.11', 'FARGATE'],
    ['defaults an empty launch type to FARGATE', { launchType: '' }, '0.7.11', 'FARGATE'],
    ['defaults a null launch type to FARGATE', { launchType: null }, '0.7.11', 'FARGATE'],
    ['leaves a missing launch type before 0.7.1', {}, '0.7.0', undefined],
    ['leaves a missing launch type on old workers', {}, '0.3.1', undefined],
    ['defaults a missing launch type on push pools', {}, 'push', 'FARGATE'],
  ])('%s', (_name, runRequest, version, expected) => {
    expect(prepare(configuration(runRequest), version).runTaskRequest.launchType).toBe(expected);
  });

  it('turns FARGATE_SPOT into a capacity provider strategy', () => {
    const request = prepare(configuration({ launchType: 'FARGATE_SPOT' })).runTaskRequest;
    expect('launchType' in request).toBe(false);
    expect(request.capacityProviderStrategy).toEqual([{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]);
  });

  it('prepares the task definition for Fargate with FARGATE_SPOT', () => {
    const prepared = prepare(configuration({ launchType: 'FARGATE_SPOT' }));
    expect(prepared.taskDefinition?.requiresCompatibilities).toEqual(['FARGATE']);
    expect(prepared.renderedLaunchType).toBe('FARGATE_SPOT');
  });

  it.each([
    ['drops the launch type with a strategy from 0.4.14', '0.4.14', false],
    ['drops the launch type with a strategy on 0.7.11', '0.7.11', false],
    ['keeps the launch type with a strategy before 0.4.14', '0.4.13', true],
    ['keeps the launch type with a strategy on a push pool', 'push', true],
  ])('%s', (_name, version, kept) => {
    const request = prepare(configuration({ launchType: 'FARGATE', capacityProviderStrategy: strategy }), version)
      .runTaskRequest;
    expect('launchType' in request).toBe(kept);
    expect(request.capacityProviderStrategy).toEqual(strategy);
  });

  it('keeps a given strategy with FARGATE_SPOT on a worker that drops the launch type', () => {
    const request = prepare(configuration({ launchType: 'FARGATE_SPOT', capacityProviderStrategy: strategy }))
      .runTaskRequest;
    expect(request.capacityProviderStrategy).toEqual(strategy);
    expect('launchType' in request).toBe(false);
  });

  it.each([
    ['adds no launch type next to a strategy from 0.6.0', '0.6.0', false],
    ['adds then drops FARGATE next to a strategy before 0.6.0', '0.5.13', false],
    ['adds FARGATE next to a strategy on a push pool', 'push', true],
  ])('%s', (_name, version, present) => {
    const request = prepare(configuration({ capacityProviderStrategy: strategy }), version).runTaskRequest;
    expect('launchType' in request).toBe(present);
  });

  it.each([
    ['omits the launch type for EC2 compatibility from 0.7.2', '0.7.2', undefined, []],
    ['sends FARGATE for EC2 compatibility before 0.7.2', '0.7.1', 'FARGATE', ['requires-compatibilities-missing-fargate']],
  ])('%s', (_name, version, launchType, errors) => {
    const prepared = prepare(
      configuration({}, { containerDefinitions: [{}], requiresCompatibilities: ['EC2'] }),
      version,
    );
    expect(prepared.runTaskRequest.launchType).toBe(launchType);
    expect(codes(prepared)).toEqual(errors);
  });
});

describe('Fargate task definition preparation', () => {
  it('prepares the rendered stock template', () => {
    const prepared = prepare(configuration({ launchType: 'FARGATE', overrides: { containerOverrides: [{}] } }));
    const taskDefinition = prepared.taskDefinition!;
    expect(taskDefinition.cpu).toBe('1024');
    expect(taskDefinition.memory).toBe('2048');
    expect(taskDefinition.requiresCompatibilities).toEqual(['FARGATE']);
    expect(taskDefinition.networkMode).toBe('awsvpc');
    expect(isInferred(taskDefinition.family)).toBe(true);
    const containers = taskDefinition.containerDefinitions as Json[];
    expect(containers).toHaveLength(1);
    expect(containers[0]?.name).toBe('prefect');
    expect(isInferred(containers[0]?.image)).toBe(true);
    expect(containers[0]?.cpu).toBeUndefined();
    expect(prepared.containerName).toBe('prefect');
    expect(prepared.usesExistingTaskDefinition).toBe(false);
    expect(prepared.workerErrors).toEqual([]);
  });

  it.each([
    ['integers become strings', { cpu: 512, memory: 1024 }, '512', '1024'],
    ['strings stay strings', { cpu: '256', memory: '512' }, '256', '512'],
    ['missing values get 1024 and 2048', {}, '1024', '2048'],
    ['zero gets the default', { cpu: 0, memory: 0 }, '1024', '2048'],
  ])('task size: %s', (_name, size, cpu, memory) => {
    const taskDefinition = prepare(configuration({ launchType: 'FARGATE' }, { containerDefinitions: [{}], ...size }))
      .taskDefinition!;
    expect(taskDefinition.cpu).toBe(cpu);
    expect(taskDefinition.memory).toBe(memory);
  });

  it('appends FARGATE to an existing compatibility list', () => {
    const taskDefinition = prepare(
      configuration({ launchType: 'FARGATE' }, { containerDefinitions: [{}], requiresCompatibilities: ['EC2'] }),
    ).taskDefinition!;
    expect(taskDefinition.requiresCompatibilities).toEqual(['EC2', 'FARGATE']);
  });

  it('does not repeat FARGATE', () => {
    const taskDefinition = prepare(
      configuration({ launchType: 'FARGATE' }, { containerDefinitions: [{}], requiresCompatibilities: ['FARGATE'] }),
    ).taskDefinition!;
    expect(taskDefinition.requiresCompatibilities).toEqual(['FARGATE']);
  });

  it('keeps a network mode the template sets', () => {
    const prepared = prepare(
      configuration({ launchType: 'FARGATE' }, { containerDefinitions: [{}], networkMode: 'bridge' }),
    );
    expect(prepared.taskDefinition?.networkMode).toBe('bridge');
    expect(prepared.workerErrors).toEqual([
      {
        code: 'network-mode-incompatible',
        message:
          "Found network mode 'bridge' which is not compatible with launch type 'FARGATE'. Use either the 'EC2' launch type or the 'awsvpc' network mode.",
      },
    ]);
  });

  it('prepares a missing launch type as Fargate before 0.6.0', () => {
    const taskDefinition = prepare(configuration({}), '0.5.13').taskDefinition!;
    expect(taskDefinition.cpu).toBe('1024');
    expect(taskDefinition.requiresCompatibilities).toEqual(['FARGATE']);
    expect(taskDefinition.networkMode).toBe('awsvpc');
  });

  it('prepares a missing launch type as non-Fargate from 0.6.0', () => {
    const prepared = prepare(configuration({}), '0.6.0');
    const taskDefinition = prepared.taskDefinition!;
    expect(taskDefinition.cpu).toBeUndefined();
    expect(taskDefinition.requiresCompatibilities).toBeUndefined();
    expect(taskDefinition.networkMode).toBeUndefined();
    const container = (taskDefinition.containerDefinitions as Json[])[0];
    expect(container?.cpu).toBe(1024);
    expect(container?.memory).toBe(2048);
    // Before 0.7.1 the run request gets no launch type either, so the
    // cluster's default capacity provider strategy applies.
    expect(prepared.runTaskRequest.launchType).toBeUndefined();
  });

  it('leaves the rendered configuration unchanged', () => {
    const config = configuration({ launchType: 'FARGATE', overrides: { containerOverrides: [{}] } });
    const copy = structuredClone(config);
    prepare(config);
    expect(config).toEqual(copy);
  });
});

describe('EC2 task definition preparation', () => {
  it('sets container-level integers', () => {
    const taskDefinition = prepare(configuration({ launchType: 'EC2' })).taskDefinition!;
    const container = (taskDefinition.containerDefinitions as Json[])[0];
    expect(container?.cpu).toBe(1024);
    expect(container?.memory).toBe(2048);
    expect(taskDefinition.cpu).toBeUndefined();
    expect(taskDefinition.memory).toBeUndefined();
    expect(taskDefinition.requiresCompatibilities).toBeUndefined();
    expect(taskDefinition.networkMode).toBeUndefined();
  });

  it('takes the container size from the task size and casts the task size to strings', () => {
    const taskDefinition = prepare(
      configuration({ launchType: 'EC2' }, { containerDefinitions: [{}], cpu: 512, memory: '1024' }),
    ).taskDefinition!;
    const container = (taskDefinition.containerDefinitions as Json[])[0];
    expect(container?.cpu).toBe(512);
    expect(container?.memory).toBe(1024);
    expect(taskDefinition.cpu).toBe('512');
    expect(taskDefinition.memory).toBe('1024');
  });

  it('keeps a container size the template sets', () => {
    const taskDefinition = prepare(
      configuration({ launchType: 'EC2' }, { containerDefinitions: [{ name: 'prefect', cpu: 256, memory: 300 }] }),
    ).taskDefinition!;
    expect((taskDefinition.containerDefinitions as Json[])[0]).toMatchObject({ cpu: 256, memory: 300 });
  });

  it('accepts an EC2-only definition for EC2', () => {
    const prepared = prepare(
      configuration({ launchType: 'EC2' }, { containerDefinitions: [{}], requiresCompatibilities: ['EC2'] }),
    );
    expect(prepared.workerErrors).toEqual([]);
  });

  it('rejects an EC2-only definition for EXTERNAL', () => {
    const prepared = prepare(
      configuration({ launchType: 'EXTERNAL' }, { containerDefinitions: [{}], requiresCompatibilities: ['EC2'] }),
    );
    expect(prepared.workerErrors).toEqual([
      {
        code: 'requires-compatibilities-missing-fargate',
        message:
          "Task definition does not have 'FARGATE' in 'requiresCompatibilities' and cannot be used with launch type 'EXTERNAL'",
      },
    ]);
  });
});

describe('cluster in the RunTask request', () => {
  it.each([
    ['fills a missing cluster from 0.7.1', {}, '0.7.1', 'c'],
    ['fills an empty cluster from 0.7.1', { cluster: '' }, '0.7.1', 'c'],
    ['keeps a rendered cluster', { cluster: 'rendered' }, '0.7.11', 'rendered'],
    ['does not fill it before 0.7.1', {}, '0.7.0', undefined],
    ['does not fill it on a push pool', {}, 'push', undefined],
  ])('%s', (_name, runRequest, version, expected) => {
    const request = prepare(configuration({ launchType: 'FARGATE', ...runRequest }, undefined, { cluster: 'c' }), version)
      .runTaskRequest;
    expect(request.cluster).toBe(expected);
  });
});

describe('network configuration', () => {
  it('infers subnets of the default VPC with a public IP', () => {
    const prepared = prepare(configuration({ launchType: 'FARGATE' }));
    expect(prepared.inferredNetworkConfiguration).toBe(true);
    const network = prepared.runTaskRequest.networkConfiguration as { awsvpcConfiguration: Json };
    expect(network.awsvpcConfiguration.assignPublicIp).toBe('ENABLED');
    expect(network.awsvpcConfiguration.securityGroups).toEqual([]);
    expect(network.awsvpcConfiguration.subnets).toEqual(new InferredValue('every subnet of the default VPC'));
  });

  it('infers subnets of a given VPC', () => {
    const prepared = prepare(configuration({ launchType: 'FARGATE' }, undefined, { vpc_id: 'vpc-0abc' }));
    const network = prepared.runTaskRequest.networkConfiguration as { awsvpcConfiguration: Json };
    expect(network.awsvpcConfiguration.subnets).toEqual(new InferredValue('every subnet of VPC vpc-0abc'));
  });

  it('infers a public IP for an EC2 task in awsvpc mode', () => {
    const prepared = prepare(
      configuration({ launchType: 'EC2' }, { containerDefinitions: [{}], networkMode: 'awsvpc' }),
    );
    expect(prepared.inferredNetworkConfiguration).toBe(true);
    const network = prepared.runTaskRequest.networkConfiguration as { awsvpcConfiguration: Json };
    expect(network.awsvpcConfiguration.assignPublicIp).toBe('ENABLED');
  });

  it('wraps a custom network configuration with a VPC', () => {
    const custom = { subnets: ['subnet-1'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' };
    const prepared = prepare(
      configuration(
        { launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: ['literal'] } } },
        undefined,
        { vpc_id: 'vpc-1', network_configuration: custom },
      ),
    );
    expect(prepared.inferredNetworkConfiguration).toBe(false);
    expect(prepared.runTaskRequest.networkConfiguration).toEqual({ awsvpcConfiguration: custom });
  });

  it('keeps a network configuration written in the template', () => {
    const literal = { awsvpcConfiguration: { subnets: ['subnet-literal'] } };
    const prepared = prepare(configuration({ launchType: 'FARGATE', networkConfiguration: literal }));
    expect(prepared.inferredNetworkConfiguration).toBe(false);
    expect(prepared.runTaskRequest.networkConfiguration).toEqual(literal);
  });

  it('adds nothing outside awsvpc mode', () => {
    const prepared = prepare(configuration({ launchType: 'EC2' }));
    expect(prepared.inferredNetworkConfiguration).toBe(false);
    expect('networkConfiguration' in prepared.runTaskRequest).toBe(false);
  });
});

describe('orchestration container', () => {
  it.each([
    ['names an unnamed container prefect', [{}], undefined, 'prefect', ['prefect']],
    ['uses a container named prefect', [{ name: 'sidecar' }, { name: 'prefect' }], undefined, 'prefect', ['sidecar', 'prefect']],
    ['infers the first container name', [{ name: 'app' }, { name: 'sidecar' }], undefined, 'app', ['app', 'sidecar']],
    ['uses container_name', [{ name: 'sidecar' }, { name: 'app' }], 'app', 'app', ['sidecar', 'app']],
    ['names the first unnamed container for prefect', [{ image: 'x' }, { name: 'side' }], 'prefect', 'prefect', ['prefect', 'side']],
    ['appends prefect when all containers have other names', [{ name: 'side' }], 'prefect', 'prefect', ['side', 'prefect']],
  ])('%s', (_name, containers, containerName, expected, names) => {
    const rest = containerName === undefined ? {} : { container_name: containerName };
    const prepared = prepare(configuration({ launchType: 'FARGATE' }, { containerDefinitions: containers }, rest));
    expect(prepared.containerName).toBe(expected);
    expect((prepared.taskDefinition?.containerDefinitions as Json[]).map((c) => c.name)).toEqual(names);
    expect(prepared.workerErrors).toEqual([]);
  });

  it('reports a container name that is not in the task definition', () => {
    const prepared = prepare(
      configuration({ launchType: 'FARGATE' }, { containerDefinitions: [{ name: 'app' }] }, { container_name: 'web' }),
    );
    expect(prepared.workerErrors).toEqual([
      { code: 'container-not-found', message: "Container 'web' not found in task definition." },
    ]);
  });

  it('gives the image only to the orchestration container', () => {
    const containers = prepare(
      configuration({ launchType: 'FARGATE' }, { containerDefinitions: [{ name: 'prefect' }, { name: 'side' }] }),
    ).taskDefinition?.containerDefinitions as Json[];
    expect(isInferred(containers[0]?.image)).toBe(true);
    expect(containers[1]?.image).toBeUndefined();
  });

  it('drops empty container definitions', () => {
    const containers = prepare(
      configuration({ launchType: 'FARGATE' }, { containerDefinitions: [{}, { name: 'app', image: 'img' }] }),
    ).taskDefinition?.containerDefinitions as Json[];
    expect(containers).toEqual([{ name: 'app', image: 'img' }]);
  });
});

describe('secrets', () => {
  const container = {
    name: 'prefect',
    secrets: [
      { name: 'DB_PASSWORD', valueFrom: 'arn:db' },
      { name: 'PREFECT_API_KEY', valueFrom: 'arn:old' },
    ],
    environment: [
      { name: 'PREFECT_API_KEY', value: 'plain' },
      { name: 'KEEP', value: 'x' },
      { name: 'DROPPED', value: null },
    ],
  };
  const rest = { prefect_api_key_secret_arn: 'arn:key', prefect_api_auth_string_secret_arn: 'arn:auth' };

  function secretsFor(version: string): Json {
    const prepared = prepare(configuration({ launchType: 'FARGATE' }, { containerDefinitions: [container] }, rest), version);
    return (prepared.taskDefinition?.containerDefinitions as Json[])[0]!;
  }

  it('merges Prefect secrets into the template secrets from 0.7.11', () => {
    const prepared = secretsFor('0.7.11');
    expect(prepared.secrets).toEqual([
      { name: 'DB_PASSWORD', valueFrom: 'arn:db' },
      { name: 'PREFECT_API_KEY', valueFrom: 'arn:key' },
      { name: 'PREFECT_API_AUTH_STRING', valueFrom: 'arn:auth' },
    ]);
  });

  it('replaces the template secrets before 0.7.11', () => {
    expect(secretsFor('0.7.10').secrets).toEqual([
      { name: 'PREFECT_API_KEY', valueFrom: 'arn:key' },
      { name: 'PREFECT_API_AUTH_STRING', valueFrom: 'arn:auth' },
    ]);
  });

  it('removes plain environment entries of the same name and null values', () => {
    expect(secretsFor('0.7.11').environment).toEqual([{ name: 'KEEP', value: 'x' }]);
  });

  it('leaves template secrets alone without Prefect secret ARNs', () => {
    const prepared = prepare(configuration({ launchType: 'FARGATE' }, { containerDefinitions: [container] }));
    const secrets = (prepared.taskDefinition?.containerDefinitions as Json[])[0]?.secrets;
    expect(secrets).toEqual(container.secrets);
  });
});

describe('empty value cleanup', () => {
  const taskDefinition = {
    containerDefinitions: [
      { name: 'prefect', essential: false, readonlyRootFilesystem: false, blank: '', none: null, list: [], object: {} },
      { name: 'side', essential: true },
    ],
    placementConstraints: [],
    tags: null,
  };

  it('removes null, empty strings, arrays and objects but keeps false from 0.7.4', () => {
    const prepared = prepare(configuration({ launchType: 'FARGATE' }, taskDefinition), '0.7.4');
    const [first] = prepared.taskDefinition?.containerDefinitions as Json[];
    expect(first).toMatchObject({ essential: false, readonlyRootFilesystem: false });
    for (const key of ['blank', 'none', 'list', 'object']) {
      expect(key in first!, key).toBe(false);
    }
    expect('placementConstraints' in prepared.taskDefinition!).toBe(false);
    expect('tags' in prepared.taskDefinition!).toBe(false);
  });

  it('removes false values before 0.7.4', () => {
    const prepared = prepare(configuration({ launchType: 'FARGATE' }, taskDefinition), '0.7.3');
    const [first] = prepared.taskDefinition?.containerDefinitions as Json[];
    expect('essential' in first!).toBe(false);
    expect('readonlyRootFilesystem' in first!).toBe(false);
  });
});

describe('worker validation messages', () => {
  it.each([
    [
      'missing task definition',
      { task_definition: {}, task_run_request: {} },
      'missing-task-definition',
      'A task definition must be provided if a task definition ARN is not present on the task run request.',
    ],
    [
      'CloudWatch logs without an execution role',
      configuration({ launchType: 'FARGATE' }, undefined, { configure_cloudwatch_logs: true }),
      'cloudwatch-needs-execution-role-arn',
      'An `execution_role_arn` must be provided to use `configure_cloudwatch_logs` or `stream_logs`.',
    ],
    [
      'CloudWatch options without the flag',
      configuration({ launchType: 'FARGATE' }, undefined, { cloudwatch_logs_options: { 'awslogs-group': 'g' } }),
      'cloudwatch-options-need-flag',
      '`configure_cloudwatch_log` must be enabled to use `cloudwatch_logs_options`.',
    ],
    [
      'a network configuration without a VPC',
      configuration({ launchType: 'FARGATE' }, undefined, { network_configuration: { subnets: ['s'] } }),
      'network-configuration-needs-vpc-id',
      'You must provide a `vpc_id` to enable custom `network_configuration`.',
    ],
    [
      'an empty task definition ARN',
      configuration({ launchType: 'FARGATE', taskDefinition: '' }),
      'task-definition-arn-mismatch',
      "Task definition ARN mismatch: '' != '<registered task definition ARN>'",
    ],
    [
      'a null task definition ARN',
      configuration({ launchType: 'FARGATE', taskDefinition: null }),
      'task-definition-arn-mismatch',
      "Task definition ARN mismatch: 'None' != '<registered task definition ARN>'",
    ],
  ])('reports %s', (_name, config, code, message) => {
    const prepared = prepare(config);
    expect(prepared.workerErrors).toContainEqual({ code, message });
  });

  it('reports a role missing from the task definition with CloudWatch logs', () => {
    const prepared = prepare(
      configuration({ launchType: 'FARGATE' }, undefined, {
        configure_cloudwatch_logs: true,
        execution_role_arn: 'arn:aws:iam::123456789012:role/example',
      }),
    );
    expect(codes(prepared)).toEqual(['task-definition-execution-role-missing']);
    expect(prepared.workerErrors[0]?.message).toBe(
      'An execution role arn must be set on the task definition to use `configure_cloudwatch_logs` or `stream_logs` but no execution role was found on the task definition.',
    );
  });

  it('accepts CloudWatch logs with a role on the task definition', () => {
    const prepared = prepare(
      configuration(
        { launchType: 'FARGATE' },
        { containerDefinitions: [{}], executionRoleArn: 'arn:aws:iam::123456789012:role/example' },
        { configure_cloudwatch_logs: true },
      ),
    );
    expect(prepared.workerErrors).toEqual([]);
    const container = (prepared.taskDefinition?.containerDefinitions as Json[])[0];
    const logConfiguration = container?.logConfiguration as { logDriver: string; options: Json };
    expect(logConfiguration.logDriver).toBe('awslogs');
    expect(logConfiguration.options['awslogs-group']).toBe('prefect');
    expect(logConfiguration.options['awslogs-create-group']).toBe('true');
    expect(isInferred(logConfiguration.options['awslogs-stream-prefix'])).toBe(true);
  });

  it('lets cloudwatch_logs_options override the awslogs options', () => {
    const prepared = prepare(
      configuration(
        { launchType: 'FARGATE' },
        { containerDefinitions: [{ logConfiguration: { logDriver: 'json-file' } }], executionRoleArn: 'arn:r' },
        {
          configure_cloudwatch_logs: true,
          cloudwatch_logs_prefix: 'my-prefix',
          cloudwatch_logs_options: { 'awslogs-group': '/ecs/custom' },
        },
      ),
    );
    const container = (prepared.taskDefinition?.containerDefinitions as Json[])[0];
    const options = (container?.logConfiguration as { options: Json }).options;
    expect(options['awslogs-group']).toBe('/ecs/custom');
    expect(options['awslogs-stream-prefix']).toBe('my-prefix');
    expect((container?.logConfiguration as Json).logDriver).toBe('awslogs');
  });

  it('reports a definition where no container is essential from 0.7.4', () => {
    const config = configuration({ launchType: 'FARGATE' }, { containerDefinitions: [{ name: 'prefect', essential: false }] });
    expect(codes(prepare(config, '0.7.4'))).toEqual(['no-essential-container']);
    expect(prepare(config, '0.7.4').workerErrors[0]?.message).toBe(
      'At least one container in the task definition must be marked as essential.',
    );
    expect(codes(prepare(config, '0.7.3'))).toEqual([]);
  });

  it('skips compatibility checks when the launch type is unknown', () => {
    const prepared = prepare(
      configuration(
        { launchType: new UnknownValue('prefect-variable', '{{ prefect.variables.lt }}') },
        { containerDefinitions: [{}], requiresCompatibilities: ['EC2'], networkMode: 'bridge' },
      ),
    );
    expect(prepared.workerErrors).toEqual([]);
  });
});

describe('existing task definition by ARN', () => {
  it('registers nothing and keeps the ARN', () => {
    const prepared = prepare(
      configuration({ launchType: 'FARGATE', taskDefinition: 'arn:aws:ecs:us-east-1:123456789012:task-definition/x:1' }),
    );
    expect(prepared.usesExistingTaskDefinition).toBe(true);
    expect(prepared.taskDefinition).toBeUndefined();
    expect(prepared.runTaskRequest.taskDefinition).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/x:1');
    expect(prepared.workerErrors).toEqual([]);
  });

  it('does not need a task definition body', () => {
    const prepared = prepare({ task_definition: {}, task_run_request: { taskDefinition: 'family:1' } });
    expect(codes(prepared)).toEqual([]);
  });

  it('gives the registered ARN to a request without one', () => {
    const prepared = prepare(configuration({ launchType: 'FARGATE' }));
    expect(prepared.runTaskRequest.taskDefinition).toEqual(
      new InferredValue('the ARN of the registered task definition'),
    );
  });
});

describe('container overrides and tags', () => {
  const prepared = prepare(
    configuration(
      {
        launchType: 'FARGATE',
        overrides: {
          cpu: 512,
          memory: 1024,
          containerOverrides: [
            { command: 'ignored', environment: { FROM_TEMPLATE: '1', SHARED: 'template', NONE: null }, cpu: 256 },
            { name: 'side', command: 'echo "a b"' },
          ],
        },
        tags: { team: 'data', empty: null },
      },
      undefined,
      { env: { SHARED: 'env', EXTRA: '2', UNSET: null }, command: "python -m flows.main --name 'a b'" },
    ),
  );
  const overrides = prepared.runTaskRequest.overrides as { containerOverrides: Json[]; cpu: unknown; memory: unknown };

  it('names the first override after the orchestration container', () => {
    expect(overrides.containerOverrides[0]?.name).toBe('prefect');
  });

  it('sets the configured command split like a shell', () => {
    expect(overrides.containerOverrides[0]?.command).toEqual(['python', '-m', 'flows.main', '--name', 'a b']);
    expect(overrides.containerOverrides[1]?.command).toEqual(['echo', 'a b']);
  });

  it('merges template environment with env, env winning', () => {
    expect(overrides.containerOverrides[0]?.environment).toEqual([
      { name: 'FROM_TEMPLATE', value: '1' },
      { name: 'SHARED', value: 'env' },
      { name: 'EXTRA', value: '2' },
    ]);
  });

  it('casts task-level override sizes to strings and keeps container ones', () => {
    expect(overrides.cpu).toBe('512');
    expect(overrides.memory).toBe('1024');
    expect(overrides.containerOverrides[0]?.cpu).toBe(256);
  });

  it('turns a tag object into a list without null values', () => {
    expect(prepared.runTaskRequest.tags).toEqual([{ key: 'team', value: 'data' }]);
  });

  it('uses the default command without a configured one', () => {
    const request = prepare(configuration({ launchType: 'FARGATE' })).runTaskRequest;
    const first = (request.overrides as { containerOverrides: Json[] }).containerOverrides[0];
    expect(first?.command).toEqual(['prefect', 'flow-run', 'execute']);
  });
});

describe('splitShellWords', () => {
  it.each([
    ['prefect flow-run execute', ['prefect', 'flow-run', 'execute']],
    ['  spaced   out  ', ['spaced', 'out']],
    [`python -c "print('a b')"`, ['python', '-c', "print('a b')"]],
    [`echo 'single "quoted"'`, ['echo', 'single "quoted"']],
    ['a\\ b c', ['a b', 'c']],
    [`say "esc\\"aped"`, ['say', 'esc"aped']],
    ['empty "" arg', ['empty', '', 'arg']],
    ['', []],
  ])('splits %j', (command, words) => {
    expect(splitShellWords(command)).toEqual(words);
  });
});
