import { describe, expect, it } from 'vitest';

import {
  ASSIGN_PUBLIC_IP_VALUES,
  AWSVPC_MAX_SECURITY_GROUPS,
  AWSVPC_MAX_SUBNETS,
  CAPACITY_PROVIDER_BASE_MAX,
  CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS,
  CAPACITY_PROVIDER_WEIGHT_MAX,
  ECS_LAUNCH_TYPES,
  FARGATE_CAPACITY_PROVIDERS,
  FARGATE_LOG_DRIVERS,
  LOG_DRIVERS,
  MAX_CONTAINERS_PER_TASK_DEFINITION,
  MAX_TAGS_PER_RESOURCE,
  MAX_USER_TAGS_ON_PREFECT_RUN,
  NETWORK_MODES,
  PREFECT_ADDED_TAG_COUNT,
  PREFECT_ADDED_TAG_KEYS,
  PREFECT_DEREGISTER_TAG_KEY,
  PREFECT_LAUNCH_TYPES,
  RUN_TASK_OVERRIDES_MAX_CHARACTERS,
  TAG_KEY_MAX_LENGTH,
  TAG_VALUE_MAX_LENGTH,
  isAssignPublicIp,
  isEcsLaunchType,
  isFargateLogDriver,
  isFargateProvider,
  isLogDriver,
  isNetworkMode,
  isPrefectLaunchType,
  isValidCapacityProviderBase,
  isValidCapacityProviderWeight,
  isValidSecurityGroupCount,
  isValidSubnetCount,
  validateTag,
} from '../../src/aws/limits.js';

describe('enumerations', () => {
  it('lists the ECS launch types', () => {
    expect(ECS_LAUNCH_TYPES).toEqual([
      'EC2',
      'FARGATE',
      'EXTERNAL',
      'MANAGED_INSTANCES',
    ]);
  });

  it('lists the launch types Prefect accepts', () => {
    expect(PREFECT_LAUNCH_TYPES).toEqual([
      'FARGATE',
      'EC2',
      'EXTERNAL',
      'FARGATE_SPOT',
    ]);
  });

  it('lists network modes, log drivers and public IP values', () => {
    expect(NETWORK_MODES).toEqual(['bridge', 'host', 'awsvpc', 'none']);
    expect(LOG_DRIVERS).toHaveLength(8);
    expect(FARGATE_LOG_DRIVERS).toEqual(['awslogs', 'splunk', 'awsfirelens']);
    expect(ASSIGN_PUBLIC_IP_VALUES).toEqual(['ENABLED', 'DISABLED']);
    expect(FARGATE_CAPACITY_PROVIDERS).toEqual(['FARGATE', 'FARGATE_SPOT']);
  });

  it.each([
    ['FARGATE', true, true],
    ['EC2', true, true],
    ['EXTERNAL', true, true],
    ['MANAGED_INSTANCES', true, false],
    ['FARGATE_SPOT', false, true],
    ['fargate', false, false],
    [null, false, false],
  ])('launch type %j: ECS %s, Prefect %s', (value, ecs, prefect) => {
    expect(isEcsLaunchType(value)).toBe(ecs);
    expect(isPrefectLaunchType(value)).toBe(prefect);
  });

  it.each([
    ['awsvpc', true],
    ['bridge', true],
    ['host', true],
    ['none', true],
    ['AWSVPC', false],
    ['default', false],
  ])('isNetworkMode(%j) is %s', (value, expected) => {
    expect(isNetworkMode(value)).toBe(expected);
  });

  it.each([
    ['awslogs', true, true],
    ['splunk', true, true],
    ['awsfirelens', true, true],
    ['json-file', true, false],
    ['syslog', true, false],
    ['journald', true, false],
    ['gelf', true, false],
    ['fluentd', true, false],
    ['AWSLOGS', false, false],
    ['loki', false, false],
  ])('log driver %j: ECS %s, Fargate %s', (value, ecs, fargate) => {
    expect(isLogDriver(value)).toBe(ecs);
    expect(isFargateLogDriver(value)).toBe(fargate);
  });

  it.each([
    ['ENABLED', true],
    ['DISABLED', true],
    ['enabled', false],
    [true, false],
  ])('isAssignPublicIp(%j) is %s', (value, expected) => {
    expect(isAssignPublicIp(value)).toBe(expected);
  });

  it.each([
    ['FARGATE', true],
    ['FARGATE_SPOT', true],
    ['fargate', false],
    ['FARGATE ', false],
    ['my-asg', false],
    [undefined, false],
  ])('isFargateProvider(%j) is %s', (name, expected) => {
    expect(isFargateProvider(name)).toBe(expected);
  });
});

describe('numeric limits', () => {
  it.each([
    ['AWSVPC_MAX_SUBNETS', AWSVPC_MAX_SUBNETS, 16],
    ['AWSVPC_MAX_SECURITY_GROUPS', AWSVPC_MAX_SECURITY_GROUPS, 5],
    [
      'CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS',
      CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS,
      20,
    ],
    ['CAPACITY_PROVIDER_WEIGHT_MAX', CAPACITY_PROVIDER_WEIGHT_MAX, 1000],
    ['CAPACITY_PROVIDER_BASE_MAX', CAPACITY_PROVIDER_BASE_MAX, 100000],
    [
      'MAX_CONTAINERS_PER_TASK_DEFINITION',
      MAX_CONTAINERS_PER_TASK_DEFINITION,
      10,
    ],
    [
      'RUN_TASK_OVERRIDES_MAX_CHARACTERS',
      RUN_TASK_OVERRIDES_MAX_CHARACTERS,
      8192,
    ],
    ['MAX_TAGS_PER_RESOURCE', MAX_TAGS_PER_RESOURCE, 50],
    ['TAG_KEY_MAX_LENGTH', TAG_KEY_MAX_LENGTH, 128],
    ['TAG_VALUE_MAX_LENGTH', TAG_VALUE_MAX_LENGTH, 256],
  ])('%s is %i', (_, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    [0, true],
    [1, true],
    [1000, true],
    [1001, false],
    [-1, false],
    [0.5, false],
    ['1', false],
    [null, false],
  ])('weight %j valid: %s', (weight, expected) => {
    expect(isValidCapacityProviderWeight(weight)).toBe(expected);
  });

  it.each([
    [0, true],
    [100000, true],
    [100001, false],
    [-1, false],
    [1.5, false],
    ['0', false],
  ])('base %j valid: %s', (base, expected) => {
    expect(isValidCapacityProviderBase(base)).toBe(expected);
  });

  it.each([
    [0, false],
    [1, true],
    [16, true],
    [17, false],
  ])('%i subnets valid: %s', (count, expected) => {
    expect(isValidSubnetCount(count)).toBe(expected);
  });

  it.each([
    [0, true],
    [5, true],
    [6, false],
  ])('%i security groups valid: %s', (count, expected) => {
    expect(isValidSecurityGroupCount(count)).toBe(expected);
  });
});

describe('Prefect-added tags', () => {
  it('counts eleven keys', () => {
    expect(PREFECT_ADDED_TAG_COUNT).toBe(11);
    expect(new Set(PREFECT_ADDED_TAG_KEYS).size).toBe(11);
  });

  it('leaves 39 tags for the user', () => {
    expect(MAX_USER_TAGS_ON_PREFECT_RUN).toBe(39);
  });

  it('uses valid tag keys', () => {
    for (const key of [...PREFECT_ADDED_TAG_KEYS, PREFECT_DEREGISTER_TAG_KEY]) {
      expect(validateTag(key, 'value'), key).toEqual([]);
    }
  });
});

describe('validateTag', () => {
  it.each([
    ['team', 'data'],
    ['prefect.io/flow-run-id', '0b1c2d3e-aaaa-bbbb-cccc-0123456789ab'],
    ['Cost Center', 'R and D'],
    ['k_.:/=+-@', 'v_.:/=+-@'],
    ['ключ', 'значение'],
    ['日本', '東京 ２０２４'],
    ['key', ''],
    ['k'.repeat(128), 'v'.repeat(256)],
    ['my-aws:key', 'not-aws:prefixed'],
  ])('accepts %j = %j', (key, value) => {
    expect(validateTag(key, value)).toEqual([]);
  });

  it('rejects an empty key', () => {
    expect(validateTag('', 'value')).toEqual([{ field: 'key', code: 'empty' }]);
  });

  it('rejects a 129-character key', () => {
    expect(validateTag('k'.repeat(129), 'v')).toEqual([
      { field: 'key', code: 'too-long', length: 129, maxLength: 128 },
    ]);
  });

  it('rejects a 257-character value', () => {
    expect(validateTag('k', 'v'.repeat(257))).toEqual([
      { field: 'value', code: 'too-long', length: 257, maxLength: 256 },
    ]);
  });

  it('counts code points, not UTF-16 units', () => {
    const astral = '𝔸'.repeat(128);
    expect(astral.length).toBe(256);
    expect(validateTag(astral, 'v')).toEqual([]);
  });

  it.each([
    ['key', 'a,b', 'v', [',']],
    ['key', 'a*b*c', 'v', ['*']],
    ['key', 'a#b!', 'v', ['#', '!']],
    ['value', 'k', '{"a":1}', ['{', '"', '}']],
    ['value', 'k', 'a&b', ['&']],
    ['value', 'k', '😀', ['😀']],
  ] as const)('rejects %s characters in %j=%j', (field, key, value, chars) => {
    expect(validateTag(key, value)).toEqual([
      { field, code: 'invalid-characters', characters: chars },
    ]);
  });

  it.each(['aws:', 'AWS:', 'Aws:', 'aWs:'])(
    'rejects the reserved prefix %s',
    (prefix) => {
      expect(validateTag(`${prefix}name`, `${prefix}value`)).toEqual([
        { field: 'key', code: 'reserved-prefix', prefix },
        { field: 'value', code: 'reserved-prefix', prefix },
      ]);
    },
  );

  it('reports every problem at once', () => {
    expect(validateTag(`aws:${'k'.repeat(130)}!`, 'v'.repeat(300))).toEqual([
      { field: 'key', code: 'too-long', length: 135, maxLength: 128 },
      { field: 'key', code: 'invalid-characters', characters: ['!'] },
      { field: 'key', code: 'reserved-prefix', prefix: 'aws:' },
      { field: 'value', code: 'too-long', length: 300, maxLength: 256 },
    ]);
  });
});
