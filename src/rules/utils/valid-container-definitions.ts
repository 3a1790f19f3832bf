import type { Scenario } from '../../linter/types.js';
import {
  isPlainObject,
  joinPointer,
  parsePointer,
} from '../../parse/pointer.js';
import { containerList } from '../../worker/prepare.js';

export const CONTAINER_DEFINITIONS = '/task_definition/containerDefinitions';

/**
 * Returns the task definition a scenario registers. Returns undefined when
 * the scenario uses an existing one by ARN, or when the worker stops first
 * because the template gives no task definition at all: the simulation
 * still prepares a definition from nothing then, which rules must not lint.
 */
export function registeredTaskDefinition(
  scenario: Scenario,
): Record<string, unknown> | undefined {
  const missing = scenario.prepared.workerErrors.some(
    (error) => error.code === 'missing-task-definition',
  );
  return missing ? undefined : scenario.prepared.taskDefinition;
}

/** One container of the prepared task definition and where it was rendered. */
export interface PreparedContainer {
  container: Record<string, unknown>;
  /**
   * Rendered pointer of the container (relative to `job_configuration`), or
   * undefined for the container that the worker appended itself.
   */
  pointer: string | undefined;
}

/**
 * Pairs the containers of the prepared task definition with the rendered
 * containers they came from. The worker drops rendered items that are not
 * objects or are empty, and keeps the order of the rest. So the n-th
 * prepared container is the n-th non-empty rendered object, and a container
 * beyond those is the one the worker appended.
 */
export function preparedContainers(scenario: Scenario): PreparedContainer[] {
  const taskDefinition = registeredTaskDefinition(scenario);
  if (!taskDefinition) {
    return [];
  }
  const rendered = scenario.rendered.value.task_definition;
  const renderedItems =
    isPlainObject(rendered) && Array.isArray(rendered.containerDefinitions)
      ? rendered.containerDefinitions
      : [];
  const pointers: string[] = [];
  renderedItems.forEach((item, index) => {
    if (isPlainObject(item) && Object.keys(item).length > 0) {
      pointers.push(joinPointer(CONTAINER_DEFINITIONS, index));
    }
  });
  return containerList(taskDefinition).map((container, index) => ({
    container,
    pointer: pointers[index],
  }));
}

/**
 * Tells whether rendering removed the object member at a rendered pointer
 * because its whole-value placeholder had no value. Such a member is
 * unknown rather than missing: a deployment may still set it.
 */
export function removedByRendering(
  scenario: Scenario,
  pointer: string,
): boolean {
  const segments = parsePointer(pointer);
  const key = segments[segments.length - 1];
  if (key === undefined) {
    return false;
  }
  const parent = joinPointer('', ...segments.slice(0, -1));
  const origin = scenario.rendered.originOf(parent);
  // A value substituted from a variable is not rendered again, so nothing
  // inside it can have been removed.
  if (!origin || origin.source) {
    return false;
  }
  const templatePointer = joinPointer(origin.templatePointer, key);
  return scenario.rendered.removed.some(
    (node) => node.templatePointer === templatePointer,
  );
}

/**
 * Names a container for messages: its name, or its position when it has none.
 */
export function containerLabel(
  container: Record<string, unknown>,
  index: number,
): string {
  return typeof container.name === 'string' && container.name !== ''
    ? container.name
    : `#${index + 1}`;
}
