import { buildScenarios } from '../../linter/scenarios.js';
import type {
  PatchOperation,
  RuleContext,
  Scenario,
} from '../../linter/types.js';
import { applyToValue, PatchError } from '../../fix/apply-patch.js';
import { buildTemplateModel } from '../../model/template.js';
import {
  getAtPointer,
  isPlainObject,
  joinPointer,
} from '../../parse/pointer.js';
import { wholeValuePlaceholder } from '../../placeholders/grammar.js';
import type { JobVariablesInput } from '../../render/values.js';
import { isUnknown } from '../../render/unknown.js';
import {
  preprocessVariablesSchema,
  validateValue,
} from '../../schema/variables-validator.js';
import { isTruthy } from '../../worker/prepare.js';

/**
 * Options of the awslogs log driver: those the ECS developer guide lists
 * (`awslogs-stream-prefix` is handled by the ECS agent itself, `mode` and
 * `max-buffer-size` by Docker for every driver) and those Docker's awslogs
 * driver validates in `ValidateLogOpt`. Docker rejects any other option
 * with "unknown log opt '<name>' for awslogs log driver".
 */
export const AWSLOGS_OPTIONS = [
  'awslogs-group',
  'awslogs-region',
  'awslogs-stream-prefix',
  'awslogs-create-group',
  'awslogs-datetime-format',
  'awslogs-multiline-pattern',
  'awslogs-endpoint',
  'awslogs-stream',
  'awslogs-create-stream',
  'awslogs-credentials-endpoint',
  'awslogs-force-flush-interval-seconds',
  'awslogs-max-buffered-events',
  'awslogs-format',
  'mode',
  'max-buffer-size',
  'tag',
] as const;

/** The log group the worker writes to when `cloudwatch_logs_options` names none. */
export const WORKER_DEFAULT_LOG_GROUP = 'prefect';

export type CloudWatchState = 'on' | 'off' | 'unknown';

/** Returns whether the worker sets up CloudWatch logging in a scenario. */
export function cloudWatchState(scenario: Scenario): CloudWatchState {
  const flag = scenario.rendered.value.configure_cloudwatch_logs;
  if (isUnknown(flag)) {
    return 'unknown';
  }
  return isTruthy(flag) ? 'on' : 'off';
}

/** True when the worker rejects the scenario because options are set without the flag. */
export function hasOptionsWithoutFlag(scenario: Scenario): boolean {
  return (
    !isUnknown(scenario.rendered.value.cloudwatch_logs_options) &&
    scenario.prepared.workerErrors.some(
      (error) => error.code === 'cloudwatch-options-need-flag',
    )
  );
}

/**
 * Returns the rendered index of the container whose log configuration the worker
 * replaces: the one named like the orchestration container, or for the
 * default name `prefect` the first container without a name.
 */
export function orchestrationContainerIndex(
  scenario: Scenario,
): number | undefined {
  const name = scenario.prepared.containerName;
  const taskDefinition = scenario.rendered.value.task_definition;
  const containers =
    isPlainObject(taskDefinition) &&
    Array.isArray(taskDefinition.containerDefinitions)
      ? taskDefinition.containerDefinitions
      : [];
  const named = containers.findIndex(
    (container) => isPlainObject(container) && container.name === name,
  );
  if (named !== -1) {
    return named;
  }
  if (name !== 'prefect') {
    return undefined;
  }
  const unnamed = containers.findIndex(
    (container) => isPlainObject(container) && container.name === undefined,
  );
  return unnamed === -1 ? undefined : unnamed;
}

/** The template change that turns `configure_cloudwatch_logs` on, and whether it is safe. */
export interface FlagRepair {
  patch: PatchOperation[];
  safe: boolean;
}

/**
 * Builds the change that turns the flag on for every scenario that does not
 * set it in its job variables. The literal becomes `true`, a missing key is
 * added as `true`, or the default of the variable that the flag reads
 * becomes `true`. Returns undefined when the flag is written some other
 * way, or when the variable's schema does not accept `true`.
 */
export function flagRepair(context: RuleContext): FlagRepair | undefined {
  const patch = flagPatch(context);
  if (!patch) {
    return undefined;
  }
  return { patch, safe: isSafeRepair(context, patch) };
}

function flagPatch(context: RuleContext): PatchOperation[] | undefined {
  const jobConfiguration = context.template.jobConfiguration ?? {};
  const path = context.pointer('/job_configuration/configure_cloudwatch_logs');
  const node = jobConfiguration.configure_cloudwatch_logs;
  if (node === undefined) {
    return [{ op: 'add', path, value: true }];
  }
  if (typeof node !== 'string' || !node.includes('{{')) {
    return [{ op: 'replace', path, value: true }];
  }
  const name = wholeValuePlaceholder(node)?.name;
  const schema =
    name === undefined ? undefined : context.template.properties[name];
  const variables = context.template.variables;
  if (name === undefined || schema === undefined || variables === undefined) {
    return undefined;
  }
  const check = validateValue(
    preprocessVariablesSchema(variables, { enforceRequired: false }),
    {
      [name]: true,
    },
  );
  if (check.kind !== 'valid') {
    return undefined;
  }
  return [
    {
      op: 'default' in schema ? 'replace' : 'add',
      path: joinPointer(
        context.pointer('/variables/properties'),
        name,
        'default',
      ),
      value: true,
    },
  ];
}

/**
 * Decides whether a repair is safe enough to be a fix. The patched template
 * is rendered for every scenario again and must no longer have options
 * without the flag anywhere. It may turn logging on only in scenarios that
 * the worker rejected before. In those, it must add nothing another check
 * would report: the registered task definition has an execution role, the
 * options name a log group, and no container log configuration is replaced.
 */
function isSafeRepair(context: RuleContext, patch: PatchOperation[]): boolean {
  let patched: unknown;
  try {
    patched = applyToValue(context.document.value, patch);
  } catch (error) {
    if (error instanceof PatchError) {
      return false;
    }
    throw error;
  }
  const jobVariables = context.scenarios
    .map((scenario) => scenario.jobVariables)
    .filter((input): input is JobVariablesInput => input !== undefined);
  const after = buildScenarios(
    buildTemplateModel(patched),
    jobVariables,
    context.features,
  );
  return context.scenarios.every((before, index) => {
    const repaired = after[index];
    return repaired !== undefined && isSafeForScenario(before, repaired);
  });
}

function isSafeForScenario(before: Scenario, after: Scenario): boolean {
  if (hasOptionsWithoutFlag(after)) {
    return false;
  }
  if (cloudWatchState(before) !== 'off' || cloudWatchState(after) === 'off') {
    return true;
  }
  if (!hasOptionsWithoutFlag(before)) {
    // The scenario ran without CloudWatch logging and would now log.
    return false;
  }
  const taskDefinition = after.prepared.taskDefinition;
  if (
    taskDefinition === undefined ||
    !isTruthy(taskDefinition.executionRoleArn)
  ) {
    return false;
  }
  const options = after.rendered.value.cloudwatch_logs_options;
  if (!isPlainObject(options) || !('awslogs-group' in options)) {
    return false;
  }
  return orchestrationLogConfiguration(after) === undefined;
}

/**
 * Returns the orchestration container's own log configuration with its
 * rendered pointer, which the worker replaces when CloudWatch logging is on.
 */
export function orchestrationLogConfiguration(
  scenario: Scenario,
): { pointer: string; container: string } | undefined {
  const index = orchestrationContainerIndex(scenario);
  if (index === undefined) {
    return undefined;
  }
  const pointer = joinPointer('/task_definition/containerDefinitions', index);
  const container = getAtPointer(scenario.rendered.value, pointer);
  if (!isPlainObject(container) || !isTruthy(container.logConfiguration)) {
    return undefined;
  }
  return {
    pointer: joinPointer(pointer, 'logConfiguration'),
    container: scenario.prepared.containerName ?? 'prefect',
  };
}
