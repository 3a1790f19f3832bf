import { isSecurityGroupId, isSubnetId } from '../../aws/identifiers.js';
import {
  AWSVPC_MAX_SECURITY_GROUPS,
  AWSVPC_MAX_SUBNETS,
  AWSVPC_MIN_SUBNETS,
  isAssignPublicIp,
} from '../../aws/limits.js';
import type { DiagnosticLevel, Scenario } from '../../linter/types.js';
import { isPlainObject, joinPointer } from '../../parse/pointer.js';
import { isUnknown } from '../../render/unknown.js';
import { isTruthy } from '../../worker/prepare.js';
import { scenarioCapacity } from './capacity.js';
import { closestName } from './suggest-name.js';
import {
  registeredTaskDefinition,
  removedByRendering,
} from './valid-container-definitions.js';

/** The keys of RunTask's awsvpcConfiguration. */
export const AWSVPC_KEYS = ['subnets', 'securityGroups', 'assignPublicIp'];

/** CloudFormation's spelling of each awsvpcConfiguration key. */
const CLOUDFORMATION_KEYS: Record<string, string> = {
  Subnets: 'subnets',
  SecurityGroups: 'securityGroups',
  AssignPublicIp: 'assignPublicIp',
};

const WRAPPER_KEY = 'awsvpcConfiguration';
const CLOUDFORMATION_WRAPPER_KEY = 'AwsvpcConfiguration';

/** Rendered pointers, relative to `job_configuration`. */
export const NETWORK_CONFIGURATION = '/network_configuration';
export const RUN_REQUEST_NETWORK_CONFIGURATION =
  '/task_run_request/networkConfiguration';
export const RUN_REQUEST_AWSVPC = `${RUN_REQUEST_NETWORK_CONFIGURATION}/${WRAPPER_KEY}`;

/** Capacities on which AWS rejects `assignPublicIp: ENABLED`. */
const NO_PUBLIC_IP_CAPACITIES = new Set([
  'EC2',
  'EXTERNAL',
  'MANAGED_INSTANCES',
]);

/** One problem found in a network configuration, before it is located. */
export interface NetworkFinding {
  messageId: string;
  level: DiagnosticLevel;
  /** Rendered pointer of the node, relative to `job_configuration`. */
  pointer: string;
  data: Record<string, string | number>;
}

/**
 * A network configuration in the wrong form. `candidate` is the same
 * configuration in the right form, when it can be rewritten without
 * guessing.
 */
export interface ShapeProblem {
  messageId: 'notObject' | 'wrapped' | 'cloudFormationCasing' | 'notWrapped';
  data: Record<string, string>;
  candidate: Record<string, unknown> | undefined;
}

/**
 * Returns the rendered pointer of the awsvpcConfiguration that RunTask gets in
 * a scenario: `network_configuration` when it and `vpc_id` are set, else a
 * run request `networkConfiguration` written in the template. Undefined
 * when nothing is registered (a task definition ARN is used), when the
 * task is not in awsvpc mode, or when the worker infers the configuration.
 * With `assumeAwsvpc` the task definition's network mode is taken to be
 * awsvpc, to find what a change of network mode would bring into use.
 */
export function effectiveAwsvpcPointer(
  scenario: Scenario,
  options: { assumeAwsvpc?: boolean } = {},
): string | undefined {
  const taskDefinition = registeredTaskDefinition(scenario);
  if (!taskDefinition) {
    return undefined;
  }
  if (!options.assumeAwsvpc && taskDefinition.networkMode !== 'awsvpc') {
    return undefined;
  }
  const rendered = scenario.rendered.value;
  if (isTruthy(rendered.network_configuration)) {
    // Without a vpc_id the worker raises an error instead.
    return isTruthy(rendered.vpc_id) ? NETWORK_CONFIGURATION : undefined;
  }
  const runRequest = rendered.task_run_request;
  if (isPlainObject(runRequest) && isTruthy(runRequest.networkConfiguration)) {
    return RUN_REQUEST_AWSVPC;
  }
  return undefined;
}

/**
 * Finds the form problem of a value that should be the inner
 * awsvpcConfiguration object: not an object, wrapped in
 * `awsvpcConfiguration`, or written with CloudFormation's key names.
 */
export function innerShapeProblem(
  value: unknown,
  label: string,
): ShapeProblem | undefined {
  if (!isPlainObject(value)) {
    return {
      messageId: 'notObject',
      data: { label, type: typeName(value) },
      candidate: undefined,
    };
  }
  const wrapper = [WRAPPER_KEY, CLOUDFORMATION_WRAPPER_KEY].find(
    (key) => key in value,
  );
  if (wrapper !== undefined) {
    const inner = value[wrapper];
    const alone = Object.keys(value).length === 1;
    return {
      messageId: 'wrapped',
      data: { label, key: wrapper },
      candidate: alone && isPlainObject(inner) ? recased(inner) : undefined,
    };
  }
  const cased = cloudFormationKeys(value);
  if (cased.length > 0) {
    return {
      messageId: 'cloudFormationCasing',
      data: { label, keys: cased.join(', ') },
      candidate: recased(value),
    };
  }
  return undefined;
}

/**
 * Finds the form problem of a run request `networkConfiguration`, which
 * contains the awsvpcConfiguration object under the `awsvpcConfiguration`
 * key.
 */
export function outerShapeProblem(
  value: unknown,
  label: string,
): ShapeProblem | undefined {
  if (!isPlainObject(value)) {
    return {
      messageId: 'notObject',
      data: { label, type: typeName(value) },
      candidate: undefined,
    };
  }
  if (WRAPPER_KEY in value) {
    return undefined;
  }
  if (CLOUDFORMATION_WRAPPER_KEY in value) {
    const inner = value[CLOUDFORMATION_WRAPPER_KEY];
    const alone = Object.keys(value).length === 1;
    return {
      messageId: 'cloudFormationCasing',
      data: { label, keys: CLOUDFORMATION_WRAPPER_KEY },
      candidate:
        alone && isPlainObject(inner) ? wrap(recased(inner)) : undefined,
    };
  }
  const innerKeys = Object.keys(value).filter(
    (key) => AWSVPC_KEYS.includes(key) || key in CLOUDFORMATION_KEYS,
  );
  if (innerKeys.length === 0) {
    return undefined;
  }
  return {
    messageId: 'notWrapped',
    data: { label, keys: innerKeys.join(', ') },
    candidate: wrap(recased(value)),
  };
}

function wrap(
  inner: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  return inner === undefined ? undefined : { [WRAPPER_KEY]: inner };
}

function cloudFormationKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => key in CLOUDFORMATION_KEYS);
}

/**
 * Renames CloudFormation keys to RunTask's, keeping the key order.
 * Undefined when both spellings of a key are present, because choosing
 * one value would be a guess.
 */
function recased(
  value: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const result: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const name = CLOUDFORMATION_KEYS[key] ?? key;
    if (name in result || (name !== key && name in value)) {
      return undefined;
    }
    result[name] = child;
  }
  return result;
}

/**
 * Checks the keys and values of an awsvpcConfiguration object at a
 * rendered pointer. The public IP and default security group checks run
 * only when `inUse` is true: the object reaches RunTask for an awsvpc task.
 */
export function checkAwsvpcContent(
  config: Record<string, unknown>,
  pointer: string,
  scenario: Scenario,
  inUse: boolean,
): NetworkFinding[] {
  const findings: NetworkFinding[] = [
    ...unknownKeyFindings(config, pointer),
    ...subnetFindings(config, pointer, scenario),
    ...securityGroupFindings(config, pointer),
    ...assignPublicIpFindings(config, pointer),
  ];
  if (inUse) {
    findings.push(...awsvpcModeFindings(config, pointer, scenario));
  }
  return findings;
}

/**
 * Returns the findings that apply only once the configuration reaches
 * RunTask for an awsvpc task: a public IP off Fargate, and no security
 * groups.
 */
export function awsvpcModeFindings(
  config: Record<string, unknown>,
  pointer: string,
  scenario: Scenario,
): NetworkFinding[] {
  const findings: NetworkFinding[] = [];
  const capacity = scenarioCapacity(scenario);
  if (
    config.assignPublicIp === 'ENABLED' &&
    NO_PUBLIC_IP_CAPACITIES.has(capacity)
  ) {
    findings.push({
      messageId: 'publicIpNotFargate',
      level: 'error',
      pointer: joinPointer(pointer, 'assignPublicIp'),
      data: { capacity },
    });
  }
  const groups = config.securityGroups;
  const noGroups =
    (groups === undefined &&
      !removedByRendering(scenario, joinPointer(pointer, 'securityGroups'))) ||
    (Array.isArray(groups) && groups.length === 0);
  if (noGroups) {
    findings.push({
      messageId: 'defaultSecurityGroup',
      level: 'info',
      pointer,
      data: {},
    });
  }
  return findings;
}

function unknownKeyFindings(
  config: Record<string, unknown>,
  pointer: string,
): NetworkFinding[] {
  return Object.keys(config)
    .filter((key) => !AWSVPC_KEYS.includes(key))
    .map((key) => {
      const closest = closestName(key, AWSVPC_KEYS);
      return {
        messageId: 'unknownKey',
        level: 'error' as const,
        pointer: joinPointer(pointer, key),
        data: { key, hint: closest ? ` (did you mean ${closest}?)` : '' },
      };
    });
}

function subnetFindings(
  config: Record<string, unknown>,
  pointer: string,
  scenario: Scenario,
): NetworkFinding[] {
  const subnets = config.subnets;
  const subnetsPointer = joinPointer(pointer, 'subnets');
  if (subnets === undefined) {
    return removedByRendering(scenario, subnetsPointer)
      ? []
      : [{ messageId: 'missingSubnets', level: 'error', pointer, data: {} }];
  }
  if (isUnknown(subnets)) {
    return [];
  }
  if (!Array.isArray(subnets)) {
    return [notListFinding('subnets', subnets, subnetsPointer)];
  }
  const findings: NetworkFinding[] = [];
  if (
    subnets.length < AWSVPC_MIN_SUBNETS ||
    subnets.length > AWSVPC_MAX_SUBNETS
  ) {
    findings.push({
      messageId: 'subnetCount',
      level: 'error',
      pointer: subnetsPointer,
      data: {
        count: subnets.length,
        min: AWSVPC_MIN_SUBNETS,
        max: AWSVPC_MAX_SUBNETS,
      },
    });
  }
  findings.push(
    ...malformedIdFindings(
      subnets,
      subnetsPointer,
      'malformedSubnetId',
      isSubnetId,
    ),
  );
  return findings;
}

function securityGroupFindings(
  config: Record<string, unknown>,
  pointer: string,
): NetworkFinding[] {
  const groups = config.securityGroups;
  const groupsPointer = joinPointer(pointer, 'securityGroups');
  if (groups === undefined || isUnknown(groups)) {
    return [];
  }
  if (!Array.isArray(groups)) {
    return [notListFinding('securityGroups', groups, groupsPointer)];
  }
  const findings: NetworkFinding[] = [];
  if (groups.length > AWSVPC_MAX_SECURITY_GROUPS) {
    findings.push({
      messageId: 'securityGroupCount',
      level: 'error',
      pointer: groupsPointer,
      data: { count: groups.length, max: AWSVPC_MAX_SECURITY_GROUPS },
    });
  }
  findings.push(
    ...malformedIdFindings(
      groups,
      groupsPointer,
      'malformedSecurityGroupId',
      isSecurityGroupId,
    ),
  );
  return findings;
}

function assignPublicIpFindings(
  config: Record<string, unknown>,
  pointer: string,
): NetworkFinding[] {
  const value = config.assignPublicIp;
  if (value === undefined || isUnknown(value) || isAssignPublicIp(value)) {
    return [];
  }
  return [
    {
      messageId: 'invalidAssignPublicIp',
      level: 'error',
      pointer: joinPointer(pointer, 'assignPublicIp'),
      data: { value: JSON.stringify(value) },
    },
  ];
}

function notListFinding(
  key: string,
  value: unknown,
  pointer: string,
): NetworkFinding {
  return {
    messageId: 'notList',
    level: 'error',
    pointer,
    data: { key, type: typeName(value) },
  };
}

function malformedIdFindings(
  ids: unknown[],
  listPointer: string,
  messageId: string,
  isValid: (value: unknown) => boolean,
): NetworkFinding[] {
  const findings: NetworkFinding[] = [];
  ids.forEach((id, index) => {
    if (isUnknown(id) || isValid(id)) {
      return;
    }
    findings.push({
      messageId,
      level: 'warning',
      pointer: joinPointer(listPointer, index),
      data: { id: JSON.stringify(id) },
    });
  });
  return findings;
}

/** Describes a value's JSON type for messages, with the value for scalars. */
export function typeName(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  switch (typeof value) {
    case 'string':
      return `the string ${JSON.stringify(value)}`;
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return `the boolean ${String(value)}`;
    default:
      return 'an object';
  }
}
