import type { Rule } from '../linter/types.js';
import fargateRequiresAwsvpc from './fargate-requires-awsvpc.js';
import launchTypeCompatibility from './launch-type-compatibility.js';
import noIgnoredTaskDefinition from './no-ignored-task-definition.js';
import noLaunchTypeWithCapacityProviderStrategy from './no-launch-type-with-capacity-provider-strategy.js';
import noLostDefaultKeys from './no-lost-default-keys.js';
import noPlaintextSecrets from './no-plaintext-secrets.js';
import noUndeclaredPlaceholder from './no-undeclared-placeholder.js';
import noUnusedVariable from './no-unused-variable.js';
import requireExecutionRole from './require-execution-role.js';
import requireNetworkConfigurationForAwsvpc from './require-network-configuration-for-awsvpc.js';
import requireRunRequestCluster from './require-run-request-cluster.js';
import validAwsIdentifiers from './valid-aws-identifiers.js';
import validCapacityProviderStrategy from './valid-capacity-provider-strategy.js';
import validCloudwatchLogs from './valid-cloudwatch-logs.js';
import validContainerDefinitions from './valid-container-definitions.js';
import validFamilyName from './valid-family-name.js';
import validFargateTaskSize from './valid-fargate-task-size.js';
import validJobVariables from './valid-job-variables.js';
import validNetworkConfiguration from './valid-network-configuration.js';
import validPlaceholder from './valid-placeholder.js';
import validTags from './valid-tags.js';
import validTemplateShape from './valid-template-shape.js';
import validVariableDefault from './valid-variable-default.js';
import validVariablesSchema from './valid-variables-schema.js';

/** Every rule, in the order of the rule catalogue. */
export const rules: readonly Rule[] = [
  validTemplateShape,
  noUndeclaredPlaceholder,
  noUnusedVariable,
  validPlaceholder,
  validVariablesSchema,
  validVariableDefault,
  validJobVariables,
  noLostDefaultKeys,
  noLaunchTypeWithCapacityProviderStrategy,
  validCapacityProviderStrategy,
  launchTypeCompatibility,
  requireNetworkConfigurationForAwsvpc,
  validNetworkConfiguration,
  requireExecutionRole,
  validFargateTaskSize,
  fargateRequiresAwsvpc,
  validContainerDefinitions,
  noIgnoredTaskDefinition,
  validCloudwatchLogs,
  noPlaintextSecrets,
  validTags,
  requireRunRequestCluster,
  validAwsIdentifiers,
  validFamilyName,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));
