import type { Rule } from '../linter/types.js';
import noLaunchTypeWithCapacityProviderStrategy from './no-launch-type-with-capacity-provider-strategy.js';
import noUndeclaredPlaceholder from './no-undeclared-placeholder.js';
import noUnusedVariable from './no-unused-variable.js';
import requireExecutionRole from './require-execution-role.js';
import requireNetworkConfigurationForAwsvpc from './require-network-configuration-for-awsvpc.js';
import validPlaceholder from './valid-placeholder.js';
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
  noLaunchTypeWithCapacityProviderStrategy,
  requireNetworkConfigurationForAwsvpc,
  requireExecutionRole,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((rule) => [rule.id, rule]));
