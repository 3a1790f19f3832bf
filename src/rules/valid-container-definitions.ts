import { parseCpuUnits, parseMemoryMiB } from '../aws/fargate-task-size.js';
import { isContainerName } from '../aws/identifiers.js';
import { MAX_CONTAINERS_PER_TASK_DEFINITION, RUN_TASK_OVERRIDES_MAX_CHARACTERS } from '../aws/limits.js';
import type { PatchOperation, RuleContext, Scenario } from '../linter/types.js';
import {
  getAtPointer,
  isPlainObject,
  joinPointer,
  parsePointer,
} from '../parse/pointer.js';
import { isUnknown } from '../render/unknown.js';
import { isTruthy } from '../worker/prepare.js';
import { createRule } from './utils/create-rule.js';
import {
  CONTAINER_DEFINITIONS,
  containerLabel,
  preparedContainers,
  registeredTaskDefinition,
  removedByRendering,
  type PreparedContainer,
} from './utils/valid-container-definitions.js';

const CONTAINER_OVERRIDES = '/task_run_request/overrides/containerOverrides';

/** The two lists of named values a container gets: plain and from secrets. */
type NamedList = 'environment' | 'secrets';

export default createRule({
  id: 'valid-container-definitions',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require container definitions that the worker and ECS accept.',
    },
    levels: ['error', 'warning'],
    fixable: true,
    hasSuggestions: false,
    messages: {
      containerNotFound:
        'container_name is "{{name}}" but no container has that name; the worker raises "{{workerMessage}}"',
      prefectContainerAppended:
        'container_name is "prefect" but the containers are named {{names}}, so the worker appends another container named prefect and runs the flow in it.',
      noEssentialContainer:
        'Every container sets essential to false; the worker raises "{{workerMessage}}"',
      noEssentialRegistered:
        'Every container of the registered task definition sets essential to false (a container that rendered empty was dropped), so ECS rejects the task definition; make the container that runs the flow essential.',
      taskSizeNotInteger:
        'The task size {{value}} is not a whole number, and for launch types other than Fargate the worker casts it with int(), so the flow run crashes with "{{workerMessage}}"; write the size in CPU units or MiB.',
      missingTaskDefinition:
        'The task definition renders empty and no task definition ARN is given; the worker raises "{{workerMessage}}"',
      overrideNameMismatch:
        'Container override "{{name}}" names no container of the task definition ({{names}}); AWS rejects RunTask with "Override for container named {{name}} is not a container in the TaskDefinition."',
      tooManyContainers:
        'The task definition has {{count}} containers; ECS allows at most {{max}}.',
      missingContainerName:
        'Container #{{index}} has no name; AWS rejects it with "Container.name should not be null or empty."',
      invalidContainerName:
        'Container name {{name}} is invalid; a name has 1 to 255 letters, digits, "_" and "-".',
      duplicateContainerName:
        'Two containers are named "{{name}}"; container names must be unique within a task definition.',
      missingImage:
        'Container "{{container}}" has no image; only the container that runs the flow gets one from the worker.',
      duplicateEnvironment:
        'Container "{{container}}" sets the environment variable {{name}} more than once, so only one of the values takes effect.',
      duplicateSecret:
        'Container "{{container}}" lists the secret {{name}} more than once; AWS rejects it with "Duplicate secret names found: {{name}}. Each secret name must be unique."',
      secretShadowsEnvironment:
        'Container "{{container}}" sets {{name}} both as a secret and as an environment variable; AWS rejects it with "The secret name must be unique and not shared with any new or existing environment variables set on the container, such as \'{{name}}\'."',
      overridesTooLarge:
        'The RunTask overrides come to about {{size}} characters before Prefect adds its own environment variables, over the {{max}} that AWS accepts; move large values out of env.',
      resourcesExceedTask:
        'The containers reserve {{total}} {{unit}} of {{resource}} together ({{parts}}), more than the task-level {{task}}.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    for (const scenario of context.scenarios) {
      checkWorkerErrors(context, scenario);
      checkOverridesSize(context, scenario);
      if (!registeredTaskDefinition(scenario)) {
        continue;
      }
      const containers = preparedContainers(scenario);
      if (namesKnown(scenario, containers)) {
        checkAppendedContainer(context, scenario, containers);
        checkOverrideNames(context, scenario, containers);
      }
      checkContainerCount(context, scenario, containers);
      checkNamesAndImages(context, scenario, containers);
      containers.forEach((entry, index) => {
        checkNamedValues(context, scenario, entry, index);
      });
      checkResources(context, scenario, containers, 'cpu');
      checkResources(context, scenario, containers, 'memory');
    }
  },
});

/**
 * Container names that Prefect resolves at run time make the worker's
 * choice of orchestration container unknown.
 */
function namesKnown(
  scenario: Scenario,
  containers: PreparedContainer[],
): boolean {
  return (
    !isUnknown(scenario.rendered.value.container_name) &&
    containers.every(({ container }) => !isUnknown(container.name))
  );
}

function checkWorkerErrors(context: RuleContext, scenario: Scenario): void {
  for (const error of scenario.prepared.workerErrors) {
    if (
      error.code === 'container-not-found' &&
      namesKnown(scenario, preparedContainers(scenario))
    ) {
      context.report({
        messageId: 'containerNotFound',
        data: {
          name: String(scenario.rendered.value.container_name),
          workerMessage: error.message,
        },
        at: scenario.locate('/container_name'),
        scenario,
      });
    }
    if (error.code === 'no-essential-container') {
      context.report({
        messageId: 'noEssentialContainer',
        data: { workerMessage: error.message },
        at: scenario.locate(CONTAINER_DEFINITIONS),
        scenario,
      });
    }
    if (error.code === 'task-size-not-integer') {
      const pointer = error.pointer ?? '/task_definition';
      context.report({
        messageId: 'taskSizeNotInteger',
        data: { value: JSON.stringify(getAtPointer(scenario.rendered.value, pointer)), workerMessage: error.message },
        at: scenario.locate(pointer),
        scenario,
      });
    }
    if (error.code === 'missing-task-definition') {
      context.report({
        messageId: 'missingTaskDefinition',
        data: { workerMessage: error.message },
        at: scenario.locate('/task_definition'),
        scenario,
      });
    }
  }
  checkRegisteredEssential(context, scenario);
}

/**
 * Reports a registered definition whose containers are all non-essential.
 * The worker checks `essential` on the rendered containers, where an
 * emptied container still counts as essential, but drops empty containers
 * before it registers. A template whose flow container renders empty next
 * to a non-essential sidecar passes the worker and fails at AWS. Workers
 * before 0.7.4 drop `essential: false` themselves, so they are not affected.
 */
/**
 * AWS caps the RunTask overrides at 8192 characters, and the worker sends
 * the whole `env` there, adding Prefect's own variables on top. The size is
 * the compact JSON of the prepared overrides, an estimate of what AWS
 * counts.
 */
function checkOverridesSize(context: RuleContext, scenario: Scenario): void {
  const overrides = scenario.prepared.runTaskRequest.overrides;
  const size = overrides === undefined ? 0 : JSON.stringify(overrides).length;
  if (size <= RUN_TASK_OVERRIDES_MAX_CHARACTERS) {
    return;
  }
  context.report({
    messageId: 'overridesTooLarge',
    data: { size, max: RUN_TASK_OVERRIDES_MAX_CHARACTERS },
    at: scenario.locate('/env'),
    level: 'warning',
    scenario,
  });
}

function checkRegisteredEssential(context: RuleContext, scenario: Scenario): void {
  const taskDefinition = scenario.prepared.taskDefinition;
  if (!taskDefinition || !context.features.keepsFalseValues) {
    return;
  }
  if (scenario.prepared.workerErrors.some((error) => error.code === 'no-essential-container')) {
    return;
  }
  const containers = Array.isArray(taskDefinition.containerDefinitions)
    ? taskDefinition.containerDefinitions.filter(isPlainObject)
    : [];
  if (containers.length > 0 && containers.every((container) => container.essential === false)) {
    context.report({
      messageId: 'noEssentialRegistered',
      at: scenario.locate(CONTAINER_DEFINITIONS),
      scenario,
    });
  }
}

/**
 * Reports the `prefect` container that the worker appends when
 * `container_name` is `prefect` and no container has that name or is
 * unnamed. That is expected when the template lists no containers, and a
 * surprise when it does.
 */
function checkAppendedContainer(
  context: RuleContext,
  scenario: Scenario,
  containers: PreparedContainer[],
): void {
  const written = containers.filter(({ pointer }) => pointer !== undefined);
  const appended = containers.some(({ pointer }) => pointer === undefined);
  if (!appended || written.length === 0) {
    return;
  }
  const configured = isTruthy(scenario.rendered.value.container_name);
  context.report({
    messageId: 'prefectContainerAppended',
    level: 'warning',
    data: { names: quotedNames(written) },
    at: scenario.locate(configured ? '/container_name' : CONTAINER_DEFINITIONS),
    scenario,
  });
}

function checkOverrideNames(
  context: RuleContext,
  scenario: Scenario,
  containers: PreparedContainer[],
): void {
  const failed = scenario.prepared.workerErrors.some(
    (error) => error.code === 'container-not-found',
  );
  const overrides = getAtPointer(scenario.rendered.value, CONTAINER_OVERRIDES);
  if (failed || !Array.isArray(overrides)) {
    return;
  }
  const names = new Set(containers.map(({ container }) => container.name));
  overrides.forEach((override, index) => {
    const name = isPlainObject(override) ? override.name : undefined;
    if (typeof name !== 'string' || name === '' || names.has(name)) {
      return;
    }
    context.report({
      messageId: 'overrideNameMismatch',
      data: { name, names: quotedNames(containers) },
      at: scenario.locate(joinPointer(CONTAINER_OVERRIDES, index, 'name')),
      scenario,
    });
  });
}

function checkContainerCount(
  context: RuleContext,
  scenario: Scenario,
  containers: PreparedContainer[],
): void {
  if (containers.length <= MAX_CONTAINERS_PER_TASK_DEFINITION) {
    return;
  }
  context.report({
    messageId: 'tooManyContainers',
    data: { count: containers.length, max: MAX_CONTAINERS_PER_TASK_DEFINITION },
    at: scenario.locate(CONTAINER_DEFINITIONS),
    scenario,
  });
}

function checkNamesAndImages(
  context: RuleContext,
  scenario: Scenario,
  containers: PreparedContainer[],
): void {
  const seen = new Set<string>();
  containers.forEach(({ container, pointer }, index) => {
    if (pointer === undefined) {
      return;
    }
    checkName(context, scenario, container, pointer, index, seen);
    // The worker gives the orchestration container its own image, so only
    // other containers can lack one. A placeholder without a value is
    // unknown, not missing.
    if (
      container.image === undefined &&
      !removedByRendering(scenario, joinPointer(pointer, 'image'))
    ) {
      context.report({
        messageId: 'missingImage',
        data: { container: containerLabel(container, index) },
        at: scenario.locate(pointer),
        scenario,
      });
    }
  });
}

function checkName(
  context: RuleContext,
  scenario: Scenario,
  container: Record<string, unknown>,
  pointer: string,
  index: number,
  seen: Set<string>,
): void {
  const name = container.name;
  const namePointer = joinPointer(pointer, 'name');
  if (name === undefined) {
    if (!removedByRendering(scenario, namePointer)) {
      context.report({
        messageId: 'missingContainerName',
        data: { index: index + 1 },
        at: scenario.locate(pointer),
        scenario,
      });
    }
    return;
  }
  if (isUnknown(name)) {
    return;
  }
  if (!isContainerName(name)) {
    context.report({
      messageId: 'invalidContainerName',
      data: { name: JSON.stringify(name) },
      at: scenario.locate(namePointer),
      scenario,
    });
    return;
  }
  const text = name as string;
  if (seen.has(text)) {
    context.report({
      messageId: 'duplicateContainerName',
      data: { name: text },
      at: scenario.locate(namePointer),
      scenario,
    });
  }
  seen.add(text);
}

/**
 * Checks `environment` and `secrets` as the worker registers them (with
 * null values dropped and Prefect's own secrets merged in), and points at
 * the rendered entries, which keep the same order.
 */
function checkNamedValues(
  context: RuleContext,
  scenario: Scenario,
  entry: PreparedContainer,
  index: number,
): void {
  const { container, pointer } = entry;
  if (pointer === undefined) {
    return;
  }
  const label = containerLabel(container, index);
  for (const list of ['environment', 'secrets'] as const) {
    checkDuplicates(context, scenario, entry, list, label);
  }
  const environmentNames = new Set(entryNames(container.environment));
  const reported = new Set<string>();
  for (const name of entryNames(container.secrets)) {
    if (!environmentNames.has(name) || reported.has(name)) {
      continue;
    }
    reported.add(name);
    context.report({
      messageId: 'secretShadowsEnvironment',
      data: { container: label, name },
      at: scenario.locate(
        renderedEntryPointer(scenario, pointer, 'secrets', name, 0),
      ),
      scenario,
    });
  }
}

function checkDuplicates(
  context: RuleContext,
  scenario: Scenario,
  { container, pointer }: PreparedContainer,
  list: NamedList,
  label: string,
): void {
  const items = Array.isArray(container[list])
    ? (container[list] as unknown[]).filter(isPlainObject)
    : [];
  const earlier = new Map<string, Record<string, unknown>[]>();
  for (const item of items) {
    const name = item.name;
    if (typeof name !== 'string') {
      continue;
    }
    const previous = earlier.get(name) ?? [];
    earlier.set(name, [...previous, item]);
    if (previous.length === 0 || pointer === undefined) {
      continue;
    }
    const exact = previous.some((other) => sameEntry(other, item));
    const itemPointer = renderedEntryPointer(
      scenario,
      pointer,
      list,
      name,
      previous.length,
    );
    context.report({
      messageId:
        list === 'secrets' ? 'duplicateSecret' : 'duplicateEnvironment',
      level: list === 'secrets' ? 'error' : 'warning',
      data: { container: label, name },
      at: scenario.locate(itemPointer),
      scenario,
      fix: exact ? removeEntryFix(context, scenario, itemPointer) : undefined,
    });
  }
}

function sameEntry(
  left: Record<string, unknown>,
  right: Record<string, unknown>,
): boolean {
  return JSON.stringify(left) === JSON.stringify(right);
}

/**
 * Returns the rendered pointer of the n-th entry (from 0) named `name` in
 * a container's list. The worker only drops environment entries whose
 * value is null, so those are skipped when counting. When no such entry
 * was rendered, because the worker added it, the list itself is returned.
 */
function renderedEntryPointer(
  scenario: Scenario,
  containerPointer: string,
  list: NamedList,
  name: string,
  occurrence: number,
): string {
  const listPointer = joinPointer(containerPointer, list);
  const rendered = getAtPointer(scenario.rendered.value, listPointer);
  if (!Array.isArray(rendered)) {
    return listPointer;
  }
  let count = 0;
  for (const [index, item] of rendered.entries()) {
    const keptByWorker =
      list === 'secrets' || !isPlainObject(item) || item.value !== null;
    if (isPlainObject(item) && item.name === name && keptByWorker) {
      if (count === occurrence) {
        return joinPointer(listPointer, index);
      }
      count++;
    }
  }
  return listPointer;
}

/**
 * Removes an exact duplicate where it is written, when the written entry
 * is the rendered one itself (no placeholders), so every scenario that
 * renders this list loses the copy and nothing else.
 */
function removeEntryFix(
  context: RuleContext,
  scenario: Scenario,
  renderedPointer: string,
): PatchOperation[] | undefined {
  const location = scenario.locate(renderedPointer);
  if (location.document !== '') {
    return undefined;
  }
  const segments = parsePointer(location.pointer);
  const last = segments[segments.length - 1];
  if (last === undefined || !/^\d+$/.test(last)) {
    return undefined;
  }
  const parent = getAtPointer(
    context.document.value,
    joinPointer('', ...segments.slice(0, -1)),
  );
  const written = getAtPointer(context.document.value, location.pointer);
  const rendered = getAtPointer(scenario.rendered.value, renderedPointer);
  if (
    !Array.isArray(parent) ||
    JSON.stringify(written) !== JSON.stringify(rendered)
  ) {
    return undefined;
  }
  return [{ op: 'remove', path: location.pointer }];
}

function entryNames(list: unknown): string[] {
  if (!Array.isArray(list)) {
    return [];
  }
  return list
    .map((item) => (isPlainObject(item) ? item.name : undefined))
    .filter((name): name is string => typeof name === 'string');
}

/**
 * Checks that what the containers reserve fits in the task-level size: the
 * sum of their `cpu`, and of their `memoryReservation` or else `memory`.
 * The orchestration container counts with what the worker gives it, which
 * is the whole task size on EC2 and nothing on Fargate unless the template
 * sets a value.
 */
function checkResources(
  context: RuleContext,
  scenario: Scenario,
  containers: PreparedContainer[],
  resource: 'cpu' | 'memory',
): void {
  const taskValue = registeredTaskDefinition(scenario)?.[resource];
  const task =
    resource === 'cpu' ? parseCpuUnits(taskValue) : parseMemoryMiB(taskValue);
  if (task === undefined || isUnknown(taskValue)) {
    return;
  }
  const shares = containers
    .map((entry, index) => ({
      ...entry,
      index,
      key: reservedKey(entry.container, resource),
    }))
    .map((share) => ({ ...share, value: share.container[share.key] }))
    .filter(
      (share): share is typeof share & { value: number } =>
        typeof share.value === 'number' && share.value > 0,
    );
  const total = shares.reduce((sum, share) => sum + share.value, 0);
  if (total <= task) {
    return;
  }
  const orchestration = scenario.prepared.containerName;
  const reported =
    shares.find(
      (share) => share.container.name !== orchestration && share.pointer,
    ) ?? shares.find((share) => share.pointer);
  if (!reported?.pointer) {
    return;
  }
  const unit = resource === 'cpu' ? 'CPU units' : 'MiB';
  context.report({
    messageId: 'resourcesExceedTask',
    data: {
      total,
      unit,
      resource,
      parts: shares
        .map(
          (share) =>
            `${containerLabel(share.container, share.index)} ${share.value}`,
        )
        .join(', '),
      task: `${resource} of ${task} ${unit}`,
    },
    at: scenario.locate(joinPointer(reported.pointer, reported.key)),
    scenario,
  });
}

/**
 * Names the key whose value a container reserves: for memory, the soft
 * limit `memoryReservation` when it is set, else the hard limit.
 */
function reservedKey(
  container: Record<string, unknown>,
  resource: 'cpu' | 'memory',
): string {
  if (
    resource === 'memory' &&
    typeof container.memoryReservation === 'number'
  ) {
    return 'memoryReservation';
  }
  return resource;
}

function quotedNames(containers: PreparedContainer[]): string {
  return containers
    .map(({ container }, index) => `"${containerLabel(container, index)}"`)
    .join(', ');
}
