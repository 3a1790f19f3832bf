import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { generateTypes, schemaNames } from '../../scripts/generate-types.mjs';
import {
  knownContainerDefinitionKeys,
  knownJobConfigurationKeys,
  knownRunTaskKeys,
  knownTaskDefinitionKeys,
  metaValidateVariablesSchema,
  schemaPath,
  validateBaseJobTemplate,
  validateJobConfiguration,
  validateWorkPool,
} from '../../src/model/schemas.js';

const packageRoot = new URL('../../', import.meta.url);

function readJson(relativePath: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(relativePath, packageRoot), 'utf8'));
}

const stockTemplate = readJson(
  'fixtures/real-templates/prefect-default-prefect-aws-0.7.11-reconstructed.json',
);

// A rendered job configuration as the worker receives it: a Fargate task on
// a Spot-heavy capacity provider strategy with a private ECR image.
function renderedJobConfiguration() {
  return {
    command: 'prefect flow-run execute',
    env: { PREFECT_LOGGING_LEVEL: 'INFO', LEGACY_FLAG: null },
    labels: { team: 'data-platform' },
    name: 'nightly-ingest',
    aws_credentials: { region_name: 'eu-west-1' },
    task_definition: {
      family: 'etl-nightly',
      executionRoleArn: 'arn:aws:iam::123456789012:role/etl-execution',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: 1024,
      memory: '2048',
      runtimePlatform: {
        cpuArchitecture: 'ARM64',
        operatingSystemFamily: 'LINUX',
      },
      containerDefinitions: [
        {
          name: 'prefect',
          image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/etl:1.4.2',
          essential: true,
          secrets: [
            {
              name: 'DB_PASSWORD',
              valueFrom:
                'arn:aws:secretsmanager:eu-west-1:123456789012:secret:etl-db',
            },
          ],
          logConfiguration: {
            logDriver: 'awslogs',
            options: {
              'awslogs-group': '/ecs/etl',
              'awslogs-region': 'eu-west-1',
              'awslogs-stream-prefix': 'etl',
            },
          },
        },
      ],
    },
    task_run_request: {
      cluster: 'etl-cluster',
      capacityProviderStrategy: [
        { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        { capacityProvider: 'FARGATE', weight: 1, base: 1 },
      ],
      overrides: {
        containerOverrides: [
          {
            name: 'prefect',
            command: 'prefect flow-run execute',
            environment: { PREFECT_LOGGING_LEVEL: 'INFO' },
            cpu: 1024,
            memory: 2048,
          },
        ],
        cpu: 1024,
        memory: 2048,
        taskRoleArn: 'arn:aws:iam::123456789012:role/etl-task',
      },
      tags: { team: 'data-platform' },
    },
    configure_cloudwatch_logs: false,
    cloudwatch_logs_options: {},
    network_configuration: {
      subnets: ['subnet-0a1b2c3d4e5f60718'],
      securityGroups: ['sg-0123456789abcdef0'],
      assignPublicIp: 'DISABLED',
    },
    vpc_id: 'vpc-0123456789abcdef0',
    stream_output: false,
    task_start_timeout_seconds: 300,
    task_watch_poll_interval: 5,
    auto_deregister_task_definition: false,
    container_name: 'prefect',
    cluster: 'etl-cluster',
    match_latest_revision_in_family: true,
    prefect_api_key_secret_arn:
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prefect-key',
    prefect_api_auth_string_secret_arn: null,
    execution_role_arn: 'arn:aws:iam::123456789012:role/etl-execution',
  };
}

type JobConfiguration = ReturnType<typeof renderedJobConfiguration>;

function findAdditionalPropertiesFalse(node: unknown, path = ''): string[] {
  if (node === null || typeof node !== 'object') {
    return [];
  }
  return Object.entries(node).flatMap(([key, value]) => {
    const childPath = `${path}/${key}`;
    if (key === 'additionalProperties' && value === false) {
      return [childPath];
    }
    return findAdditionalPropertiesFalse(value, childPath);
  });
}

describe('generated types', () => {
  it.each(schemaNames)('%s.ts matches its schema', async (name) => {
    const committedPath = new URL(
      `src/model/generated/${name}.ts`,
      packageRoot,
    );
    const committed = existsSync(committedPath)
      ? readFileSync(committedPath, 'utf8')
      : '';
    const generated = await generateTypes(name);
    expect(
      generated,
      `src/model/generated/${name}.ts is stale: run npm run generate:types`,
    ).toBe(committed);
  });

  it('generation is deterministic', async () => {
    const first = await generateTypes('ecs-job-configuration');
    const second = await generateTypes('ecs-job-configuration');
    expect(second).toBe(first);
  });

  it('work-pool.ts imports BaseJobTemplate', async () => {
    const source = await generateTypes('work-pool');
    expect(source).toContain(
      "import type { BaseJobTemplate } from './base-job-template.js';",
    );
    expect(source).not.toContain('export interface BaseJobTemplate');
  });
});

describe('schema files', () => {
  it.each(schemaNames)('%s compiles with ajv 2020', (name) => {
    const ajv = new Ajv2020({ strict: true, allowUnionTypes: true });
    for (const other of schemaNames) {
      ajv.addSchema(JSON.parse(readFileSync(schemaPath(other), 'utf8')));
    }
    const schema = JSON.parse(readFileSync(schemaPath(name), 'utf8'));

    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile({ $ref: schema.$id })).not.toThrow();
  });

  it.each(schemaNames)('%s has a stable $id, title and description', (name) => {
    const schema = JSON.parse(readFileSync(schemaPath(name), 'utf8'));

    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(
      `https://prefect-ecs-lint.dev/schemas/${name}.schema.json`,
    );
    expect(typeof schema.title).toBe('string');
    expect(typeof schema.description).toBe('string');
  });

  it.each(schemaNames)('%s never closes additionalProperties', (name) => {
    const schema = JSON.parse(readFileSync(schemaPath(name), 'utf8'));
    expect(findAdditionalPropertiesFalse(schema)).toEqual([]);
  });
});

describe('known keys', () => {
  it('lists every job_configuration field of the worker model', () => {
    expect([...knownJobConfigurationKeys].sort()).toEqual(
      [
        'command',
        'env',
        'labels',
        'name',
        'aws_credentials',
        'task_definition',
        'task_run_request',
        'configure_cloudwatch_logs',
        'cloudwatch_logs_options',
        'cloudwatch_logs_prefix',
        'network_configuration',
        'stream_output',
        'task_start_timeout_seconds',
        'task_watch_poll_interval',
        'auto_deregister_task_definition',
        'vpc_id',
        'container_name',
        'cluster',
        'match_latest_revision_in_family',
        'prefect_api_key_secret_arn',
        'prefect_api_auth_string_secret_arn',
        'execution_role_arn',
      ].sort(),
    );
  });

  it('lists RunTask, task definition and container keys', () => {
    expect(knownRunTaskKeys).toHaveLength(19);
    expect(knownRunTaskKeys).toContain('capacityProviderStrategy');
    expect(knownRunTaskKeys).not.toContain('capacityProviderStrategies');
    expect(knownTaskDefinitionKeys).toHaveLength(18);
    expect(knownTaskDefinitionKeys).toContain('requiresCompatibilities');
    expect(knownContainerDefinitionKeys).toHaveLength(42);
    expect(knownContainerDefinitionKeys).toContain('repositoryCredentials');
  });
});

describe('validateBaseJobTemplate', () => {
  it('accepts the stock 0.7.11 template', () => {
    expect(validateBaseJobTemplate(stockTemplate)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('accepts the empty template', () => {
    expect(validateBaseJobTemplate({}).valid).toBe(true);
  });

  it('rejects a variables schema of type array', () => {
    const result = validateBaseJobTemplate({
      job_configuration: {},
      variables: { type: 'array' },
    });

    expect(result.valid).toBe(false);
    expect(result.errors).toEqual([
      {
        instancePath: '/variables/type',
        message: 'must be equal to constant: "object"',
        keyword: 'const',
        params: { allowedValue: 'object' },
      },
    ]);
  });
});

describe('validateJobConfiguration', () => {
  it('accepts a rendered Fargate configuration', () => {
    expect(validateJobConfiguration(renderedJobConfiguration())).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('accepts the stock template rendered without job variables', () => {
    const rendered = {
      task_definition: { containerDefinitions: [{}] },
      task_run_request: {
        launchType: 'FARGATE',
        overrides: { containerOverrides: [{}] },
      },
      stream_output: false,
      task_start_timeout_seconds: 0,
      task_watch_poll_interval: 0,
      auto_deregister_task_definition: false,
      match_latest_revision_in_family: false,
    };
    expect(validateJobConfiguration(rendered).valid).toBe(true);
  });

  const invalidCases: {
    scenario: string;
    change: (configuration: JobConfiguration) => void;
    instancePath: string;
    keyword: string;
  }[] = [
    {
      scenario: 'lower-case launch type',
      change: (configuration) => {
        Object.assign(configuration.task_run_request, {
          launchType: 'fargate',
        });
      },
      instancePath: '/task_run_request/launchType',
      keyword: 'enum',
    },
    {
      scenario: 'boolean assignPublicIp',
      change: (configuration) => {
        Object.assign(configuration.network_configuration, {
          assignPublicIp: true,
        });
      },
      instancePath: '/network_configuration/assignPublicIp',
      keyword: 'enum',
    },
    {
      scenario: 'capacity provider weight above 1000',
      change: (configuration) => {
        configuration.task_run_request.capacityProviderStrategy[0]!.weight = 2000;
      },
      instancePath: '/task_run_request/capacityProviderStrategy/0/weight',
      keyword: 'maximum',
    },
    {
      scenario: 'string container override cpu',
      change: (configuration) => {
        Object.assign(
          configuration.task_run_request.overrides.containerOverrides[0]!,
          { cpu: '1024' },
        );
      },
      instancePath: '/task_run_request/overrides/containerOverrides/0/cpu',
      keyword: 'type',
    },
    {
      scenario: 'boolean awslogs option',
      change: (configuration) => {
        const container =
          configuration.task_definition.containerDefinitions[0]!;
        Object.assign(container.logConfiguration.options, {
          'awslogs-create-group': true,
        });
      },
      instancePath:
        '/task_definition/containerDefinitions/0/logConfiguration/options/awslogs-create-group',
      keyword: 'type',
    },
  ];

  it.each(invalidCases)(
    'rejects $scenario',
    ({ change, instancePath, keyword }) => {
      const configuration = renderedJobConfiguration();
      change(configuration);
      const result = validateJobConfiguration(configuration);

      expect(result.valid).toBe(false);
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]?.instancePath).toBe(instancePath);
      expect(result.errors[0]?.keyword).toBe(keyword);
    },
  );

  it('names the allowed launch types in the message', () => {
    const configuration = renderedJobConfiguration();
    Object.assign(configuration.task_run_request, { launchType: 'fargate' });
    const [error] = validateJobConfiguration(configuration).errors;

    expect(error?.message).toBe(
      'must be equal to one of the allowed values: "EC2", "FARGATE", ' +
        '"EXTERNAL", "MANAGED_INSTANCES", "FARGATE_SPOT"',
    );
  });
});

describe('validateWorkPool', () => {
  const workPool = {
    name: 'etl-ecs',
    type: 'ecs',
    description: null,
    concurrency_limit: 5,
    is_paused: false,
    base_job_template: stockTemplate,
  };

  it('accepts an ECS work pool', () => {
    expect(validateWorkPool(workPool)).toEqual({ valid: true, errors: [] });
  });

  it('requires a name', () => {
    const { name: _name, ...withoutName } = workPool;
    const result = validateWorkPool(withoutName);

    expect(result.valid).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.instancePath).toBe('');
    expect(result.errors[0]?.keyword).toBe('required');
    expect(result.errors[0]?.params).toEqual({ missingProperty: 'name' });
  });

  it('checks the base job template through its $id', () => {
    const result = validateWorkPool({
      ...workPool,
      base_job_template: { job_configuration: 'none', variables: {} },
    });

    expect(result.valid).toBe(false);
    expect(result.errors.map((error) => error.instancePath)).toEqual([
      '/base_job_template/job_configuration',
    ]);
  });
});

describe('metaValidateVariablesSchema', () => {
  it('accepts the stock variables', () => {
    expect(metaValidateVariablesSchema(stockTemplate.variables)).toEqual({
      valid: true,
      errors: [],
    });
  });

  it('rejects an unknown type name', () => {
    const result = metaValidateVariablesSchema({
      type: 'object',
      properties: { cpu: { type: 'integr' } },
    });

    expect(result.valid).toBe(false);
    const enumError = result.errors.find((error) => error.keyword === 'enum');
    expect(enumError?.instancePath).toBe('/properties/cpu/type');
    expect(enumError?.message).toMatch(
      /^Invalid schema: \/properties\/cpu\/type must be equal to one of the allowed values: "array", /,
    );
    expect(
      result.errors.every(
        (error) => error.instancePath === '/properties/cpu/type',
      ),
    ).toBe(true);
  });

  it('rejects a required list that is not an array', () => {
    const result = metaValidateVariablesSchema({
      type: 'object',
      required: 'cpu',
    });

    expect(result.valid).toBe(false);
    expect(result.errors[0]?.instancePath).toBe('/required');
    expect(result.errors[0]?.message).toBe(
      'Invalid schema: /required must be array',
    );
  });
});
