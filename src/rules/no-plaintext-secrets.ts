import type {
  DocumentLocation,
  RuleContext,
  Scenario,
} from '../linter/types.js';
import { isPlainObject, joinPointer } from '../parse/pointer.js';
import { createRule } from './utils/create-rule.js';
import {
  acceptsString,
  isMaskedSchema,
  isPlaintextValue,
  isSecretLikeName,
} from './utils/no-plaintext-secrets.js';

/** One environment entry of the rendered configuration. */
interface EnvironmentEntry {
  name: string;
  value: unknown;
  /** Rendered pointer of the value, relative to `job_configuration`. */
  valuePointer: string;
  /** The ECS object that stores the value: the task definition or the RunTask overrides. */
  shownIn: string;
}

const TASK_DEFINITION = 'task definition';
const RUN_REQUEST = 'RunTask overrides';

export default createRule({
  id: 'no-plaintext-secrets',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow secret-looking values written as plain text.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: false,
    messages: {
      plaintextEnvironment:
        'Environment variable {{name}} gets a plain-text value here, which ECS keeps in the {{shownIn}} for anyone who can describe it; pass it through the container\'s "secrets" with a Secrets Manager or SSM Parameter Store ARN.',
      plaintextValue:
        'Variable {{name}} holds a plain-text value that looks like a secret, which Prefect stores with the {{store}} for anyone who can read it; use a Secrets Manager or SSM Parameter Store ARN or a Prefect Secret block.',
      notMasked:
        'Variable {{name}} carries a secret, but its schema sets neither "writeOnly": true nor "format": "password", so the Prefect UI shows the value as plain text.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    const reported = new Set<string>();
    const carriers = new Set<string>();
    for (const scenario of context.scenarios) {
      for (const entry of environmentEntries(scenario.rendered.value)) {
        checkEntry(context, scenario, entry, reported, carriers);
      }
    }
    checkVariables(context, reported, carriers);
    for (const name of carriers) {
      checkMasking(context, name);
    }
  },
});

/**
 * Environment entries in `env`, in the containers of the task definition
 * and in the run request's container overrides, as lists of `{name, value}`
 * or as objects.
 */
function environmentEntries(
  rendered: Record<string, unknown>,
): EnvironmentEntry[] {
  const entries = environmentOf(rendered.env, '/env', RUN_REQUEST);
  const taskDefinition = isPlainObject(rendered.task_definition)
    ? rendered.task_definition
    : {};
  eachItem(taskDefinition.containerDefinitions, (container, index) => {
    const pointer = joinPointer(
      '/task_definition/containerDefinitions',
      index,
      'environment',
    );
    entries.push(
      ...environmentOf(container.environment, pointer, TASK_DEFINITION),
    );
  });
  const runRequest = isPlainObject(rendered.task_run_request)
    ? rendered.task_run_request
    : {};
  const overrides = isPlainObject(runRequest.overrides)
    ? runRequest.overrides
    : {};
  eachItem(overrides.containerOverrides, (override, index) => {
    const pointer = joinPointer(
      '/task_run_request/overrides/containerOverrides',
      index,
      'environment',
    );
    entries.push(...environmentOf(override.environment, pointer, RUN_REQUEST));
  });
  return entries;
}

function environmentOf(
  environment: unknown,
  pointer: string,
  shownIn: string,
): EnvironmentEntry[] {
  if (isPlainObject(environment)) {
    return Object.entries(environment).map(([name, value]) => ({
      name,
      value,
      valuePointer: joinPointer(pointer, name),
      shownIn,
    }));
  }
  const entries: EnvironmentEntry[] = [];
  eachItem(environment, (item, index) => {
    if (typeof item.name === 'string') {
      entries.push({
        name: item.name,
        value: item.value,
        valuePointer: joinPointer(pointer, index, 'value'),
        shownIn,
      });
    }
  });
  return entries;
}

function eachItem(
  list: unknown,
  visit: (item: Record<string, unknown>, index: number) => void,
): void {
  if (Array.isArray(list)) {
    list.forEach((item, index) => {
      if (isPlainObject(item)) {
        visit(item, index);
      }
    });
  }
}

function checkEntry(
  context: RuleContext,
  scenario: Scenario,
  entry: EnvironmentEntry,
  reported: Set<string>,
  carriers: Set<string>,
): void {
  if (!isSecretLikeName(entry.name) || !isPlaintextValue(entry.value)) {
    return;
  }
  const feeding = feedingVariable(context, scenario, entry.valuePointer);
  if (feeding !== undefined) {
    carriers.add(feeding);
  }
  const at = scenario.locate(entry.valuePointer);
  if (!markReported(reported, at)) {
    return;
  }
  context.report({
    messageId: 'plaintextEnvironment',
    data: { name: entry.name, shownIn: entry.shownIn },
    at,
    scenario,
  });
}

/**
 * Returns the declared variable whose whole value is the entry's value, whether
 * substituted whole or inline. A value inside an object variable such as
 * `env` belongs to that object, not to a variable of its own.
 */
function feedingVariable(
  context: RuleContext,
  scenario: Scenario,
  pointer: string,
): string | undefined {
  const origin = scenario.rendered.originOf(pointer);
  const name = origin?.placeholder?.split(/[.[]/)[0];
  if (
    name === undefined ||
    !(name in context.template.properties) ||
    !origin?.source
  ) {
    return undefined;
  }
  return origin.source.pointer ===
    wholeVariablePointer(context, scenario, origin.source.document, name)
    ? name
    : undefined;
}

function wholeVariablePointer(
  context: RuleContext,
  scenario: Scenario,
  document: string,
  name: string,
): string {
  if (document === '') {
    return joinPointer(
      context.pointer('/variables/properties'),
      name,
      'default',
    );
  }
  return joinPointer(scenario.jobVariables?.pointer ?? '', name);
}

/**
 * Secret-looking variables with a plain-text default or job variable
 * value, and the variables that will carry a secret: those with a
 * secret-looking name, unless every value they get is a reference.
 */
function checkVariables(
  context: RuleContext,
  reported: Set<string>,
  carriers: Set<string>,
): void {
  for (const [name, schema] of Object.entries(context.template.properties)) {
    if (!isSecretLikeName(name) || !acceptsString(schema)) {
      continue;
    }
    const values = context.scenarios.map(
      (scenario) => scenario.values.values[name],
    );
    const onlyReferences =
      values.some((value) => value !== undefined) &&
      values.every((value) => value === undefined || !isPlaintextValue(value));
    if (!onlyReferences) {
      carriers.add(name);
    }
    for (const scenario of context.scenarios) {
      checkVariableValue(context, scenario, name, reported);
    }
  }
}

function checkVariableValue(
  context: RuleContext,
  scenario: Scenario,
  name: string,
  reported: Set<string>,
): void {
  const value = scenario.values.values[name];
  const source = scenario.values.sourceOf(name, []);
  if (!isPlaintextValue(value) || source === undefined) {
    return;
  }
  if (!markReported(reported, source)) {
    return;
  }
  context.report({
    messageId: 'plaintextValue',
    data: { name, store: source.document === '' ? 'work pool' : 'deployment' },
    at: { ...source, templatePointer: consumerPointer(context, name) },
    scenario,
  });
}

/** Returns the first template string that reads the variable, else its declaration. */
function consumerPointer(context: RuleContext, name: string): string {
  const occurrence = context.placeholders.find(
    (placeholder) =>
      !placeholder.inKey && placeholder.name.split(/[.[]/)[0] === name,
  );
  return (
    occurrence?.pointer ??
    joinPointer(context.pointer('/variables/properties'), name)
  );
}

function checkMasking(context: RuleContext, name: string): void {
  const schema = context.template.properties[name];
  if (
    schema === undefined ||
    isMaskedSchema(schema) ||
    !acceptsString(schema)
  ) {
    return;
  }
  context.report({
    messageId: 'notMasked',
    data: { name },
    at: joinPointer(context.pointer('/variables/properties'), name),
  });
}

/** Records a location and returns whether it was new, so one value is reported once. */
function markReported(reported: Set<string>, at: DocumentLocation): boolean {
  const key = `${at.document}\u0000${at.pointer}`;
  if (reported.has(key)) {
    return false;
  }
  reported.add(key);
  return true;
}
