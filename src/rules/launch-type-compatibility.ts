import { isPrefectLaunchType, PREFECT_LAUNCH_TYPES } from '../aws/limits.js';
import type {
  DocumentLocation,
  PatchOperation,
  RuleContext,
  Scenario,
} from '../linter/types.js';
import { isPlainObject, joinPointer } from '../parse/pointer.js';
import { wholeValuePlaceholder } from '../placeholders/grammar.js';
import { isUnknown } from '../render/unknown.js';
import {
  preprocessVariablesSchema,
  validateValue,
} from '../schema/variables-validator.js';
import { isTruthy } from '../worker/prepare.js';
import { createRule } from './utils/create-rule.js';
import { scenarioCapacity } from './utils/capacity.js';
import {
  launchTypeFix,
  type LaunchTypeFix,
} from './utils/launch-type-compatibility.js';

const RUN_REQUEST = '/job_configuration/task_run_request';
const ALLOWED = PREFECT_LAUNCH_TYPES.join(', ');

export default createRule({
  id: 'launch-type-compatibility',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a launch type that the task definition supports.',
    },
    levels: ['error'],
    fixable: true,
    hasSuggestions: false,
    messages: {
      invalidLaunchType:
        'launchType {{value}} is not one of {{allowed}}, the launch types the ECS worker accepts.',
      nullJobValue:
        'Job variable "{{name}}" sets the launch type to null, which the variable\'s schema rejects ({{allowed}}), so Prefect rejects every flow run of this deployment.',
      nullDefault:
        'The default of "{{name}}" is null, which the variable\'s schema rejects ({{allowed}}), so Prefect refuses the work pool\'s defaults.',
      missingCompatibility:
        'The worker rejects launch type {{launchType}} for this task definition: "{{workerMessage}}".',
      notRegisteredForFargate:
        'No launchType is rendered, so the worker sends FARGATE, but {{worker}} registers the task definition without FARGATE in requiresCompatibilities and AWS rejects the run; render a launchType or make the task definition EC2-compatible.',
      platformVersionNotFargate:
        'platformVersion {{value}} is set but the task runs on {{capacity}}; AWS accepts a platform version only for Fargate ("The platform version must be null when specifying an EC2 launch type.").',
      placementOnFargate:
        '{{field}} is set but the task runs on Fargate, which does not support task placement ("Placement constraints are not supported with FARGATE launch type.").',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    let fix: LaunchTypeFix | undefined | null = null;
    // The fix needs every scenario, so it is worked out once and only when needed.
    const getFix = (): LaunchTypeFix | undefined => {
      if (fix === null) {
        fix = launchTypeFix(context);
      }
      return fix;
    };
    checkNullDefault(context, getFix);
    for (const scenario of context.scenarios) {
      checkScenario(context, scenario, getFix);
    }
  },
});

/** Returns the variable that the template's `launchType` reads as a whole value, if any. */
function launchTypeVariable(context: RuleContext): string | undefined {
  const runRequest = context.template.jobConfiguration?.task_run_request;
  const launchType = isPlainObject(runRequest)
    ? runRequest.launchType
    : undefined;
  return typeof launchType === 'string'
    ? wholeValuePlaceholder(launchType)?.name
    : undefined;
}

function rejectsNull(context: RuleContext, name: string): boolean {
  const variables = context.template.variables;
  if (!variables) {
    return false;
  }
  const schema = preprocessVariablesSchema(variables, {
    enforceRequired: false,
  });
  return validateValue(schema, { [name]: null }).kind === 'invalid';
}

/**
 * Reports a `null` default that the variable's schema rejects. Rendering
 * treats it as no default, but Prefect validates it when the work pool is
 * created, and the stock `launch_type` enum does not list null.
 */
function checkNullDefault(
  context: RuleContext,
  getFix: () => LaunchTypeFix | undefined,
): void {
  const name = launchTypeVariable(context);
  const property =
    name === undefined ? undefined : context.template.properties[name];
  if (
    name === undefined ||
    property?.default !== null ||
    !rejectsNull(context, name)
  ) {
    return;
  }
  context.report({
    messageId: 'nullDefault',
    data: { name, allowed: ALLOWED },
    at: joinPointer(context.pointer('/variables/properties'), name, 'default'),
    // Only a new default for this variable makes a null default go away.
    fix: fixOperations(getFix(), 'default-variable'),
  });
}

function checkScenario(
  context: RuleContext,
  scenario: Scenario,
  getFix: () => LaunchTypeFix | undefined,
): void {
  const renderedRequest = scenario.rendered.value.task_run_request;
  const request = isPlainObject(renderedRequest) ? renderedRequest : {};
  if (checkLaunchTypeValue(context, scenario, request)) {
    return;
  }
  if (isUnknown(request.launchType)) {
    return;
  }
  if (!checkWorkerCompatibility(context, scenario, getFix)) {
    checkFargateRegistration(context, scenario, request, getFix);
  }
  checkPlatformVersion(context, scenario, request);
  checkPlacement(context, scenario, request);
}

/** Reports a rendered launch type outside the worker's enum, and returns true when it did. */
function checkLaunchTypeValue(
  context: RuleContext,
  scenario: Scenario,
  request: Record<string, unknown>,
): boolean {
  if (!('launchType' in request)) {
    return false;
  }
  const value = request.launchType;
  if (isUnknown(value) || isPrefectLaunchType(value)) {
    return false;
  }
  const at = scenario.locate('/task_run_request/launchType');
  const fromJobVariables = at.document !== '';
  // A literal null or "" in the template is treated by the worker as a
  // missing launch type, which the registration check below covers.
  if ((value === null || value === '') && !fromJobVariables) {
    return false;
  }
  if (value === null) {
    const name = scenario.rendered.originOf(
      '/task_run_request/launchType',
    )?.placeholder;
    if (name === undefined || !rejectsNull(context, name)) {
      return false;
    }
    context.report({
      messageId: 'nullJobValue',
      data: { name, allowed: ALLOWED },
      at,
      scenario,
    });
    return true;
  }
  context.report({
    messageId: 'invalidLaunchType',
    data: { value: JSON.stringify(value) ?? String(value), allowed: ALLOWED },
    at,
    scenario,
  });
  return true;
}

/** Reports what the worker's own compatibility check raises, and returns true when it did. */
function checkWorkerCompatibility(
  context: RuleContext,
  scenario: Scenario,
  getFix: () => LaunchTypeFix | undefined,
): boolean {
  const error = scenario.prepared.workerErrors.find(
    (each) => each.code === 'requires-compatibilities-missing-fargate',
  );
  if (!error) {
    return false;
  }
  const launchType = scenario.prepared.runTaskRequest.launchType;
  const taskDefinition = scenario.rendered.value.task_definition;
  const at =
    isPlainObject(taskDefinition) && 'requiresCompatibilities' in taskDefinition
      ? scenario.locate('/task_definition/requiresCompatibilities')
      : scenario.locate('/task_definition');
  context.report({
    messageId: 'missingCompatibility',
    data: {
      launchType: typeof launchType === 'string' ? launchType : 'FARGATE',
      workerMessage: error.message,
    },
    at,
    scenario,
    fix: fixOperations(getFix()),
  });
  return true;
}

/**
 * Reports a task definition that is sent to Fargate but not registered for
 * it. Since prefect-aws 0.6.0 a missing launch type no longer prepares the
 * definition for Fargate, yet with no strategy and no EC2 compatibility the
 * worker still sends `launchType: FARGATE`.
 */
function checkFargateRegistration(
  context: RuleContext,
  scenario: Scenario,
  request: Record<string, unknown>,
  getFix: () => LaunchTypeFix | undefined,
): void {
  const taskDefinition = scenario.prepared.taskDefinition;
  const prepared = scenario.prepared.runTaskRequest;
  if (
    !taskDefinition ||
    prepared.launchType !== 'FARGATE' ||
    isTruthy(prepared.capacityProviderStrategy)
  ) {
    return;
  }

  // Without a task definition the worker fails before it registers one,
  // and a launchType read from an undeclared variable makes the server
  // reject the template. Other rules report both, so this finding would be noise.
  const variable = launchTypeVariable(context);
  if (
    scenario.prepared.workerErrors.some(
      (error) => error.code === 'missing-task-definition',
    ) ||
    (variable !== undefined && !(variable in context.template.properties))
  ) {
    return;
  }

  const compatibilities = taskDefinition.requiresCompatibilities;
  if (Array.isArray(compatibilities) && compatibilities.includes('FARGATE')) {
    return;
  }
  context.report({
    messageId: 'notRegisteredForFargate',
    data: { worker: describeWorker(context) },
    at: missingLaunchTypeLocation(context, scenario, request),
    scenario,
    fix: fixOperations(getFix()),
  });
}

/** Picks the rendered launchType, else its template key, else the run request or job_configuration. */
function missingLaunchTypeLocation(
  context: RuleContext,
  scenario: Scenario,
  request: Record<string, unknown>,
): DocumentLocation | string {
  if ('launchType' in request) {
    return scenario.locate('/task_run_request/launchType');
  }
  const candidates = [
    context.pointer(`${RUN_REQUEST}/launchType`),
    context.pointer(RUN_REQUEST),
  ];
  return (
    candidates.find((pointer) => context.document.has(pointer)) ??
    context.pointer('/job_configuration')
  );
}

function checkPlatformVersion(
  context: RuleContext,
  scenario: Scenario,
  request: Record<string, unknown>,
): void {
  const value = request.platformVersion;
  if (
    value === undefined ||
    value === null ||
    value === '' ||
    isUnknown(value)
  ) {
    return;
  }
  const capacity = scenarioCapacity(scenario);
  if (capacity !== 'EC2' && capacity !== 'EXTERNAL') {
    return;
  }
  context.report({
    messageId: 'platformVersionNotFargate',
    data: { value: JSON.stringify(value) ?? String(value), capacity },
    at: scenario.locate('/task_run_request/platformVersion'),
    scenario,
  });
}

/** Placement constraints and strategies in the run request, and constraints in the task definition. */
function checkPlacement(
  context: RuleContext,
  scenario: Scenario,
  request: Record<string, unknown>,
): void {
  if (scenarioCapacity(scenario) !== 'FARGATE') {
    return;
  }
  for (const field of ['placementConstraints', 'placementStrategy']) {
    const value = request[field];
    if (isTruthy(value) && !isUnknown(value)) {
      context.report({
        messageId: 'placementOnFargate',
        data: { field: `task_run_request.${field}` },
        at: scenario.locate(`/task_run_request/${field}`),
        scenario,
      });
    }
  }
  const constraints = scenario.prepared.taskDefinition?.placementConstraints;
  if (isTruthy(constraints) && !isUnknown(constraints)) {
    context.report({
      messageId: 'placementOnFargate',
      data: { field: 'task_definition.placementConstraints' },
      at: scenario.locate('/task_definition/placementConstraints'),
      scenario,
    });
  }
}

function fixOperations(
  fix: LaunchTypeFix | undefined,
  only?: LaunchTypeFix['kind'],
): PatchOperation[] | undefined {
  return fix && (only === undefined || fix.kind === only)
    ? fix.operations
    : undefined;
}

function describeWorker(context: RuleContext): string {
  return context.target.kind === 'push'
    ? 'the push pool'
    : `prefect-aws ${context.target.prefectAws}`;
}
