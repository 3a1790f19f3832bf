import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import type { PatchOperation, RuleContext, Scenario } from '../linter/types.js';
import { isUnknown } from '../render/unknown.js';
import { createRule } from './utils/create-rule.js';
import { strategyKind, type StrategyKind } from './utils/capacity.js';

const RUN_REQUEST = '/job_configuration/task_run_request';
const TASK_DEFINITION = '/job_configuration/task_definition';

export default createRule({
  id: 'no-launch-type-with-capacity-provider-strategy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow a launch type together with a capacity provider strategy in the RunTask request.',
    },
    levels: ['error', 'warning'],
    fixable: true,
    hasSuggestions: true,
    messages: {
      bothSent:
        'RunTask gets launchType {{launchType}} and a capacity provider strategy together ({{target}}); AWS rejects this with "You may choose a capacity provider or a launch type but not both."',
      preparedForWrongCapacity:
        'launchType {{launchType}} is rendered next to a strategy of {{providers}}; the worker drops the launch type but has already prepared the task definition for {{launchType}}, which does not fit {{providers}}.',
      redundant:
        'launchType {{launchType}} is rendered next to a capacity provider strategy; this worker drops it, but a push pool or an older worker sends both and AWS rejects the run.',
      spotWithStrategy:
        'launch_type FARGATE_SPOT is rendered next to a capacity provider strategy of {{providers}}; the strategy replaces the Spot choice, so the task does not run on Fargate Spot unless the strategy says so.',
      couldSendBoth:
        'A deployment that sets "{{strategyVariable}}" makes RunTask send launchType and a capacity provider strategy together ({{target}}), which AWS rejects.',
    },
  },
  check(context) {
    const runRequest = getAtPointer(context.template.jobConfiguration, '/task_run_request');
    if (!isPlainObject(runRequest)) {
      return;
    }
    let reported = false;
    for (const scenario of context.scenarios) {
      reported = checkScenario(context, scenario) || reported;
    }
    if (!reported) {
      checkPossibleConflict(context, runRequest);
    }
  },
});

function checkScenario(context: RuleContext, scenario: Scenario): boolean {
  const rendered = scenario.rendered.value.task_run_request;
  if (!isPlainObject(rendered)) {
    return false;
  }
  const kind = strategyKind(rendered.capacityProviderStrategy);
  if (kind === undefined) {
    return false;
  }
  const prepared = scenario.prepared.runTaskRequest;
  const renderedLaunchType = rendered.launchType;
  const hasRenderedLaunchType = isPresent(renderedLaunchType);

  if (isPresent(prepared.launchType) && isPresent(prepared.capacityProviderStrategy)) {
    report(context, scenario, 'bothSent', kind, String(prepared.launchType));
    return true;
  }
  if (!hasRenderedLaunchType || isUnknown(renderedLaunchType)) {
    return false;
  }
  const launchType = String(renderedLaunchType);
  if (launchType === 'FARGATE_SPOT') {
    report(context, scenario, 'spotWithStrategy', kind, launchType);
  } else if (!fitsStrategy(launchType, kind)) {
    report(context, scenario, 'preparedForWrongCapacity', kind, launchType);
  } else {
    report(context, scenario, 'redundant', kind, launchType, 'warning');
  }
  return true;
}

function report(
  context: RuleContext,
  scenario: Scenario,
  messageId: string,
  kind: StrategyKind,
  launchType: string,
  level: 'error' | 'warning' = 'error',
): void {
  const launchTypePointer = context.pointer(`${RUN_REQUEST}/launchType`);
  const at = context.document.has(launchTypePointer)
    ? launchTypePointer
    : context.pointer(`${RUN_REQUEST}/capacityProviderStrategy`);
  const operations = buildFix(context, kind);
  // Removing the launch type is a safe fix only when it changes nothing
  // else. Every scenario must render a strategy of the same kind, because a
  // scenario without one would lose its launch type. No deployment may set
  // the launch type variable that the fix removes. And the run must fail
  // today: a launch type this worker already drops gets a suggestion.
  const safe =
    level === 'error' &&
    context.scenarios.every(
      (each) => strategyKind(getAtPointer(each.rendered.value, '/task_run_request/capacityProviderStrategy')) === kind,
    ) &&
    !context.scenarios.some((each) => each.values.jobVariableNames.has(launchTypeVariableName(context) ?? ''));
  context.report({
    messageId,
    data: { launchType, providers: describeKind(kind), target: describeTarget(context) },
    at,
    level,
    scenario,
    fix: safe ? operations : undefined,
    suggest:
      !safe && operations
        ? [{ desc: `Remove launchType and prepare the task definition for ${describeKind(kind)}.`, patch: operations }]
        : undefined,
  });
}

/**
 * Warns about a template that reads the strategy from a variable on a push
 * pool or an older worker. Those keep (or fill in) a launch type next to a
 * strategy, so RunTask gets both as soon as a deployment sets it.
 */
function checkPossibleConflict(context: RuleContext, runRequest: Record<string, unknown>): void {
  const strategyVariable = wholePlaceholderName(runRequest.capacityProviderStrategy);
  if (context.features.dropsLaunchTypeWithStrategy || !strategyVariable) {
    return;
  }
  const launchTypePointer = context.pointer(`${RUN_REQUEST}/launchType`);
  context.report({
    messageId: 'couldSendBoth',
    data: { strategyVariable, target: describeTarget(context) },
    at: context.document.has(launchTypePointer)
      ? launchTypePointer
      : context.pointer(`${RUN_REQUEST}/capacityProviderStrategy`),
    level: 'warning',
  });
}

/**
 * Removing `launchType` only helps a worker that neither re-adds a launch
 * type next to a strategy nor prepares the definition for a missing one as
 * Fargate (prefect-aws 0.6.0 and later). The task definition is then made
 * to fit the strategy's providers explicitly, and the launch type variable,
 * now read by nothing, is removed.
 */
function buildFix(context: RuleContext, kind: StrategyKind): PatchOperation[] | undefined {
  const { features } = context;
  const launchTypePointer = context.pointer(`${RUN_REQUEST}/launchType`);
  if (
    !features.dropsLaunchTypeWithStrategy ||
    !features.defaultsLaunchTypeOnlyWithoutStrategy ||
    !features.missingLaunchTypeIsNotFargate ||
    !context.document.has(launchTypePointer) ||
    (kind !== 'fargate' && kind !== 'auto-scaling-group')
  ) {
    return undefined;
  }
  const operations: PatchOperation[] = [{ op: 'remove', path: launchTypePointer }];
  operations.push(...removeOrphanedVariable(context, launchTypePointer));
  const taskDefinition = getAtPointer(context.template.jobConfiguration, '/task_definition');
  if (isPlainObject(taskDefinition)) {
    operations.push(
      ...(kind === 'fargate'
        ? fargateReadyOperations(context, taskDefinition)
        : ec2CompatibleOperations(context, taskDefinition)),
    );
  }
  return operations;
}

function launchTypeVariableName(context: RuleContext): string | undefined {
  return wholePlaceholderName(getAtPointer(context.document.value, context.pointer(`${RUN_REQUEST}/launchType`)));
}

function removeOrphanedVariable(context: RuleContext, launchTypePointer: string): PatchOperation[] {
  const name = wholePlaceholderName(getAtPointer(context.document.value, launchTypePointer));
  if (!name || !(name in context.template.properties)) {
    return [];
  }
  const usedElsewhere = context.placeholders.some(
    (occurrence) => occurrence.name === name && occurrence.pointer !== launchTypePointer,
  );
  if (usedElsewhere) {
    return [];
  }
  const operations: PatchOperation[] = [
    { op: 'remove', path: joinPointer(context.pointer('/variables/properties'), name) },
  ];
  const required = context.template.variables?.required;
  if (Array.isArray(required) && required.includes(name)) {
    operations.push({
      op: 'replace',
      path: context.pointer('/variables/required'),
      value: required.filter((entry) => entry !== name),
    });
  }
  return operations;
}

function fargateReadyOperations(context: RuleContext, taskDefinition: Record<string, unknown>): PatchOperation[] {
  const operations: PatchOperation[] = [];
  const compatibilities = taskDefinition.requiresCompatibilities;
  if (!Array.isArray(compatibilities)) {
    operations.push({ op: 'add', path: context.pointer(`${TASK_DEFINITION}/requiresCompatibilities`), value: ['FARGATE'] });
  } else if (!compatibilities.includes('FARGATE')) {
    operations.push({ op: 'add', path: context.pointer(`${TASK_DEFINITION}/requiresCompatibilities/-`), value: 'FARGATE' });
  }
  if (taskDefinition.networkMode === undefined) {
    operations.push({ op: 'add', path: context.pointer(`${TASK_DEFINITION}/networkMode`), value: 'awsvpc' });
  }
  operations.push(...taskSizeOperations(context, taskDefinition));
  return operations;
}

/**
 * Without a launch type the worker leaves task-level cpu and memory unset
 * when no value is given, but Fargate requires them. The worker's own
 * defaults (1024 and 2048) are written as the variables' defaults, or as
 * literals when the task definition has no such key, so runs keep the size
 * they had.
 */
function taskSizeOperations(context: RuleContext, taskDefinition: Record<string, unknown>): PatchOperation[] {
  const operations: PatchOperation[] = [];
  const sizes = { cpu: 1024, memory: 2048 } as const;
  for (const key of ['cpu', 'memory'] as const) {
    const value = taskDefinition[key];
    if (value === undefined) {
      operations.push({ op: 'add', path: context.pointer(`${TASK_DEFINITION}/${key}`), value: String(sizes[key]) });
      continue;
    }
    const variable = wholePlaceholderName(value);
    const schema = variable ? context.template.properties[variable] : undefined;
    if (variable && schema && (!('default' in schema) || schema.default === null)) {
      operations.push({
        op: 'default' in schema ? 'replace' : 'add',
        path: joinPointer(context.pointer('/variables/properties'), variable, 'default'),
        value: sizes[key],
      });
    }
  }
  return operations;
}

function ec2CompatibleOperations(context: RuleContext, taskDefinition: Record<string, unknown>): PatchOperation[] {
  const compatibilities = taskDefinition.requiresCompatibilities;
  if (!Array.isArray(compatibilities)) {
    return [{ op: 'add', path: context.pointer(`${TASK_DEFINITION}/requiresCompatibilities`), value: ['EC2'] }];
  }
  if (!compatibilities.includes('EC2')) {
    return [{ op: 'add', path: context.pointer(`${TASK_DEFINITION}/requiresCompatibilities/-`), value: 'EC2' }];
  }
  return [];
}

function fitsStrategy(launchType: string, kind: StrategyKind): boolean {
  if (kind === 'fargate') {
    return launchType === 'FARGATE';
  }
  if (kind === 'auto-scaling-group') {
    return launchType === 'EC2';
  }
  return true;
}

function describeKind(kind: StrategyKind): string {
  switch (kind) {
    case 'fargate':
      return 'Fargate capacity providers';
    case 'auto-scaling-group':
      return 'Auto Scaling group capacity providers';
    case 'mixed':
      return 'mixed Fargate and Auto Scaling group providers';
    default:
      return 'capacity providers';
  }
}

function describeTarget(context: RuleContext): string {
  return context.target.kind === 'push' ? 'push pool' : `prefect-aws ${context.target.prefectAws}`;
}

function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

function wholePlaceholderName(value: unknown): string | undefined {
  if (typeof value !== 'string') {
    return undefined;
  }
  const match = /^\{\{\s*([\w.\-[\]$]+)\s*\}\}$/u.exec(value);
  return match?.[1];
}
