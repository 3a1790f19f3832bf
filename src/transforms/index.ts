import { setExecutionRole, type SetExecutionRoleOptions } from './set-execution-role.js';
import { setNetworkConfiguration, type SetNetworkConfigurationOptions } from './set-network-configuration.js';
import type { CliOptionValues, Transform, TransformOptionSpec, TransformResult } from './types.js';
import { upgrade, type UpgradeOptions } from './upgrade.js';
import {
  useCapacityProviderStrategy,
  type UseCapacityProviderStrategyOptions,
} from './use-capacity-provider-strategy.js';
import { useEc2LaunchType, type UseEc2LaunchTypeOptions } from './use-ec2-launch-type.js';

/** The options object each transform takes, by transform id. */
export interface TransformOptionsById {
  'use-ec2-launch-type': UseEc2LaunchTypeOptions;
  'use-capacity-provider-strategy': UseCapacityProviderStrategyOptions;
  'set-network-configuration': SetNetworkConfigurationOptions;
  'set-execution-role': SetExecutionRoleOptions;
  upgrade: UpgradeOptions;
}

export type TransformId = keyof TransformOptionsById;

/**
 * A transform with its option type erased, so the CLI and the API can
 * look it up by id. Every transform checks its options when applied, so
 * callers that pass a wrong shape get a TransformError, not a crash.
 */
export interface RegisteredTransform {
  id: TransformId;
  description: string;
  options: readonly TransformOptionSpec[];
  apply(document: unknown, options: unknown): TransformResult;
  applyWithCliOptions(document: unknown, values: CliOptionValues, positionals: readonly string[]): TransformResult;
}

function register<Options>(transform: Transform<Options>): RegisteredTransform {
  return {
    id: transform.id as TransformId,
    description: transform.description,
    options: transform.options,
    apply: (document, options) => transform.apply(document, (options ?? {}) as Options),
    applyWithCliOptions: (document, values, positionals) =>
      transform.apply(document, transform.parseCliOptions(values, positionals)),
  };
}

/** Every transform, in the order the docs and `--help` list them. */
export const transforms: readonly RegisteredTransform[] = [
  register(useEc2LaunchType),
  register(useCapacityProviderStrategy),
  register(setNetworkConfiguration),
  register(setExecutionRole),
  register(upgrade),
];

export const transformsById: ReadonlyMap<string, RegisteredTransform> = new Map(
  transforms.map((transform) => [transform.id, transform]),
);

export { TransformError, type TransformErrorCode, type TransformOptionSpec, type TransformResult } from './types.js';
export type { CapacityProviderItem } from './capacity-providers.js';
export type {
  SetExecutionRoleOptions,
  SetNetworkConfigurationOptions,
  UpgradeOptions,
  UseCapacityProviderStrategyOptions,
  UseEc2LaunchTypeOptions,
};
