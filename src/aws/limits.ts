/**
 * Fixed ECS limits and enumerations that a template can break without any
 * call to AWS. Numbers come from the ECS service model (the botocore
 * `ecs/2014-11-13/service-2.json` shapes) and the ECS developer guide.
 */

/** Launch types of RunTask (ECS API reference, RunTask launchType). */
export const ECS_LAUNCH_TYPES = [
  'EC2',
  'FARGATE',
  'EXTERNAL',
  'MANAGED_INSTANCES',
] as const;
export type EcsLaunchType = (typeof ECS_LAUNCH_TYPES)[number];

/**
 * Values of the `launch_type` variable that the prefect-aws ECS worker
 * accepts (its stock variables schema enum, 0.7.11). `FARGATE_SPOT` is not an
 * ECS launch type: the worker turns it into a capacity provider strategy.
 */
export const PREFECT_LAUNCH_TYPES = [
  'FARGATE',
  'EC2',
  'EXTERNAL',
  'FARGATE_SPOT',
] as const;
export type PrefectLaunchType = (typeof PREFECT_LAUNCH_TYPES)[number];

/** Task definition network modes (RegisterTaskDefinition networkMode). */
export const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

/** The network mode ECS uses on Linux when a task definition gives none. */
export const DEFAULT_NETWORK_MODE: NetworkMode = 'bridge';

/** The only network mode Fargate accepts. */
export const FARGATE_NETWORK_MODE: NetworkMode = 'awsvpc';

/**
 * Capacity provider short names that AWS reserves for Fargate
 * (ECS developer guide, Fargate capacity providers).
 */
export const FARGATE_CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const;
export type FargateCapacityProvider =
  (typeof FARGATE_CAPACITY_PROVIDERS)[number];

/** Log drivers ECS accepts (ContainerDefinition logConfiguration.logDriver). */
export const LOG_DRIVERS = [
  'json-file',
  'syslog',
  'journald',
  'gelf',
  'fluentd',
  'awslogs',
  'splunk',
  'awsfirelens',
] as const;
export type LogDriver = (typeof LOG_DRIVERS)[number];

/** Log drivers available on Fargate (ECS API reference, LogConfiguration). */
export const FARGATE_LOG_DRIVERS = [
  'awslogs',
  'splunk',
  'awsfirelens',
] as const;

/** AwsVpcConfiguration.assignPublicIp values. `DISABLED` is the default. */
export const ASSIGN_PUBLIC_IP_VALUES = ['ENABLED', 'DISABLED'] as const;
export type AssignPublicIp = (typeof ASSIGN_PUBLIC_IP_VALUES)[number];

/** AwsVpcConfiguration.subnets is required and lists 1 to 16 subnet ids. */
export const AWSVPC_MIN_SUBNETS = 1;
export const AWSVPC_MAX_SUBNETS = 16;

/** AwsVpcConfiguration.securityGroups lists at most 5 ids. */
export const AWSVPC_MAX_SECURITY_GROUPS = 5;

/**
 * RunTask capacityProviderStrategy item limit (ECS API reference, RunTask).
 * Older documentation and the EventBridge Scheduler API state 6.
 */
export const CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS = 20;

/** CapacityProviderStrategyItem.weight range (ECS API reference). */
export const CAPACITY_PROVIDER_WEIGHT_MIN = 0;
export const CAPACITY_PROVIDER_WEIGHT_MAX = 1000;

/** CapacityProviderStrategyItem.base range (ECS API reference). */
export const CAPACITY_PROVIDER_BASE_MIN = 0;
export const CAPACITY_PROVIDER_BASE_MAX = 100_000;

/** Containers per task definition (ECS service quotas, not adjustable). */
export const MAX_CONTAINERS_PER_TASK_DEFINITION = 10;

/**
 * Maximum size of the RunTask `overrides` JSON, formatting included
 * (ECS API reference, RunTask overrides).
 */
export const RUN_TASK_OVERRIDES_MAX_CHARACTERS = 8192;

/** Tags per ECS resource (ECS API reference, Tag). */
export const MAX_TAGS_PER_RESOURCE = 50;

/** Tag key and value lengths, counted in Unicode characters. */
export const TAG_KEY_MIN_LENGTH = 1;
export const TAG_KEY_MAX_LENGTH = 128;
export const TAG_VALUE_MAX_LENGTH = 256;

/**
 * One character that a tag key or value may contain: Unicode letters,
 * separators (spaces), numbers and `_ . : / = + - @` (ECS API reference, Tag).
 */
export const TAG_ALLOWED_CHARACTER = /[\p{L}\p{Z}\p{N}_.:/=+\-@]/u;

/**
 * Prefix reserved for AWS in tag keys and values. AWS compares it without
 * regard to case, so `AWS:` and `Aws:` are reserved too.
 */
export const RESERVED_TAG_PREFIX = 'aws:';

/**
 * Tag keys that the Prefect worker adds to every flow run from its own
 * labels, before the configured labels (Prefect `BaseJobConfiguration`
 * base labels). The deployment keys are absent for runs without a
 * deployment, and `deployment-updated` is absent when that timestamp is
 * unset, so this is the count for a deployment run. A configured label with
 * one of these keys replaces the tag instead of adding one.
 */
export const PREFECT_ADDED_TAG_KEYS = [
  'prefect.io/flow-run-id',
  'prefect.io/flow-run-name',
  'prefect.io/version',
  'prefect.io/deployment-id',
  'prefect.io/deployment-name',
  'prefect.io/deployment-updated',
  'prefect.io/flow-id',
  'prefect.io/flow-name',
  'prefect.io/work-pool-id',
  'prefect.io/work-pool-name',
  'prefect.io/worker-name',
] as const;

/** Number of tags Prefect adds to a deployment's flow run (11). */
export const PREFECT_ADDED_TAG_COUNT = PREFECT_ADDED_TAG_KEYS.length;

/**
 * One more tag that the worker adds when `auto_deregister_task_definition` is
 * true and it registered a new task definition. The misspelling is the
 * worker's own key (prefect-aws 0.7.11).
 */
export const PREFECT_DEREGISTER_TAG_KEY =
  'prefect.io/degregister-task-definition';

/** Tags left for the user's labels and literal tags on a Prefect run (39). */
export const MAX_USER_TAGS_ON_PREFECT_RUN =
  MAX_TAGS_PER_RESOURCE - PREFECT_ADDED_TAG_COUNT;

export type TagField = 'key' | 'value';

/** One problem that `validateTag` found in a tag key or value. */
export type TagProblem =
  | { field: 'key'; code: 'empty' }
  | { field: TagField; code: 'too-long'; length: number; maxLength: number }
  | { field: TagField; code: 'invalid-characters'; characters: string[] }
  | { field: TagField; code: 'reserved-prefix'; prefix: string };

/**
 * Checks one tag against the ECS tag rules and returns every problem found,
 * or an empty list when AWS accepts the tag. Lengths count Unicode code
 * points, not UTF-16 code units.
 */
export function validateTag(key: string, value: string): TagProblem[] {
  const problems: TagProblem[] = [];
  if (key.length < TAG_KEY_MIN_LENGTH) {
    problems.push({ field: 'key', code: 'empty' });
  }
  problems.push(...checkTagText('key', key, TAG_KEY_MAX_LENGTH));
  problems.push(...checkTagText('value', value, TAG_VALUE_MAX_LENGTH));
  return problems;
}

function checkTagText(
  field: TagField,
  text: string,
  maxLength: number,
): TagProblem[] {
  const problems: TagProblem[] = [];
  const characters = [...text];
  if (characters.length > maxLength) {
    problems.push({
      field,
      code: 'too-long',
      length: characters.length,
      maxLength,
    });
  }

  const invalid = [
    ...new Set(characters.filter((c) => !TAG_ALLOWED_CHARACTER.test(c))),
  ];
  if (invalid.length > 0) {
    problems.push({ field, code: 'invalid-characters', characters: invalid });
  }

  const prefix = text.slice(0, RESERVED_TAG_PREFIX.length);
  if (prefix.toLowerCase() === RESERVED_TAG_PREFIX) {
    problems.push({ field, code: 'reserved-prefix', prefix });
  }
  return problems;
}

/** Tells whether a capacity provider name is one of the Fargate providers. */
export function isFargateProvider(
  name: unknown,
): name is FargateCapacityProvider {
  return isOneOf(FARGATE_CAPACITY_PROVIDERS, name);
}

export function isEcsLaunchType(value: unknown): value is EcsLaunchType {
  return isOneOf(ECS_LAUNCH_TYPES, value);
}

export function isPrefectLaunchType(
  value: unknown,
): value is PrefectLaunchType {
  return isOneOf(PREFECT_LAUNCH_TYPES, value);
}

export function isNetworkMode(value: unknown): value is NetworkMode {
  return isOneOf(NETWORK_MODES, value);
}

export function isLogDriver(value: unknown): value is LogDriver {
  return isOneOf(LOG_DRIVERS, value);
}

export function isFargateLogDriver(value: unknown): boolean {
  return isOneOf(FARGATE_LOG_DRIVERS, value);
}

export function isAssignPublicIp(value: unknown): value is AssignPublicIp {
  return isOneOf(ASSIGN_PUBLIC_IP_VALUES, value);
}

/** True for an integer weight from 0 to 1000. */
export function isValidCapacityProviderWeight(value: unknown): boolean {
  return isIntegerInRange(
    value,
    CAPACITY_PROVIDER_WEIGHT_MIN,
    CAPACITY_PROVIDER_WEIGHT_MAX,
  );
}

/** True for an integer base from 0 to 100000. */
export function isValidCapacityProviderBase(value: unknown): boolean {
  return isIntegerInRange(
    value,
    CAPACITY_PROVIDER_BASE_MIN,
    CAPACITY_PROVIDER_BASE_MAX,
  );
}

/** True when an awsvpc configuration may list this many subnets (1 to 16). */
export function isValidSubnetCount(count: number): boolean {
  return isIntegerInRange(count, AWSVPC_MIN_SUBNETS, AWSVPC_MAX_SUBNETS);
}

/** True when an awsvpc configuration may list this many security groups. */
export function isValidSecurityGroupCount(count: number): boolean {
  return isIntegerInRange(count, 0, AWSVPC_MAX_SECURITY_GROUPS);
}

function isIntegerInRange(value: unknown, min: number, max: number): boolean {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= min &&
    value <= max
  );
}

function isOneOf<T extends string>(
  allowed: readonly T[],
  value: unknown,
): value is T {
  return (
    typeof value === 'string' && (allowed as readonly string[]).includes(value)
  );
}
