import {
  isAssignPublicIp,
  isIamRoleArn,
  isSecurityGroupId,
  isSubnetId,
  isVpcId,
  ASSIGN_PUBLIC_IP_VALUES,
  AWSVPC_MAX_SECURITY_GROUPS,
  AWSVPC_MAX_SUBNETS,
  type AssignPublicIp,
} from '../aws/index.js';
import { findPlaceholders } from '../placeholders/grammar.js';
import { TransformError, type CliOptionValues } from './types.js';

/**
 * True for a whole `{{ prefect.variables.* }}` or `{{ prefect.blocks.* }}`
 * reference, which Prefect resolves when the flow run starts, so an id
 * can live in a Prefect variable instead of the template.
 */
export function isPrefectReference(value: string): boolean {
  const matches = findPlaceholders(value);
  const only = matches[0];
  return (
    matches.length === 1 &&
    only !== undefined &&
    only.text === value &&
    (only.kind === 'prefect-variable' || only.kind === 'prefect-block')
  );
}

function invalidOption(message: string): TransformError {
  return new TransformError('invalid-option', message);
}

export function checkSubnets(subnets: readonly string[]): string[] {
  if (subnets.length === 0 || subnets.length > AWSVPC_MAX_SUBNETS) {
    throw invalidOption(
      `An awsvpc configuration takes 1 to ${AWSVPC_MAX_SUBNETS} subnets, but ${subnets.length} were given.`,
    );
  }
  for (const subnet of subnets) {
    if (!isSubnetId(subnet) && !isPrefectReference(subnet)) {
      throw invalidOption(
        `Invalid subnet "${subnet}": give a subnet id such as subnet-0123456789abcdef0, or a {{ prefect.variables.NAME }} reference.`,
      );
    }
  }
  return unique(subnets);
}

export function checkSecurityGroups(groups: readonly string[]): string[] {
  if (groups.length > AWSVPC_MAX_SECURITY_GROUPS) {
    throw invalidOption(
      `An awsvpc configuration takes at most ${AWSVPC_MAX_SECURITY_GROUPS} security groups, but ${groups.length} were given.`,
    );
  }
  for (const group of groups) {
    if (!isSecurityGroupId(group) && !isPrefectReference(group)) {
      throw invalidOption(
        `Invalid security group "${group}": give a security group id such as sg-0123456789abcdef0, or a {{ prefect.variables.NAME }} reference.`,
      );
    }
  }
  return unique(groups);
}

export function checkVpcId(vpc: string): string {
  if (!isVpcId(vpc) && !isPrefectReference(vpc)) {
    throw invalidOption(
      `Invalid VPC "${vpc}": give a VPC id such as vpc-0123456789abcdef0, or a {{ prefect.variables.NAME }} reference.`,
    );
  }
  return vpc;
}

export function checkAssignPublicIp(value: string): AssignPublicIp {
  if (!isAssignPublicIp(value)) {
    throw invalidOption(`Invalid assignPublicIp "${value}": use ${ASSIGN_PUBLIC_IP_VALUES.join(' or ')}.`);
  }
  return value;
}

export function checkExecutionRoleArn(arn: string): string {
  if (!isIamRoleArn(arn) && !isPrefectReference(arn)) {
    throw invalidOption(
      `Invalid execution role "${arn}": give an IAM role ARN such as arn:aws:iam::123456789012:role/ecsTaskExecutionRole.`,
    );
  }
  return arn;
}

/** Reads a repeatable CLI option as a list; a single string counts as one value. */
export function cliList(values: CliOptionValues, name: string): string[] | undefined {
  const value = values[name];
  if (value === undefined || typeof value === 'boolean') {
    return undefined;
  }
  return typeof value === 'string' ? [value] : [...value];
}

/** Reads a single-valued CLI option; the last value wins when it is repeated. */
export function cliString(values: CliOptionValues, name: string): string | undefined {
  const value = values[name];
  if (value === undefined || typeof value === 'boolean') {
    return undefined;
  }
  return typeof value === 'string' ? value : value[value.length - 1];
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
