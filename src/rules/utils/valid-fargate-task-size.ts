import type {
  DocumentLocation,
  RuleContext,
  Scenario,
} from '../../linter/types.js';
import { scenarioCapacity } from './capacity.js';
import { registeredTaskDefinition } from './valid-container-definitions.js';

/**
 * Tells whether the task definition a scenario registers must meet
 * Fargate's rules. AWS validates a definition against every entry of
 * `requiresCompatibilities`, and a task placed on Fargate capacity (a
 * FARGATE launch type or a strategy of Fargate providers) runs under the
 * same rules. False when nothing is registered.
 */
export function registersFargateTask(scenario: Scenario): boolean {
  const taskDefinition = registeredTaskDefinition(scenario);
  if (!taskDefinition) {
    return false;
  }
  return (
    declaresFargate(taskDefinition) || scenarioCapacity(scenario) === 'FARGATE'
  );
}

/**
 * Tells whether a task definition lists FARGATE in
 * `requiresCompatibilities`, so that RegisterTaskDefinition itself enforces
 * Fargate's rules. Without it, only the run on Fargate capacity fails.
 */
export function declaresFargate(
  taskDefinition: Record<string, unknown>,
): boolean {
  const compatibilities = taskDefinition.requiresCompatibilities;
  return Array.isArray(compatibilities) && compatibilities.includes('FARGATE');
}

/**
 * Writes a list of allowed sizes for a message: `512, 1024, 2048`, or a
 * range such as `8192 to 30720 in steps of 1024` when the values are
 * evenly spaced and more than three.
 */
export function describeSizes(values: readonly number[]): string {
  const [first, second] = values;
  const last = values[values.length - 1];
  if (
    values.length <= 3 ||
    first === undefined ||
    second === undefined ||
    last === undefined
  ) {
    return values.join(', ');
  }
  const step = second - first;
  const evenlySpaced = values.every(
    (value, index) => value === first + index * step,
  );
  return evenlySpaced
    ? `${first} to ${last} in steps of ${step}`
    : values.join(', ');
}

/**
 * Moves the location of a value that the template does not write, such as
 * a missing `networkMode`, to its nearest written ancestor in the template,
 * so the diagnostic's pointer names a node that exists.
 */
export function nearestWrittenLocation(
  context: RuleContext,
  location: DocumentLocation,
): DocumentLocation {
  if (location.document !== '') {
    return location;
  }
  let pointer = location.pointer;
  while (pointer !== '' && !context.document.has(pointer)) {
    pointer = pointer.slice(0, pointer.lastIndexOf('/'));
  }
  return { ...location, pointer };
}
