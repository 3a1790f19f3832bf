import { classifyCapacityProvider } from '../aws/identifiers.js';
import {
  CAPACITY_PROVIDER_BASE_MAX,
  CAPACITY_PROVIDER_BASE_MIN,
  CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS,
  CAPACITY_PROVIDER_WEIGHT_MAX,
  CAPACITY_PROVIDER_WEIGHT_MIN,
  isValidCapacityProviderBase,
  isValidCapacityProviderWeight,
} from '../aws/limits.js';
import type { RuleContext, Scenario } from '../linter/types.js';
import { isPlainObject, joinPointer } from '../parse/pointer.js';
import { isUnknown } from '../render/unknown.js';
import { createRule } from './utils/create-rule.js';

/** The strategy as rendered, before the worker builds its own from `FARGATE_SPOT`. */
const STRATEGY = '/task_run_request/capacityProviderStrategy';
const ITEM_FIELDS = ['capacityProvider', 'weight', 'base'] as const;

export default createRule({
  id: 'valid-capacity-provider-strategy',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require capacity provider strategies that ECS and Prefect accept.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: false,
    messages: {
      notObject:
        'Capacity provider strategy item {{index}} is {{value}}; each item must be an object with capacityProvider, weight and base.',
      missingField:
        "Capacity provider strategy item {{index}} has no {{field}}; Prefect's CapacityProvider schema requires capacityProvider, weight and base.",
      invalidName:
        'Capacity provider {{value}} in item {{index}} is not a valid name; use FARGATE, FARGATE_SPOT or the short name of an Auto Scaling group provider (letters, digits, "_" and "-", not starting with "aws", "ecs" or "fargate").',
      invalidWeight:
        'Capacity provider strategy item {{index}} has weight {{value}}; the weight must be an integer from {{min}} to {{max}}.',
      invalidBase:
        'Capacity provider strategy item {{index}} has base {{value}}; the base must be an integer from {{min}} to {{max}}.',
      tooManyItems:
        'The capacity provider strategy has {{count}} items; RunTask accepts at most {{max}}.',
      multipleBases:
        'The capacity provider strategy sets a base above 0 on {{count}} items ({{providers}}); only one item may have a base.',
      noWeight:
        'Every item of the capacity provider strategy has weight 0, so no provider receives tasks; at least one weight must be above 0.',
      mixedProviders:
        'The capacity provider strategy mixes Fargate providers ({{fargate}}) with Auto Scaling group providers ({{autoScaling}}), which AWS rejects ("A capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers.").',
    },
  },
  check(context) {
    for (const scenario of context.scenarios) {
      checkScenario(context, scenario);
    }
  },
});

function checkScenario(context: RuleContext, scenario: Scenario): void {
  const runRequest = scenario.rendered.value.task_run_request;
  if (!isPlainObject(runRequest)) {
    return;
  }
  const strategy = runRequest.capacityProviderStrategy;
  if (!Array.isArray(strategy) || strategy.length === 0) {
    return;
  }
  strategy.forEach((item: unknown, index) =>
    checkItem(context, scenario, item, index),
  );
  checkStrategy(context, scenario, strategy);
}

function checkItem(
  context: RuleContext,
  scenario: Scenario,
  item: unknown,
  index: number,
): void {
  const itemPointer = joinPointer(STRATEGY, index);
  const report = (
    messageId: string,
    data: Record<string, string | number>,
    pointer = itemPointer,
  ): void => {
    context.report({
      messageId,
      data: { index, ...data },
      at: scenario.locate(pointer),
      scenario,
    });
  };
  if (isUnknown(item)) {
    return;
  }
  if (!isPlainObject(item)) {
    report('notObject', { value: JSON.stringify(item) ?? String(item) });
    return;
  }
  for (const field of ITEM_FIELDS) {
    if (
      !(field in item) &&
      !isRemovedByRendering(scenario, itemPointer, field)
    ) {
      report('missingField', { field });
    }
  }
  const provider = item.capacityProvider;
  if (
    'capacityProvider' in item &&
    !isUnknown(provider) &&
    classifyCapacityProvider(provider) === 'invalid'
  ) {
    report(
      'invalidName',
      { value: JSON.stringify(provider) },
      joinPointer(itemPointer, 'capacityProvider'),
    );
  }
  const { weight, base } = item;
  if (
    'weight' in item &&
    !isUnknown(weight) &&
    !isValidCapacityProviderWeight(weight)
  ) {
    report(
      'invalidWeight',
      {
        value: JSON.stringify(weight),
        min: CAPACITY_PROVIDER_WEIGHT_MIN,
        max: CAPACITY_PROVIDER_WEIGHT_MAX,
      },
      joinPointer(itemPointer, 'weight'),
    );
  }
  if (
    'base' in item &&
    !isUnknown(base) &&
    !isValidCapacityProviderBase(base)
  ) {
    report(
      'invalidBase',
      {
        value: JSON.stringify(base),
        min: CAPACITY_PROVIDER_BASE_MIN,
        max: CAPACITY_PROVIDER_BASE_MAX,
      },
      joinPointer(itemPointer, 'base'),
    );
  }
}

/**
 * Tells whether rendering left the field out because its placeholder has no
 * value in this scenario, which makes the field unknown rather than missing.
 */
function isRemovedByRendering(
  scenario: Scenario,
  itemPointer: string,
  field: string,
): boolean {
  const origin = scenario.rendered.originOf(itemPointer);
  if (!origin || origin.source) {
    return false;
  }
  const fieldPointer = joinPointer(origin.templatePointer, field);
  return scenario.rendered.removed.some(
    (node) => node.templatePointer === fieldPointer,
  );
}

/** Runs the checks that involve several items. An item that is not an object stops all but the item count. */
function checkStrategy(
  context: RuleContext,
  scenario: Scenario,
  strategy: unknown[],
): void {
  const report = (
    messageId: string,
    data: Record<string, string | number> = {},
  ): void => {
    context.report({
      messageId,
      data,
      at: scenario.locate(STRATEGY),
      scenario,
    });
  };
  if (strategy.length > CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS) {
    report('tooManyItems', {
      count: strategy.length,
      max: CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS,
    });
  }
  const items = strategy.filter(isPlainObject);
  if (items.length !== strategy.length) {
    return;
  }

  const withBase = items.filter(
    (item) => typeof item.base === 'number' && item.base > 0,
  );
  if (withBase.length > 1) {
    report('multipleBases', {
      count: withBase.length,
      providers: providerList(withBase),
    });
  }

  // AWS treats a missing weight as 0.
  const weights = items.map((item) => ('weight' in item ? item.weight : 0));
  if (weights.every((weight) => weight === 0)) {
    report('noWeight');
  }

  const providers = items.map((item) => item.capacityProvider);
  if (
    providers.every(
      (provider): provider is string => typeof provider === 'string',
    )
  ) {
    const fargate = providers.filter(
      (provider) => classifyCapacityProvider(provider) === 'fargate',
    );
    const autoScaling = providers.filter(
      (provider) => classifyCapacityProvider(provider) === 'custom',
    );
    if (fargate.length > 0 && autoScaling.length > 0) {
      report('mixedProviders', {
        fargate: quoteList(fargate),
        autoScaling: quoteList(autoScaling),
      });
    }
  }
}

function providerList(items: Record<string, unknown>[]): string {
  return items
    .map((item) =>
      typeof item.capacityProvider === 'string'
        ? JSON.stringify(item.capacityProvider)
        : 'unnamed',
    )
    .join(', ');
}

function quoteList(names: string[]): string {
  return [...new Set(names)].map((name) => JSON.stringify(name)).join(', ');
}
