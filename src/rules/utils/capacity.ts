import { isPlainObject } from '../../parse/pointer.js';
import { isUnknown } from '../../render/unknown.js';
import type { Scenario } from '../../linter/types.js';

const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

/** The capacity a strategy runs on: Fargate, EC2 Auto Scaling groups, both, or unknown. */
export type StrategyKind = 'fargate' | 'auto-scaling-group' | 'mixed' | 'unknown';

export function strategyKind(strategy: unknown): StrategyKind | undefined {
  if (isUnknown(strategy)) {
    return 'unknown';
  }
  if (!Array.isArray(strategy) || strategy.length === 0) {
    return undefined;
  }
  const kinds = new Set<string>();
  for (const item of strategy) {
    const provider = isPlainObject(item) ? item.capacityProvider : undefined;
    if (typeof provider !== 'string' || isUnknown(provider)) {
      return 'unknown';
    }
    kinds.add(FARGATE_PROVIDERS.has(provider) ? 'fargate' : 'auto-scaling-group');
  }
  if (kinds.size > 1) {
    return 'mixed';
  }
  return kinds.has('fargate') ? 'fargate' : 'auto-scaling-group';
}

/** The capacity a task runs on once the worker has prepared the request. */
export type Capacity = 'FARGATE' | 'EC2' | 'EXTERNAL' | 'MANAGED_INSTANCES' | 'cluster-default' | 'unknown';

/**
 * Returns the capacity a scenario's prepared RunTask request requests: the
 * strategy's providers when there is one, else the launch type.
 */
export function scenarioCapacity(scenario: Scenario): Capacity {
  const request = scenario.prepared.runTaskRequest;
  const kind = strategyKind(request.capacityProviderStrategy);
  if (kind === 'fargate') {
    return 'FARGATE';
  }
  if (kind === 'auto-scaling-group') {
    return 'EC2';
  }
  if (kind === 'mixed' || kind === 'unknown') {
    return 'unknown';
  }
  const launchType = request.launchType;
  if (launchType === undefined) {
    return 'cluster-default';
  }
  if (launchType === 'FARGATE' || launchType === 'FARGATE_SPOT') {
    return 'FARGATE';
  }
  if (launchType === 'EC2' || launchType === 'EXTERNAL' || launchType === 'MANAGED_INSTANCES') {
    return launchType;
  }
  return 'unknown';
}

export function isFargateCapacity(capacity: Capacity): boolean {
  return capacity === 'FARGATE';
}
