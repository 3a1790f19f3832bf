import {
  classifyCapacityProvider,
  isValidCapacityProviderBase,
  isValidCapacityProviderWeight,
  CAPACITY_PROVIDER_BASE_MAX,
  CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS,
  CAPACITY_PROVIDER_WEIGHT_MAX,
} from '../aws/index.js';
import { isPlainObject } from '../parse/pointer.js';
import { TransformError } from './types.js';

/** One item of a capacity provider strategy, complete as Prefect's schema requires. */
export interface CapacityProviderItem {
  capacityProvider: string;
  weight: number;
  base: number;
}

/** Fargate providers (`FARGATE`, `FARGATE_SPOT`) or Auto Scaling group providers. */
export type ProviderKind = 'fargate' | 'auto-scaling-group';

const DEFAULT_WEIGHT = 1;
const DEFAULT_BASE = 0;

function invalidOption(message: string): TransformError {
  return new TransformError('invalid-option', message);
}

/** Reads `NAME[:weight[:base]]`; weight defaults to 1 and base to 0. */
export function parseProviderSpec(spec: string): CapacityProviderItem {
  const parts = spec.split(':');
  const [name = '', weight, base] = parts;
  if (parts.length > 3 || name === '') {
    throw invalidOption(`Invalid capacity provider "${spec}": write it as NAME, NAME:WEIGHT or NAME:WEIGHT:BASE.`);
  }
  return {
    capacityProvider: name,
    weight: weight === undefined ? DEFAULT_WEIGHT : parseWholeNumber(weight, spec, 'weight'),
    base: base === undefined ? DEFAULT_BASE : parseWholeNumber(base, spec, 'base'),
  };
}

function parseWholeNumber(text: string, spec: string, field: string): number {
  if (!/^\d+$/.test(text)) {
    throw invalidOption(`Invalid ${field} "${text}" in capacity provider "${spec}": give a whole number.`);
  }
  return Number(text);
}

/**
 * Checks a strategy against the limits AWS enforces and returns which kind
 * of providers it uses. AWS rejects a strategy that mixes Fargate and Auto
 * Scaling group providers, so a mix is an error here too.
 */
export function checkStrategy(items: unknown): ProviderKind {
  if (!Array.isArray(items) || items.length === 0) {
    throw invalidOption('Give at least one capacity provider, as --provider NAME[:weight[:base]].');
  }
  if (items.length > CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS) {
    throw invalidOption(
      `A capacity provider strategy takes at most ${CAPACITY_PROVIDER_STRATEGY_MAX_ITEMS} providers, but ${items.length} were given.`,
    );
  }
  const kinds = new Set<ProviderKind>();
  const names = new Set<string>();
  for (const item of items) {
    kinds.add(checkItem(item));
    const name = (item as CapacityProviderItem).capacityProvider;
    if (names.has(name)) {
      throw invalidOption(`Capacity provider "${name}" is listed twice; give each provider once.`);
    }
    names.add(name);
  }
  const strategy = items as CapacityProviderItem[];
  if (strategy.filter((item) => item.base > 0).length > 1) {
    throw invalidOption('Only one capacity provider in a strategy may have a base above 0.');
  }
  if (strategy.every((item) => item.weight === 0)) {
    throw invalidOption('At least one capacity provider needs a weight above 0, or RunTask places no task.');
  }
  if (kinds.size > 1) {
    throw invalidOption(
      'A capacity provider strategy cannot mix FARGATE or FARGATE_SPOT with Auto Scaling group providers; AWS rejects the mix. Choose one kind.',
    );
  }
  return kinds.has('fargate') ? 'fargate' : 'auto-scaling-group';
}

function checkItem(item: unknown): ProviderKind {
  if (!isPlainObject(item) || typeof item.capacityProvider !== 'string') {
    throw invalidOption(
      `Invalid capacity provider ${JSON.stringify(item)}: give an object with capacityProvider, weight and base.`,
    );
  }
  const name = item.capacityProvider;
  const kind = classifyCapacityProvider(name);
  if (kind === 'invalid') {
    throw invalidOption(
      `Invalid capacity provider name "${name}": use FARGATE, FARGATE_SPOT, or the name of an Auto Scaling group provider (letters, digits, _ and -, not starting with aws, ecs or fargate).`,
    );
  }
  if (!isValidCapacityProviderWeight(item.weight)) {
    throw invalidOption(
      `Invalid weight ${JSON.stringify(item.weight)} for capacity provider "${name}": use a whole number from 0 to ${CAPACITY_PROVIDER_WEIGHT_MAX}.`,
    );
  }
  if (!isValidCapacityProviderBase(item.base)) {
    throw invalidOption(
      `Invalid base ${JSON.stringify(item.base)} for capacity provider "${name}": use a whole number from 0 to ${CAPACITY_PROVIDER_BASE_MAX}.`,
    );
  }
  return kind === 'fargate' ? 'fargate' : 'auto-scaling-group';
}
