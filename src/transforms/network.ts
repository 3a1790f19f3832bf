import type { AssignPublicIp } from '../aws/index.js';
import { isPlainObject } from '../parse/pointer.js';
import { hasPlaceholder, type TemplateDraft } from './draft.js';
import {
  checkAssignPublicIp,
  checkSecurityGroups,
  checkSubnets,
  checkVpcId,
  cliList,
  cliString,
} from './option-values.js';
import { variableSchema } from './schemas.js';
import { TransformError, type CliOptionValues, type TransformOptionSpec } from './types.js';

/** The network modes the EC2 transforms write; `host` and `none` are left to the user. */
export type Ec2NetworkMode = 'bridge' | 'awsvpc';

export interface NetworkOptions {
  /** `bridge` unless subnets are given, which imply `awsvpc`. */
  networkMode?: Ec2NetworkMode;
  subnets?: string[];
  securityGroups?: string[];
  vpcId?: string;
  assignPublicIp?: AssignPublicIp;
}

/** Checked settings for the awsvpc configuration. */
export interface AwsvpcSettings {
  subnets?: string[];
  securityGroups?: string[];
  vpcId?: string;
  assignPublicIp?: AssignPublicIp;
}

export const SUBNET_OPTION: TransformOptionSpec = {
  name: 'subnet',
  valueName: 'ID',
  multiple: true,
  description: 'Subnet for awsvpc networking, written into the network_configuration default (repeatable, 1 to 16).',
};

export const SECURITY_GROUP_OPTION: TransformOptionSpec = {
  name: 'security-group',
  valueName: 'ID',
  multiple: true,
  description: 'Security group for awsvpc networking (repeatable, at most 5); the VPC default group when none is given.',
};

export const VPC_OPTION: TransformOptionSpec = {
  name: 'vpc',
  valueName: 'ID',
  description: 'VPC of the subnets, written into the vpc_id default; needed unless vpc_id already has a default.',
};

export const ASSIGN_PUBLIC_IP_OPTION: TransformOptionSpec = {
  name: 'assign-public-ip',
  valueName: 'ENABLED|DISABLED',
  description: 'Whether the task gets a public IP; Fargate only (default: the current default, else DISABLED).',
};

export const NETWORK_MODE_OPTION: TransformOptionSpec = {
  name: 'network-mode',
  valueName: 'bridge|awsvpc',
  description: 'Task network mode on EC2 (default: bridge, or awsvpc when --subnet is given).',
};

export function parseNetworkCliOptions(values: CliOptionValues): NetworkOptions {
  const options: NetworkOptions = {};
  const mode = cliString(values, 'network-mode');
  if (mode !== undefined) {
    if (mode !== 'bridge' && mode !== 'awsvpc') {
      throw new TransformError('invalid-option', `Invalid network mode "${mode}": use bridge or awsvpc.`);
    }
    options.networkMode = mode;
  }
  const subnets = cliList(values, 'subnet');
  const securityGroups = cliList(values, 'security-group');
  const vpcId = cliString(values, 'vpc');
  const assignPublicIp = cliString(values, 'assign-public-ip');
  if (subnets) {
    options.subnets = subnets;
  }
  if (securityGroups) {
    options.securityGroups = securityGroups;
  }
  if (vpcId !== undefined) {
    options.vpcId = vpcId;
  }
  if (assignPublicIp !== undefined) {
    options.assignPublicIp = assignPublicIp as AssignPublicIp;
  }
  return options;
}

/** Checks the id formats and counts; throws TransformError naming the bad value. */
export function checkAwsvpcSettings(options: AwsvpcSettings): AwsvpcSettings {
  const checked: AwsvpcSettings = {};
  if (options.subnets !== undefined) {
    checked.subnets = checkSubnets(options.subnets);
  }
  if (options.securityGroups !== undefined) {
    checked.securityGroups = checkSecurityGroups(options.securityGroups);
  }
  if (options.vpcId !== undefined) {
    checked.vpcId = checkVpcId(options.vpcId);
  }
  if (options.assignPublicIp !== undefined) {
    checked.assignPublicIp = checkAssignPublicIp(options.assignPublicIp);
  }
  return checked;
}

/**
 * Decides the network mode of an EC2 task: subnets or security groups mean
 * awsvpc, and an EC2 task never gets a public IP, because AWS rejects
 * `assignPublicIp: ENABLED` for every launch type but Fargate.
 */
export function resolveEc2NetworkMode(options: NetworkOptions): Ec2NetworkMode {
  const wantsAwsvpcSettings =
    options.subnets !== undefined || options.securityGroups !== undefined || options.vpcId !== undefined;
  if (options.assignPublicIp === 'ENABLED') {
    throw new TransformError(
      'invalid-option',
      'assignPublicIp ENABLED is for Fargate only: AWS rejects it for EC2 tasks ("Assign public IP is not supported for this launch type"). Leave it out or use DISABLED.',
    );
  }
  if (options.networkMode === 'bridge' && wantsAwsvpcSettings) {
    throw new TransformError(
      'invalid-option',
      'Subnets, security groups and a VPC apply to awsvpc mode only; drop them or use --network-mode awsvpc.',
    );
  }
  return options.networkMode ?? (wantsAwsvpcSettings ? 'awsvpc' : 'bridge');
}

/**
 * Switches the task to bridge mode, which takes no network configuration:
 * RunTask rejects one, and the worker adds one only in awsvpc mode. The
 * wiring for it is removed so that no stale subnet or public IP setting
 * stays behind.
 */
export function applyBridgeNetwork(draft: TemplateDraft, taskDefinition: Record<string, unknown>): void {
  setNetworkMode(draft, taskDefinition, 'bridge');
  const runRequest = draft.section('task_run_request', false);
  if (runRequest && 'networkConfiguration' in runRequest) {
    delete runRequest.networkConfiguration;
    draft.note('Removed task_run_request.networkConfiguration: RunTask rejects a network configuration in bridge mode.');
  }
  const removedKeys: string[] = [];
  const removedVariables: string[] = [];
  for (const key of ['network_configuration', 'vpc_id']) {
    if (key in draft.jobConfiguration) {
      delete draft.jobConfiguration[key];
      removedKeys.push(key);
    }
    if (draft.removeVariableIfUnused(key)) {
      removedVariables.push(key);
    }
  }
  const where = describeRemoval(removedKeys, removedVariables);
  if (where !== undefined) {
    draft.note(
      `Removed ${where}: in bridge mode the worker sends no network configuration, because the task uses the container instance's network.`,
    );
  }
}

function describeRemoval(keys: string[], variables: string[]): string | undefined {
  const names = (list: string[]): string => list.join(' and ');
  if (keys.length > 0 && names(keys) === names(variables)) {
    return `${names(keys)} from job_configuration and from the variables`;
  }
  const phrases: string[] = [];
  if (keys.length > 0) {
    phrases.push(`${names(keys)} from job_configuration`);
  }
  if (variables.length > 0) {
    phrases.push(`${names(variables)} from the variables`);
  }
  return phrases.length > 0 ? phrases.join(', and ') : undefined;
}

export function setNetworkMode(draft: TemplateDraft, taskDefinition: Record<string, unknown>, mode: string): void {
  const previous = taskDefinition.networkMode;
  if (previous === mode) {
    return;
  }
  taskDefinition.networkMode = mode;
  if (previous !== undefined) {
    draft.note(`Changed task_definition.networkMode from ${JSON.stringify(previous)} to "${mode}".`);
  }
}

/**
 * Writes the awsvpc configuration as the defaults of `network_configuration`
 * and `vpc_id` and wires both into job_configuration. Values missing from
 * `settings` come from the template's current defaults, so a template that
 * already names its subnets keeps them. The worker refuses a
 * network_configuration without a vpc_id, so a VPC is required.
 */
export function applyAwsvpcConfiguration(
  draft: TemplateDraft,
  settings: AwsvpcSettings,
  allowPublicIp: boolean,
): void {
  const existing = currentAwsvpcConfiguration(draft);
  const subnets = settings.subnets ?? stringList(existing?.subnets);
  if (!subnets || subnets.length === 0) {
    throw new TransformError(
      'invalid-option',
      'awsvpc mode needs subnets and the template has none: give --subnet ID once per subnet.',
    );
  }
  const securityGroups = settings.securityGroups ?? stringList(existing?.securityGroups) ?? [];
  const assignPublicIp = resolveAssignPublicIp(draft, settings, existing, allowPublicIp);
  const vpcId = settings.vpcId ?? currentVpcId(draft);
  if (vpcId === undefined) {
    throw new TransformError(
      'invalid-option',
      'The worker uses network_configuration only together with a vpc_id, and the template has none: give --vpc ID.',
    );
  }

  const configuration: Record<string, unknown> = { subnets };
  if (securityGroups.length > 0) {
    configuration.securityGroups = securityGroups;
  }
  configuration.assignPublicIp = assignPublicIp;

  wireWithDefault(draft, 'network_configuration', configuration);
  wireWithDefault(draft, 'vpc_id', vpcId);

  const runRequest = draft.section('task_run_request', false);
  if (runRequest && 'networkConfiguration' in runRequest) {
    delete runRequest.networkConfiguration;
    draft.note(
      'Removed task_run_request.networkConfiguration: with network_configuration and vpc_id set, the worker replaces it anyway.',
    );
  }
}

function resolveAssignPublicIp(
  draft: TemplateDraft,
  settings: AwsvpcSettings,
  existing: Record<string, unknown> | undefined,
  allowPublicIp: boolean,
): AssignPublicIp {
  if (settings.assignPublicIp === 'ENABLED' && !allowPublicIp) {
    throw new TransformError(
      'invalid-option',
      'assignPublicIp ENABLED is for Fargate only: AWS rejects it for EC2 tasks. Leave it out or use DISABLED.',
    );
  }
  if (settings.assignPublicIp !== undefined) {
    return settings.assignPublicIp;
  }
  const current = existing?.assignPublicIp;
  if (current === 'ENABLED' && !allowPublicIp) {
    draft.note('Changed assignPublicIp from ENABLED to DISABLED: EC2 tasks cannot get a public IP.');
    return 'DISABLED';
  }
  return current === 'ENABLED' || current === 'DISABLED' ? current : 'DISABLED';
}

/** Wires `job_configuration.<name>` to its variable and sets the variable's default. */
function wireWithDefault(draft: TemplateDraft, name: 'network_configuration' | 'vpc_id', value: unknown): void {
  const previous = draft.wireJobConfiguration(name);
  if (previous !== undefined && !hasPlaceholder(previous)) {
    draft.note(
      `Replaced the literal job_configuration.${name} with the ${name} variable, whose default now holds the value.`,
    );
  }
  draft.setDefault(name, variableSchema(name), value);
}

/**
 * The awsvpc configuration the template gives today: the
 * network_configuration default or a literal in job_configuration, with
 * a mistaken `awsvpcConfiguration` wrapper taken off.
 */
function currentAwsvpcConfiguration(draft: TemplateDraft): Record<string, unknown> | undefined {
  const literal = draft.jobConfiguration.network_configuration;
  const value = isPlainObject(literal) ? literal : draft.defaultOf('network_configuration');
  if (!isPlainObject(value)) {
    return undefined;
  }
  return isPlainObject(value.awsvpcConfiguration) ? value.awsvpcConfiguration : value;
}

function currentVpcId(draft: TemplateDraft): string | undefined {
  const literal = draft.jobConfiguration.vpc_id;
  if (typeof literal === 'string' && literal !== '' && !hasPlaceholder(literal)) {
    return literal;
  }
  const fallback = draft.defaultOf('vpc_id');
  return typeof fallback === 'string' && fallback !== '' ? fallback : undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
    return undefined;
  }
  return value as string[];
}
