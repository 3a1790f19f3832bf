import { isPlainObject } from '../parse/pointer.js';
import { isUnknown } from '../render/unknown.js';
import { isKeyKnownTo, type WorkerFeatures } from './features.js';
import { InferredValue } from './inferred.js';

/** A failure the worker raises before it calls AWS; the flow run crashes. */
export interface WorkerError {
  code:
    | 'missing-task-definition'
    | 'no-essential-container'
    | 'cloudwatch-needs-execution-role-arn'
    | 'cloudwatch-options-need-flag'
    | 'network-configuration-needs-vpc-id'
    | 'container-not-found'
    | 'task-definition-execution-role-missing'
    | 'requires-compatibilities-missing-fargate'
    | 'network-mode-incompatible'
    | 'task-definition-arn-mismatch'
    | 'task-size-not-integer';
  message: string;
  /** The rendered `job_configuration` pointer of the value at fault, when one is. */
  pointer?: string;
}

/** The requests the ECS worker would send for one scenario. */
export interface PreparedRequests {
  /** The run request's `launchType` as rendered, which decides how the task definition is prepared. */
  renderedLaunchType: unknown;
  /** RegisterTaskDefinition input; undefined when an existing definition is used by ARN. */
  taskDefinition: Record<string, unknown> | undefined;
  /** True when the run request names an existing task definition. */
  usesExistingTaskDefinition: boolean;
  runTaskRequest: Record<string, unknown>;
  /** The orchestration container's name. */
  containerName: string | undefined;
  /** True when the network configuration will be inferred from a VPC at run time. */
  inferredNetworkConfiguration: boolean;
  workerErrors: WorkerError[];
}

const PREFECT_CONTAINER = 'prefect';
const DEFAULT_CPU = 1024;
const DEFAULT_MEMORY = 2048;
const FARGATE_LAUNCH_TYPES = new Set(['FARGATE', 'FARGATE_SPOT']);

/**
 * Applies the ECS worker's changes to a rendered job configuration, in the
 * worker's order: model validation, task definition preparation and checks,
 * then run request preparation. Behaviour that changed between releases is
 * switched by `features`.
 */
export function prepareRequests(
  configuration: Record<string, unknown>,
  features: WorkerFeatures,
): PreparedRequests {
  const errors: WorkerError[] = [];
  const renderedTaskDefinition = asObject(configuration.task_definition);
  const renderedRunRequest = asObject(configuration.task_run_request);
  const renderedLaunchType = renderedRunRequest.launchType;
  const usesExistingTaskDefinition = isTruthy(renderedRunRequest.taskDefinition);

  validateConfiguration(configuration, renderedTaskDefinition, usesExistingTaskDefinition, features, errors);

  let taskDefinition: Record<string, unknown> | undefined;
  let containerName = stringOrUndefined(configuration.container_name);
  if (!usesExistingTaskDefinition) {
    const prepared = prepareTaskDefinition(configuration, renderedTaskDefinition, renderedLaunchType, features, errors);
    taskDefinition = prepared.taskDefinition;
    containerName = prepared.containerName;
    validateTaskDefinition(configuration, taskDefinition, renderedRunRequest, features, errors);
  }

  const run = prepareRunTaskRequest(configuration, renderedRunRequest, taskDefinition, containerName, features, errors);

  return {
    renderedLaunchType,
    taskDefinition,
    usesExistingTaskDefinition,
    runTaskRequest: run.request,
    containerName,
    inferredNetworkConfiguration: run.inferredNetworkConfiguration,
    workerErrors: errors,
  };
}

function validateConfiguration(
  configuration: Record<string, unknown>,
  taskDefinition: Record<string, unknown>,
  usesExistingTaskDefinition: boolean,
  features: WorkerFeatures,
  errors: WorkerError[],
): void {
  if (!usesExistingTaskDefinition && Object.keys(taskDefinition).length === 0) {
    errors.push({
      code: 'missing-task-definition',
      message: 'A task definition must be provided if a task definition ARN is not present on the task run request.',
    });
  }
  const containers = containerList(taskDefinition);
  if (features.keepsFalseValues && containers.length > 0 && containers.every((c) => c.essential === false)) {
    errors.push({
      code: 'no-essential-container',
      message: 'At least one container in the task definition must be marked as essential.',
    });
  }
  if (
    isTruthy(configuration.configure_cloudwatch_logs) &&
    !isTruthy(configuration.execution_role_arn) &&
    !usesExistingTaskDefinition &&
    !isTruthy(taskDefinition.executionRoleArn)
  ) {
    errors.push({
      code: 'cloudwatch-needs-execution-role-arn',
      message: 'An `execution_role_arn` must be provided to use `configure_cloudwatch_logs` or `stream_logs`.',
    });
  }
  if (isTruthy(configuration.cloudwatch_logs_options) && !isTruthy(configuration.configure_cloudwatch_logs)) {
    errors.push({
      code: 'cloudwatch-options-need-flag',
      message: '`configure_cloudwatch_log` must be enabled to use `cloudwatch_logs_options`.',
    });
  }
  if (isTruthy(configuration.network_configuration) && !isTruthy(configuration.vpc_id)) {
    errors.push({
      code: 'network-configuration-needs-vpc-id',
      message: 'You must provide a `vpc_id` to enable custom `network_configuration`.',
    });
  }
}

function prepareTaskDefinition(
  configuration: Record<string, unknown>,
  rendered: Record<string, unknown>,
  launchType: unknown,
  features: WorkerFeatures,
  errors: WorkerError[],
): { taskDefinition: Record<string, unknown>; containerName: string | undefined } {
  const taskDefinition = deepCopy(rendered);
  const containers = containerList(taskDefinition).filter((c) => Object.keys(c).length > 0);
  taskDefinition.containerDefinitions = containers;

  const containerName = orchestrationContainerName(configuration, containers);
  let container = containers.find((c) => c.name === containerName);
  if (!container) {
    if (containerName !== PREFECT_CONTAINER) {
      errors.push({
        code: 'container-not-found',
        message: `Container '${containerName}' not found in task definition.`,
      });
    } else {
      container = containers.find((c) => c.name === undefined);
      if (container) {
        container.name = PREFECT_CONTAINER;
      } else {
        container = { name: PREFECT_CONTAINER };
        containers.push(container);
      }
    }
  }

  if (container) {
    container.image ??= new InferredValue('the Prefect image that matches the worker');
    removeNullEnvironment(container);
    if (isTruthy(configuration.configure_cloudwatch_logs)) {
      container.logConfiguration = cloudWatchLogConfiguration(configuration);
    }
  }

  if (!isTruthy(taskDefinition.family)) {
    taskDefinition.family = new InferredValue('prefect_<work pool name>_<deployment id>');
  }
  applyTaskSize(taskDefinition, container, launchType, features, errors);

  const cleaned = features.removesEmptyValues
    ? (removeEmptyValues(taskDefinition, features.keepsFalseValues) as Record<string, unknown>)
    : taskDefinition;
  addPrefectSecrets(configuration, cleaned, containerName, features);
  return { taskDefinition: cleaned, containerName };
}

/** `container_name`, else `prefect` when such a container exists, else the first container's name. */
function orchestrationContainerName(
  configuration: Record<string, unknown>,
  containers: Record<string, unknown>[],
): string {
  const configured = stringOrUndefined(configuration.container_name);
  if (configured) {
    return configured;
  }
  if (containers.some((c) => c.name === PREFECT_CONTAINER)) {
    return PREFECT_CONTAINER;
  }
  return stringOrUndefined(containers[0]?.name) ?? PREFECT_CONTAINER;
}

function cloudWatchLogConfiguration(configuration: Record<string, unknown>): Record<string, unknown> {
  const options: Record<string, unknown> = {
    'awslogs-create-group': 'true',
    'awslogs-group': 'prefect',
    'awslogs-region': new InferredValue("the AWS client's region"),
    'awslogs-stream-prefix': isTruthy(configuration.cloudwatch_logs_prefix)
      ? configuration.cloudwatch_logs_prefix
      : new InferredValue('prefect-logs_<work pool name>_<deployment id>'),
  };
  const extra = configuration.cloudwatch_logs_options;
  return { logDriver: 'awslogs', options: isPlainObject(extra) ? { ...options, ...extra } : options };
}

/**
 * Fargate gets task-level cpu and memory as strings, FARGATE compatibility
 * and `awsvpc`; other launch types get container-level integers. Older
 * workers treated a missing launch type as Fargate.
 */
function applyTaskSize(
  taskDefinition: Record<string, unknown>,
  container: Record<string, unknown> | undefined,
  launchType: unknown,
  features: WorkerFeatures,
  errors: WorkerError[],
): void {
  const cpu = isTruthy(taskDefinition.cpu) ? taskDefinition.cpu : DEFAULT_CPU;
  const memory = isTruthy(taskDefinition.memory) ? taskDefinition.memory : DEFAULT_MEMORY;
  // Before 0.6.0 the worker read the launch type with a FARGATE default, so
  // only a missing key counted as Fargate, not an empty or null one.
  const fargate =
    (typeof launchType === 'string' && FARGATE_LAUNCH_TYPES.has(launchType)) ||
    (launchType === undefined && !features.missingLaunchTypeIsNotFargate);

  if (fargate) {
    taskDefinition.cpu = stringify(cpu);
    taskDefinition.memory = stringify(memory);
    const compatibilities = Array.isArray(taskDefinition.requiresCompatibilities)
      ? [...taskDefinition.requiresCompatibilities]
      : [];
    if (!compatibilities.includes('FARGATE')) {
      compatibilities.push('FARGATE');
    }
    taskDefinition.requiresCompatibilities = compatibilities;
    // A value the template sets is kept, even an empty one that the
    // cleanup removes afterwards.
    if (!('networkMode' in taskDefinition)) {
      taskDefinition.networkMode = 'awsvpc';
    }
    return;
  }

  if (container) {
    // The worker casts the task size with Python's int(), which fails on
    // AWS's unit strings such as "1 vCPU" or "2 GB".
    for (const [key, value] of [['cpu', cpu], ['memory', memory]] as const) {
      if (container[key] !== undefined) {
        continue;
      }
      if (typeof value === 'string' && !/^\s*[+-]?\d+\s*$/.test(value)) {
        errors.push({
          code: 'task-size-not-integer',
          message: `ValueError: invalid literal for int() with base 10: '${value}'`,
          pointer: `/task_definition/${key}`,
        });
        continue;
      }
      container[key] = toInteger(value);
    }
  }
  for (const key of ['cpu', 'memory'] as const) {
    if (isTruthy(taskDefinition[key])) {
      taskDefinition[key] = stringify(taskDefinition[key]);
    }
  }
}

function addPrefectSecrets(
  configuration: Record<string, unknown>,
  taskDefinition: Record<string, unknown>,
  containerName: string,
  features: WorkerFeatures,
): void {
  const secrets: Record<string, unknown>[] = [];
  // Workers that predate these keys ignore them.
  const known = (key: string): boolean => isKeyKnownTo(key, features.knownKeysVersion);
  if (isTruthy(configuration.prefect_api_key_secret_arn) && known('prefect_api_key_secret_arn')) {
    secrets.push({ name: 'PREFECT_API_KEY', valueFrom: configuration.prefect_api_key_secret_arn });
  }
  if (isTruthy(configuration.prefect_api_auth_string_secret_arn) && known('prefect_api_auth_string_secret_arn')) {
    secrets.push({ name: 'PREFECT_API_AUTH_STRING', valueFrom: configuration.prefect_api_auth_string_secret_arn });
  }
  const container = containerList(taskDefinition).find((c) => c.name === containerName);
  if (secrets.length === 0 || !container) {
    return;
  }
  const names = new Set(secrets.map((s) => s.name));
  const existing = Array.isArray(container.secrets) ? (container.secrets as Record<string, unknown>[]) : [];
  container.secrets = features.mergesSecrets
    ? [...existing.filter((s) => !names.has(s.name as string)), ...secrets]
    : secrets;
  if (Array.isArray(container.environment)) {
    container.environment = (container.environment as Record<string, unknown>[]).filter(
      (item) => !names.has(item.name as string),
    );
  }
}

function validateTaskDefinition(
  configuration: Record<string, unknown>,
  taskDefinition: Record<string, unknown>,
  runRequest: Record<string, unknown>,
  features: WorkerFeatures,
  errors: WorkerError[],
): void {
  if (isTruthy(configuration.configure_cloudwatch_logs) && !isTruthy(taskDefinition.executionRoleArn)) {
    errors.push({
      code: 'task-definition-execution-role-missing',
      message:
        'An execution role arn must be set on the task definition to use `configure_cloudwatch_logs` or `stream_logs` but no execution role was found on the task definition.',
    });
  }
  const strategy = runRequest.capacityProviderStrategy;
  const compatibilities = Array.isArray(taskDefinition.requiresCompatibilities)
    ? taskDefinition.requiresCompatibilities
    : ['FARGATE'];
  let launchType = runRequest.launchType;
  if (isUnknown(launchType) || isUnknown(strategy)) {
    return;
  }
  if (!isTruthy(launchType) && !isTruthy(strategy)) {
    const ec2 = features.omitsLaunchTypeForEc2Compatibility && compatibilities.includes('EC2');
    launchType = ec2 ? undefined : 'FARGATE';
  }
  if (isTruthy(strategy) && launchType !== 'FARGATE_SPOT') {
    return;
  }
  if (compatibilities.includes('EC2') && !isTruthy(launchType)) {
    return;
  }
  if (launchType !== 'EC2' && !compatibilities.includes('FARGATE')) {
    errors.push({
      code: 'requires-compatibilities-missing-fargate',
      message: `Task definition does not have 'FARGATE' in 'requiresCompatibilities' and cannot be used with launch type '${String(launchType)}'`,
    });
  }
  const networkMode = taskDefinition.networkMode ?? 'awsvpc';
  if (typeof launchType === 'string' && FARGATE_LAUNCH_TYPES.has(launchType) && networkMode !== 'awsvpc') {
    errors.push({
      code: 'network-mode-incompatible',
      message: `Found network mode '${String(networkMode)}' which is not compatible with launch type '${launchType}'. Use either the 'EC2' launch type or the 'awsvpc' network mode.`,
    });
  }
}

function prepareRunTaskRequest(
  configuration: Record<string, unknown>,
  rendered: Record<string, unknown>,
  taskDefinition: Record<string, unknown> | undefined,
  containerName: string | undefined,
  features: WorkerFeatures,
  errors: WorkerError[],
): { request: Record<string, unknown>; inferredNetworkConfiguration: boolean } {
  const request = deepCopy(rendered);

  if ('taskDefinition' in request && !isTruthy(request.taskDefinition) && taskDefinition) {
    errors.push({
      code: 'task-definition-arn-mismatch',
      message: `Task definition ARN mismatch: '${String(request.taskDefinition ?? 'None')}' != '<registered task definition ARN>'`,
    });
  }
  if (!('taskDefinition' in request)) {
    request.taskDefinition = new InferredValue('the ARN of the registered task definition');
  }

  if (features.fillsRunRequestCluster && isTruthy(configuration.cluster) && !isTruthy(request.cluster)) {
    request.cluster = configuration.cluster;
  }

  applyLaunchType(request, taskDefinition, features);
  const inferredNetworkConfiguration = applyNetworkConfiguration(configuration, request, taskDefinition);
  prepareOverrides(configuration, request, containerName);
  return { request, inferredNetworkConfiguration };
}

function applyLaunchType(
  request: Record<string, unknown>,
  taskDefinition: Record<string, unknown> | undefined,
  features: WorkerFeatures,
): void {
  const hasStrategy = isTruthy(request.capacityProviderStrategy);
  if (!isTruthy(request.launchType) && features.defaultsRunRequestLaunchType) {
    const compatibilities = taskDefinition?.requiresCompatibilities;
    const ec2 =
      features.omitsLaunchTypeForEc2Compatibility && Array.isArray(compatibilities) && compatibilities.includes('EC2');
    if (ec2) {
      delete request.launchType;
    } else {
      request.launchType = 'FARGATE';
    }
  }

  if (request.launchType === 'FARGATE_SPOT' && !features.dropsLaunchTypeWithStrategy && hasStrategy) {
    // Workers before 0.4.14 dropped FARGATE_SPOT and kept a given strategy.
    delete request.launchType;
  } else if (hasStrategy) {
    if (features.dropsLaunchTypeWithStrategy) {
      delete request.launchType;
    }
  } else if (request.launchType === 'FARGATE_SPOT') {
    delete request.launchType;
    request.capacityProviderStrategy = [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }];
  }
}

/**
 * Only an `awsvpc` task gets a network configuration. A custom
 * `network_configuration` with a `vpc_id` becomes the `awsvpcConfiguration`;
 * with neither it and no literal one, the worker infers one from the VPC's
 * subnets with a public IP.
 */
function applyNetworkConfiguration(
  configuration: Record<string, unknown>,
  request: Record<string, unknown>,
  taskDefinition: Record<string, unknown> | undefined,
): boolean {
  if (taskDefinition?.networkMode !== 'awsvpc') {
    return false;
  }
  const custom = configuration.network_configuration;
  if (isTruthy(custom) && isTruthy(configuration.vpc_id)) {
    request.networkConfiguration = { awsvpcConfiguration: custom };
    return false;
  }
  if (isTruthy(request.networkConfiguration) || isTruthy(custom)) {
    return false;
  }
  const vpc = isTruthy(configuration.vpc_id) ? `VPC ${String(configuration.vpc_id)}` : 'the default VPC';
  request.networkConfiguration = {
    awsvpcConfiguration: {
      subnets: new InferredValue(`every subnet of ${vpc}`),
      assignPublicIp: 'ENABLED',
      securityGroups: [],
    },
  };
  return true;
}

function prepareOverrides(
  configuration: Record<string, unknown>,
  request: Record<string, unknown>,
  containerName: string | undefined,
): void {
  const overrides = isPlainObject(request.overrides) ? request.overrides : {};
  const containerOverrides = Array.isArray(overrides.containerOverrides)
    ? (overrides.containerOverrides as unknown[]).filter(isPlainObject)
    : [];
  const first = containerOverrides[0];
  if (first && first.name === undefined && containerName) {
    first.name = containerName;
  }
  let orchestration = containerOverrides.find((o) => o.name === containerName);
  if (!orchestration && containerName) {
    orchestration = { name: containerName };
    containerOverrides.push(orchestration);
  }
  if (orchestration) {
    const command = isTruthy(configuration.command) ? configuration.command : 'prefect flow-run execute';
    orchestration.command = typeof command === 'string' ? splitShellWords(command) : command;
    orchestration.environment = orchestrationEnvironment(orchestration.environment, configuration.env);
  }
  for (const override of containerOverrides) {
    if (typeof override.command === 'string') {
      override.command = splitShellWords(override.command);
    }
    if (isPlainObject(override.environment)) {
      override.environment = environmentList(override.environment);
    }
  }
  overrides.containerOverrides = containerOverrides.filter((o) => Object.keys(o).length > 0);
  for (const key of ['cpu', 'memory'] as const) {
    if (isTruthy(overrides[key]) && !isUnknown(overrides[key])) {
      overrides[key] = String(overrides[key]);
    }
  }
  request.overrides = overrides;

  if (isPlainObject(request.tags)) {
    request.tags = Object.entries(request.tags)
      .filter(([, value]) => value !== null)
      .map(([key, value]) => ({ key, value }));
  }
}

/** Template entries not redefined by `env`, then every non-null `env` entry. */
function orchestrationEnvironment(templateEnvironment: unknown, env: unknown): unknown[] {
  const envObject = isPlainObject(env) ? env : {};
  const fromTemplate = Array.isArray(templateEnvironment)
    ? templateEnvironment.filter((item) => !(isPlainObject(item) && String(item.name) in envObject))
    : isPlainObject(templateEnvironment)
      ? environmentList(templateEnvironment).filter((item) => !(String(item.name) in envObject))
      : [];
  return [...fromTemplate, ...environmentList(envObject)];
}

function environmentList(environment: Record<string, unknown>): { name: string; value: unknown }[] {
  return Object.entries(environment)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => ({ name, value }));
}

/** Splits a command the way Python's `shlex.split` does for common input. */
export function splitShellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | undefined;
  let hasWord = false;
  for (let i = 0; i < command.length; i++) {
    const character = command[i] ?? '';
    if (quote) {
      if (character === quote) {
        quote = undefined;
      } else if (character === '\\' && quote === '"' && i + 1 < command.length) {
        current += command[++i];
      } else {
        current += character;
      }
    } else if (character === '"' || character === "'") {
      quote = character;
      hasWord = true;
    } else if (character === '\\' && i + 1 < command.length) {
      current += command[++i];
      hasWord = true;
    } else if (/\s/.test(character)) {
      if (hasWord) {
        words.push(current);
        current = '';
        hasWord = false;
      }
    } else {
      current += character;
      hasWord = true;
    }
  }
  if (hasWord) {
    words.push(current);
  }
  return words;
}

function removeNullEnvironment(container: Record<string, unknown>): void {
  if (Array.isArray(container.environment)) {
    container.environment = container.environment.filter(
      (item) => !(isPlainObject(item) && item.value === null),
    );
  }
}

/**
 * Removes `null`, `""`, `[]` and `{}` from objects (and objects inside
 * arrays), as the worker does before registering. Workers before 0.7.4
 * dropped every falsy value (`false` and `0` too) before looking inside, so
 * an object that only empties out afterwards stays as `{}` there.
 */
function removeEmptyValues(value: unknown, keepFalse: boolean): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => (isPlainObject(item) ? removeEmptyValues(item, keepFalse) : item));
  }
  if (!isPlainObject(value)) {
    return value;
  }
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    if (!keepFalse) {
      if (isFalsyInPython(child)) {
        continue;
      }
      result[key] = removeEmptyValues(child, keepFalse);
      continue;
    }
    const cleaned = removeEmptyValues(child, keepFalse);
    if (!isEmptyValue(cleaned)) {
      result[key] = cleaned;
    }
  }
  return result;
}

function isFalsyInPython(value: unknown): boolean {
  return value === false || value === 0 || isEmptyValue(value);
}

function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined || value === '') {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  return isPlainObject(value) && Object.keys(value).length === 0;
}

export function isTruthy(value: unknown): boolean {
  if (isUnknown(value)) {
    return true;
  }
  if (Array.isArray(value)) {
    return value.length > 0;
  }
  if (isPlainObject(value)) {
    return Object.keys(value).length > 0;
  }
  return Boolean(value);
}

export function containerList(taskDefinition: Record<string, unknown>): Record<string, unknown>[] {
  const containers = taskDefinition.containerDefinitions;
  return Array.isArray(containers) ? containers.filter(isPlainObject) : [];
}

function asObject(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function stringify(value: unknown): unknown {
  return typeof value === 'number' ? String(value) : value;
}

function toInteger(value: unknown): unknown {
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    return Number(value);
  }
  return value;
}

/** Deep-copies plain JSON, keeping unknown and inferred markers as they are. */
function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(deepCopy) as T;
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      copy[key] = deepCopy(child);
    }
    return copy as T;
  }
  return value;
}
