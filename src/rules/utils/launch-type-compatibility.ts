import type {
  PatchOperation,
  RuleContext,
  Scenario,
} from '../../linter/types.js';
import { isPlainObject, joinPointer } from '../../parse/pointer.js';
import {
  findPlaceholders,
  wholeValuePlaceholder,
} from '../../placeholders/grammar.js';
import {
  preprocessVariablesSchema,
  validateValue,
} from '../../schema/variables-validator.js';
import { isTruthy } from '../../worker/prepare.js';
import { rootVariableName } from './valid-job-variables.js';

const RUN_REQUEST = '/job_configuration/task_run_request';
const TASK_DEFINITION = '/job_configuration/task_definition';
const STOCK_LAUNCH_TYPE_VARIABLE = 'launch_type';
const FARGATE = 'FARGATE';

export interface LaunchTypeFix {
  kind: 'wire-variable' | 'default-variable' | 'add-compatibility';
  operations: PatchOperation[];
}

/**
 * Finds a fix for a task definition that is sent to Fargate but not
 * registered for it, or returns `undefined` when no change is safe. Every fix keeps what
 * RunTask receives, so it applies only when each scenario already sends
 * `launchType: FARGATE` with no capacity provider strategy; it then makes
 * the registered task definition Fargate-compatible by one of:
 *
 * 1. wiring `"launchType": "{{ launch_type }}"` into the run request when
 *    `launch_type` is declared with the default `FARGATE`, nothing reads
 *    it, and no scenario sets it to anything else;
 * 2. giving the variable that `launchType` reads the default `FARGATE`, the
 *    worker's own value for a missing launch type, when it has none;
 * 3. adding `FARGATE` to a literal `requiresCompatibilities` when every
 *    registered definition is already `awsvpc` with task-level cpu and
 *    memory, as AWS requires of a Fargate-compatible definition.
 */
export function launchTypeFix(context: RuleContext): LaunchTypeFix | undefined {
  if (!context.scenarios.every(sendsPlainFargate)) {
    return undefined;
  }
  const wiring = wireLaunchTypeVariable(context);
  if (wiring) {
    return { kind: 'wire-variable', operations: wiring };
  }
  const defaulting = defaultLaunchTypeVariable(context);
  if (defaulting) {
    return { kind: 'default-variable', operations: defaulting };
  }
  const compatibility = addFargateCompatibility(context);
  return compatibility
    ? { kind: 'add-compatibility', operations: compatibility }
    : undefined;
}

function sendsPlainFargate(scenario: Scenario): boolean {
  const renderedRequest = scenario.rendered.value.task_run_request;
  const renderedStrategy = isPlainObject(renderedRequest)
    ? renderedRequest.capacityProviderStrategy
    : undefined;
  const prepared = scenario.prepared.runTaskRequest;
  return (
    prepared.launchType === FARGATE &&
    !isTruthy(prepared.capacityProviderStrategy) &&
    !isTruthy(renderedStrategy)
  );
}

function wireLaunchTypeVariable(
  context: RuleContext,
): PatchOperation[] | undefined {
  const runRequest = context.template.jobConfiguration?.task_run_request;
  const name = STOCK_LAUNCH_TYPE_VARIABLE;
  if (
    !isPlainObject(runRequest) ||
    'launchType' in runRequest ||
    context.template.properties[name]?.default !== FARGATE ||
    context.placeholders.some(
      (occurrence) => rootVariableName(occurrence.name) === name,
    ) ||
    !context.scenarios.every(
      (scenario) => scenario.values.values[name] === FARGATE,
    )
  ) {
    return undefined;
  }
  return [
    {
      op: 'add',
      path: context.pointer(`${RUN_REQUEST}/launchType`),
      value: `{{ ${name} }}`,
    },
  ];
}

function defaultLaunchTypeVariable(
  context: RuleContext,
): PatchOperation[] | undefined {
  const runRequest = context.template.jobConfiguration?.task_run_request;
  const launchType = isPlainObject(runRequest)
    ? runRequest.launchType
    : undefined;
  const name =
    typeof launchType === 'string'
      ? wholeValuePlaceholder(launchType)?.name
      : undefined;
  const property =
    name === undefined ? undefined : context.template.properties[name];
  const variables = context.template.variables;
  if (
    name === undefined ||
    !property ||
    !variables ||
    (property.default ?? null) !== null
  ) {
    return undefined;
  }
  const schema = preprocessVariablesSchema(variables, {
    enforceRequired: false,
  });
  if (validateValue(schema, { [name]: FARGATE }).kind !== 'valid') {
    return undefined;
  }
  return [
    {
      op: 'default' in property ? 'replace' : 'add',
      path: joinPointer(
        context.pointer('/variables/properties'),
        name,
        'default',
      ),
      value: FARGATE,
    },
  ];
}

function addFargateCompatibility(
  context: RuleContext,
): PatchOperation[] | undefined {
  const taskDefinition = context.template.jobConfiguration?.task_definition;
  const compatibilities = isPlainObject(taskDefinition)
    ? taskDefinition.requiresCompatibilities
    : undefined;
  const literal =
    Array.isArray(compatibilities) &&
    compatibilities.every(
      (item) => typeof item === 'string' && findPlaceholders(item).length === 0,
    );
  if (!literal || compatibilities.includes(FARGATE)) {
    return undefined;
  }
  const fargateReady = context.scenarios.every((scenario) => {
    const registered = scenario.prepared.taskDefinition;
    return (
      registered === undefined ||
      (registered.networkMode === 'awsvpc' &&
        isTruthy(registered.cpu) &&
        isTruthy(registered.memory))
    );
  });
  if (!fargateReady) {
    return undefined;
  }
  return [
    {
      op: 'add',
      path: context.pointer(`${TASK_DEFINITION}/requiresCompatibilities/-`),
      value: FARGATE,
    },
  ];
}
