import {
  checkFargateTaskSize,
  isWindowsOperatingSystemFamily,
  parseCpuUnits,
  parseMemoryMiB,
} from '../aws/fargate-task-size.js';
import type {
  DocumentLocation,
  PatchOperation,
  RuleContext,
  Scenario,
  SuggestionDescriptor,
} from '../linter/types.js';
import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import { isUnknown } from '../render/unknown.js';
import { isInferred } from '../worker/inferred.js';
import { isTruthy } from '../worker/prepare.js';
import { createRule } from './utils/create-rule.js';
import { scenarioCapacity } from './utils/capacity.js';
import { registeredTaskDefinition } from './utils/valid-container-definitions.js';
import {
  declaresFargate,
  describeSizes,
  nearestWrittenLocation,
  registersFargateTask,
} from './utils/valid-fargate-task-size.js';

const TASK_DEFINITION = '/task_definition';
const OVERRIDES = '/task_run_request/overrides';

/** The memory the worker puts on a Fargate task definition that sets none. */
const WORKER_DEFAULT_MEMORY = 2048;

/** A task-level cpu and memory pair and where each value is written. */
interface TaskSize {
  /** Rendered pointer of the object holding `cpu` and `memory`. */
  base: string;
  cpu: unknown;
  memory: unknown;
  operatingSystemFamily: unknown;
  /** Undefined when the worker supplies the value, not the files. */
  cpuSource: ValueSource | undefined;
  memorySource: ValueSource | undefined;
}

interface ValueSource {
  location: DocumentLocation;
  /**
   * True when the value is text around a placeholder, which a patch cannot set
   * alone.
   */
  inline: boolean;
}

export default createRule({
  id: 'valid-fargate-task-size',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a Fargate cpu and memory pair that Fargate offers.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: true,
    messages: {
      missingTaskSizeOnCapacity:
        'The task runs on Fargate capacity but its task definition has no task-level {{keys}}, which Fargate requires.',
      missingTaskSize:
        'The task runs on Fargate but its task definition has no task-level {{keys}}; AWS rejects it with "Fargate requires that \'{{first}}\' be defined at the task level."',
      unparseableCpu:
        'Task cpu {{value}} is neither a number of CPU units nor a vCPU amount such as "1 vCPU".',
      unparseableMemory:
        'Task memory {{value}} is neither a number of MiB nor a GB amount such as "2 GB".',
      unsupportedCpu:
        'Task cpu {{cpu}} is not a size Fargate offers{{system}}; the allowed values are {{allowed}} CPU units.',
      windowsCpu:
        'Task cpu {{cpu}} is below 1 vCPU, the smallest size Fargate offers for Windows; the allowed values are {{allowed}} CPU units.',
      unsupportedMemory:
        'Task memory {{memory}} MiB does not go with task cpu {{cpu}} on Fargate, which allows {{allowed}} MiB with that cpu; AWS rejects the pair with "No Fargate configuration exists for given values."',
      defaultMemoryNotOffered:
        'Task cpu {{cpu}} needs {{allowed}} MiB of task memory on Fargate, but no memory is set and the worker uses its default of {{memory}} MiB.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    for (const scenario of context.scenarios) {
      checkTaskDefinition(context, scenario);
      checkOverrides(context, scenario);
    }
  },
});

function checkTaskDefinition(context: RuleContext, scenario: Scenario): void {
  const taskDefinition = registeredTaskDefinition(scenario);
  if (!taskDefinition || !registersFargateTask(scenario)) {
    return;
  }
  const missing = (['cpu', 'memory'] as const).filter(
    (key) => taskDefinition[key] === undefined,
  );
  const [first] = missing;
  if (first !== undefined) {
    context.report({
      messageId: declaresFargate(taskDefinition)
        ? 'missingTaskSize'
        : 'missingTaskSizeOnCapacity',
      data: { keys: missing.join(' and '), first },
      at: nearestWrittenLocation(
        context,
        scenario.locate(joinPointer(TASK_DEFINITION, first)),
      ),
      scenario,
    });
    return;
  }
  const runtimePlatform = taskDefinition.runtimePlatform;
  checkSize(context, scenario, {
    base: TASK_DEFINITION,
    cpu: taskDefinition.cpu,
    memory: taskDefinition.memory,
    operatingSystemFamily: isPlainObject(runtimePlatform)
      ? runtimePlatform.operatingSystemFamily
      : undefined,
    cpuSource: valueSource(scenario, joinPointer(TASK_DEFINITION, 'cpu')),
    memorySource: valueSource(scenario, joinPointer(TASK_DEFINITION, 'memory')),
  });
}

/**
 * Task-level overrides in the run request resize the task at RunTask, so
 * on Fargate capacity they must form an offered pair too. Only a pair is
 * checked, because a single override combines with a definition that may
 * be registered elsewhere.
 */
function checkOverrides(context: RuleContext, scenario: Scenario): void {
  const noTaskDefinition = scenario.prepared.workerErrors.some(
    (error) => error.code === 'missing-task-definition',
  );
  if (noTaskDefinition || scenarioCapacity(scenario) !== 'FARGATE') {
    return;
  }
  const overrides = scenario.prepared.runTaskRequest.overrides;
  if (!isPlainObject(overrides)) {
    return;
  }
  if (!isTruthy(overrides.cpu) || !isTruthy(overrides.memory)) {
    return;
  }
  const runtimePlatform = registeredTaskDefinition(scenario)?.runtimePlatform;
  checkSize(context, scenario, {
    base: OVERRIDES,
    cpu: overrides.cpu,
    memory: overrides.memory,
    operatingSystemFamily: isPlainObject(runtimePlatform)
      ? runtimePlatform.operatingSystemFamily
      : undefined,
    cpuSource: valueSource(scenario, joinPointer(OVERRIDES, 'cpu')),
    memorySource: valueSource(scenario, joinPointer(OVERRIDES, 'memory')),
  });
}

/**
 * Finds where a rendered value is written, or returns undefined when the worker
 * fills it in.
 */
function valueSource(
  scenario: Scenario,
  pointer: string,
): ValueSource | undefined {
  const value = getAtPointer(scenario.rendered.value, pointer);
  if (!isTruthy(value)) {
    return undefined;
  }
  return {
    location: scenario.locate(pointer),
    inline: scenario.rendered.originOf(pointer)?.inline === true,
  };
}

function checkSize(
  context: RuleContext,
  scenario: Scenario,
  size: TaskSize,
): void {
  const unknown = [size.cpu, size.memory].some(
    (value) => isUnknown(value) || isInferred(value),
  );
  if (unknown) {
    return;
  }
  const result = checkFargateTaskSize({
    cpu: size.cpu,
    memory: size.memory,
    operatingSystemFamily: size.operatingSystemFamily,
  });
  if (result.valid) {
    return;
  }

  const cpu = parseCpuUnits(size.cpu);
  const cpuProblem =
    cpu === undefined ||
    result.reason === 'unsupported-cpu' ||
    result.reason === 'windows-min-cpu';
  if (cpuProblem) {
    reportCpu(context, scenario, size, result.reason, result.supportedCpu);
    return;
  }
  reportMemory(context, scenario, size, {
    cpu,
    allowed: result.allowedMemory,
    nearest: result.nearestMemory,
  });
}

function reportCpu(
  context: RuleContext,
  scenario: Scenario,
  size: TaskSize,
  reason: string,
  supportedCpu: number[],
): void {
  const at = writtenOrNearest(context, scenario, size, 'cpu');
  const cpu = parseCpuUnits(size.cpu);
  if (cpu === undefined) {
    context.report({
      messageId: 'unparseableCpu',
      data: { value: JSON.stringify(size.cpu) },
      at,
      scenario,
    });
    return;
  }
  const windows = isWindowsOperatingSystemFamily(size.operatingSystemFamily);
  context.report({
    messageId: reason === 'windows-min-cpu' ? 'windowsCpu' : 'unsupportedCpu',
    data: {
      cpu: String(cpu),
      system: windows ? ' for Windows' : '',
      allowed: describeSizes(supportedCpu),
    },
    at,
    scenario,
  });
}

/**
 * Reports a memory that does not go with a valid cpu. When the worker
 * supplies the memory, the cpu is what the files write, so the report
 * points there.
 */
function reportMemory(
  context: RuleContext,
  scenario: Scenario,
  size: TaskSize,
  pairing: { cpu: number; allowed: number[]; nearest: number | undefined },
): void {
  const memory = parseMemoryMiB(size.memory);
  if (memory === undefined) {
    context.report({
      messageId: 'unparseableMemory',
      data: { value: JSON.stringify(size.memory) },
      at: writtenOrNearest(context, scenario, size, 'memory'),
      scenario,
    });
    return;
  }
  const { nearest } = pairing;
  const data = {
    cpu: String(pairing.cpu),
    memory: String(memory),
    allowed: describeSizes(pairing.allowed),
  };
  if (!size.memorySource) {
    context.report({
      messageId: 'defaultMemoryNotOffered',
      data: { ...data, memory: String(WORKER_DEFAULT_MEMORY) },
      at: writtenOrNearest(context, scenario, size, 'cpu'),
      scenario,
      suggest:
        nearest === undefined
          ? undefined
          : declareMemorySuggestion(context, size, nearest),
    });
    return;
  }
  context.report({
    messageId: 'unsupportedMemory',
    data,
    at: size.memorySource.location,
    scenario,
    suggest:
      nearest === undefined
        ? undefined
        : memorySuggestion(context, scenario, size.memorySource, nearest),
  });
}

/**
 * Returns where the files write a value, or the nearest written ancestor
 * when the worker supplies the value.
 */
function writtenOrNearest(
  context: RuleContext,
  scenario: Scenario,
  size: TaskSize,
  key: 'cpu' | 'memory',
): DocumentLocation {
  const source = key === 'cpu' ? size.cpuSource : size.memorySource;
  return (
    source?.location ??
    nearestWrittenLocation(
      context,
      scenario.locate(joinPointer(size.base, key)),
    )
  );
}

/**
 * Replaces the memory value where it is written, keeping its JSON type: a
 * patch of the template for a literal or a variable default, a patch of
 * the job-variables document for a job variable.
 */
function memorySuggestion(
  context: RuleContext,
  scenario: Scenario,
  source: ValueSource,
  nearest: number,
): SuggestionDescriptor[] | undefined {
  if (source.inline) {
    return undefined;
  }
  const desc = `Set the task memory to ${nearest} MiB, the nearest size Fargate offers with this cpu.`;
  const { location } = source;
  if (location.document === '') {
    const written = getAtPointer(context.document.value, location.pointer);
    return [
      { desc, patch: [replaceKeepingType(location.pointer, written, nearest)] },
    ];
  }
  const prefix = scenario.jobVariables?.pointer ?? '';
  if (!location.pointer.startsWith(prefix)) {
    return undefined;
  }
  const path = location.pointer.slice(prefix.length);
  const written = getAtPointer(scenario.jobVariables?.values, path);
  return [
    {
      desc,
      patch: [replaceKeepingType(path, written, nearest)],
      document: location.document,
    },
  ];
}

function replaceKeepingType(
  path: string,
  written: unknown,
  nearest: number,
): PatchOperation {
  return {
    op: 'replace',
    path,
    value: typeof written === 'string' ? String(nearest) : nearest,
  };
}

/**
 * When no memory is set, gives the memory variable that the template
 * already reads a default, or writes the memory into a literal task
 * definition that has no `memory` key.
 */
function declareMemorySuggestion(
  context: RuleContext,
  size: TaskSize,
  nearest: number,
): SuggestionDescriptor[] | undefined {
  const memoryPointer = context.pointer(
    `/job_configuration${size.base}/memory`,
  );
  const written = getAtPointer(context.document.value, memoryPointer);
  const desc = `Set the task memory to ${nearest} MiB, the nearest size Fargate offers with this cpu.`;
  if (written === undefined) {
    const parent = getAtPointer(
      context.document.value,
      context.pointer(`/job_configuration${size.base}`),
    );
    return isPlainObject(parent)
      ? [
          {
            desc,
            patch: [{ op: 'add', path: memoryPointer, value: String(nearest) }],
          },
        ]
      : undefined;
  }
  const variable = wholePlaceholderName(written);
  const schema =
    variable === undefined ? undefined : context.template.properties[variable];
  if (variable === undefined || schema === undefined) {
    return undefined;
  }
  return [
    {
      desc,
      patch: [
        {
          op: 'default' in schema ? 'replace' : 'add',
          path: joinPointer(
            context.pointer('/variables/properties'),
            variable,
            'default',
          ),
          value: nearest,
        },
      ],
    },
  ];
}

function wholePlaceholderName(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  return /^\{\{\s*([\w.\-[\]$]+)\s*\}\}$/u.exec(value)?.[1];
}
