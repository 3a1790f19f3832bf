import type {
  DocumentLocation,
  RuleContext,
  Scenario,
  SuggestionDescriptor,
} from '../linter/types.js';
import {
  getAtPointer,
  isPlainObject,
  isPointerWithin,
  joinPointer,
  parsePointer,
} from '../parse/pointer.js';
import {
  mostSpecificProblem,
  runValidator,
  type ValueProblem,
} from '../schema/variables-validator.js';
import { findPlaceholders } from '../placeholders/grammar.js';
import { createRule } from './utils/create-rule.js';
import { closestName } from './utils/suggest-name.js';
import { variablesSourceKey } from './utils/variables.js';
import {
  prefectFieldPath,
  templatePointerForVariable,
  validateForFlowRun,
  type FlowRunValidation,
} from './utils/valid-job-variables.js';

const MAX_VALUE_TEXT = 60;

export default createRule({
  id: 'valid-job-variables',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require job variables that validate against the variables schema and have an effect.',
    },
    levels: ['error', 'warning'],
    fixable: false,
    hasSuggestions: true,
    messages: {
      invalid:
        'Job variable "{{name}}" fails the variables schema at {{field}}: {{problem}}, so Prefect rejects every flow run of this deployment ("Error creating flow run: Validation failed").',
      missingRequired:
        'Required variable "{{name}}" has no valid default and these job variables do not set it, so Prefect rejects every flow run of this deployment.',
      undeclared:
        'Job variable "{{name}}" is not declared in the variables schema, so it has no effect.',
      undeclaredWithSuggestion:
        'Job variable "{{name}}" is not declared in the variables schema and has no effect; the closest declared variable is "{{suggestion}}".',
      emptyTaskDefinitionArn:
        'Job variable "{{name}}" is {{value}}, which the worker keeps as the RunTask taskDefinition and then fails with "{{workerMessage}}".',
      emptyRunRequestValue:
        'Job variable "{{name}}" is {{value}}, which is sent to RunTask as {{field}} instead of being left out, and RunTask does not accept it.',
    },
  },
  check(context) {
    const { variables, properties } = context.template;
    if (!variables) {
      return;
    }
    for (const scenario of context.scenarios) {
      if (scenario.name !== undefined && scenario.jobVariables) {
        checkScenario(context, scenario, variables, properties);
      }
    }
  },
});

function checkScenario(
  context: RuleContext,
  scenario: Scenario,
  variables: Record<string, unknown>,
  properties: Record<string, Record<string, unknown>>,
): void {
  const jobValues = scenario.jobVariables?.values ?? {};
  const validation = validateForFlowRun(variables, properties, jobValues, variablesSourceKey(context));
  const invalidNames = reportSchemaProblems(context, scenario, validation);
  reportUndeclaredKeys(context, scenario, properties, invalidNames);
  reportBlankRunRequestValues(context, scenario, invalidNames);
}

/** Reports one problem per job variable, plus required variables that nothing sets. */
/**
 * True when the value at `segments`, or a value that contains it, is a
 * `{{ prefect.variables.* }}`, `{{ prefect.blocks.* }}` or `{{ $ENV }}`
 * reference: Prefect resolves those when it deploys or runs, so their type
 * is unknown here.
 */
function isDeployTimeReference(jobValues: Record<string, unknown>, segments: readonly string[]): boolean {
  for (let length = 1; length <= segments.length; length++) {
    const value = getAtPointer(jobValues, joinPointer('', ...segments.slice(0, length)));
    if (typeof value === 'string' && findPlaceholders(value).some((placeholder) => placeholder.kind !== 'job-variable')) {
      return true;
    }
  }
  return false;
}

function reportSchemaProblems(
  context: RuleContext,
  scenario: Scenario,
  validation: FlowRunValidation,
): Set<string> {
  const jobValues = scenario.jobVariables?.values ?? {};
  const byVariable = new Map<string, ValueProblem[]>();
  const missing = new Set<string>();

  for (const problem of validation.problems ?? []) {
    const segments = parsePointer(problem.instancePath);
    const name = segments[0] ?? rootProblemVariable(problem);
    if (name === undefined) {
      continue;
    }
    if (segments.length === 0 && problem.keyword === 'required') {
      missing.add(name);
      continue;
    }
    // A problem in a value that comes from a pool default is the
    // template's, which valid-variable-default reports.
    if (!Object.prototype.hasOwnProperty.call(jobValues, name)) {
      continue;
    }
    if (isDeployTimeReference(jobValues, segments)) {
      continue;
    }
    byVariable.set(name, [...(byVariable.get(name) ?? []), problem]);
  }

  for (const [name, problems] of byVariable) {
    const problem = mostSpecificProblem(problems);
    if (problem) {
      reportInvalid(context, scenario, validation, name, problem);
    }
  }
  for (const name of missing) {
    context.report({
      messageId: 'missingRequired',
      data: { name },
      at: jobLocation(context, scenario, name, []),
      scenario,
    });
  }
  return new Set(byVariable.keys());
}

/** Returns the variable that a root-level problem names: a missing required one or an extra key. */
function rootProblemVariable(problem: ValueProblem): string | undefined {
  if (problem.keyword === 'required') {
    return /property '(.+)'$/.exec(problem.message)?.[1];
  }
  if (problem.keyword === 'additionalProperties') {
    return /\("(.+)"\)$/.exec(problem.message)?.[1];
  }
  return undefined;
}

function reportInvalid(
  context: RuleContext,
  scenario: Scenario,
  validation: FlowRunValidation,
  name: string,
  problem: ValueProblem,
): void {
  const inner = parsePointer(problem.instancePath).slice(1);
  const value = getAtPointer(
    validation.values[name],
    joinPointer('', ...inner),
  );
  const described =
    problem.keyword === 'required' ||
    (inner.length === 0 && problem.keyword === 'additionalProperties')
      ? problem.message
      : `${valueText(value)} ${problem.message}`;
  context.report({
    messageId: 'invalid',
    data: { name, field: prefectFieldPath(name, inner), problem: described },
    at: jobLocation(context, scenario, name, inner),
    scenario,
    suggest: invalidValueSuggestions(
      scenario,
      validation,
      name,
      inner,
      problem,
      value,
    ),
  });
}

/**
 * Two repairs that keep the author's intent: `"512"` written as 512 where
 * the schema wants an integer (or `"true"` as a boolean), and a capacity
 * provider item without `base` given AWS's own default of 0.
 */
function invalidValueSuggestions(
  scenario: Scenario,
  validation: FlowRunValidation,
  name: string,
  inner: string[],
  problem: ValueProblem,
  value: unknown,
): SuggestionDescriptor[] | undefined {
  const path = joinPointer('', name, ...inner);
  if (
    problem.keyword === 'required' &&
    /property 'base'$/.test(problem.message)
  ) {
    if (isPlainObject(value) && 'capacityProvider' in value) {
      return [
        {
          desc: 'Add "base": 0, the value AWS uses when base is left out.',
          patch: [{ op: 'add', path: joinPointer(path, 'base'), value: 0 }],
          document: scenario.name,
        },
      ];
    }
  }
  if (problem.keyword !== 'type' || typeof value !== 'string') {
    return undefined;
  }
  const converted = literalValue(value);
  if (
    converted === undefined ||
    !validatesWith(validation, name, inner, converted)
  ) {
    return undefined;
  }
  return [
    {
      desc: `Write ${JSON.stringify(value)} as ${JSON.stringify(converted)}.`,
      patch: [{ op: 'replace', path, value: converted }],
      document: scenario.name,
    },
  ];
}

function literalValue(text: string): number | boolean | undefined {
  if (/^-?(0|[1-9]\d*)$/.test(text) && Number.isSafeInteger(Number(text))) {
    return Number(text);
  }
  if (text === 'true' || text === 'false') {
    return text === 'true';
  }
  return undefined;
}

/** True when replacing the value at `name/inner` leaves the variable without problems. */
function validatesWith(
  validation: FlowRunValidation,
  name: string,
  inner: string[],
  value: unknown,
): boolean {
  const values = structuredClone(validation.values);
  if (inner.length === 0) {
    values[name] = value;
  } else {
    const parent = getAtPointer(
      values[name],
      joinPointer('', ...inner.slice(0, -1)),
    );
    const last = inner[inner.length - 1] ?? '';
    if (Array.isArray(parent)) {
      parent[Number(last)] = value;
    } else if (isPlainObject(parent)) {
      parent[last] = value;
    } else {
      return false;
    }
  }
  const outcome = runValidator(validation.validator, values);
  if (outcome.kind !== 'invalid') {
    return outcome.kind === 'valid';
  }
  const prefix = joinPointer('', name);
  return !outcome.problems.some((p) => isPointerWithin(p.instancePath, prefix));
}

/** Keys whose variable (the part before the first dot) is not declared. */
function reportUndeclaredKeys(
  context: RuleContext,
  scenario: Scenario,
  properties: Record<string, Record<string, unknown>>,
  invalidNames: Set<string>,
): void {
  const jobValues = scenario.jobVariables?.values ?? {};
  const declared = Object.keys(properties);
  for (const key of Object.keys(jobValues)) {
    const [root = key, ...rest] = key.split('.');
    if (root in properties || invalidNames.has(key)) {
      continue;
    }
    const suggestion = closestName(root, declared);
    const renamed =
      suggestion === undefined ? undefined : [suggestion, ...rest].join('.');
    const canRename =
      renamed !== undefined &&
      !Object.prototype.hasOwnProperty.call(jobValues, renamed);
    context.report({
      messageId:
        suggestion === undefined ? 'undeclared' : 'undeclaredWithSuggestion',
      data:
        suggestion === undefined ? { name: key } : { name: key, suggestion },
      at: jobLocation(context, scenario, key, []),
      level: 'warning',
      scenario,
      suggest: canRename
        ? [
            {
              desc: `Rename "${key}" to "${renamed}".`,
              patch: [
                {
                  op: 'move',
                  from: joinPointer('', key),
                  path: joinPointer('', renamed),
                },
              ],
              document: scenario.name,
            },
          ]
        : undefined,
    });
  }
}

/**
 * Reports an explicit `null` or `""` that reaches RunTask. Such a value is
 * not a missing one, so a whole-value placeholder in `task_run_request`
 * keeps it. Only the launch type, and the cluster since prefect-aws 0.7.1,
 * are filled in by the worker.
 */
function reportBlankRunRequestValues(
  context: RuleContext,
  scenario: Scenario,
  invalidNames: Set<string>,
): void {
  const jobValues = scenario.jobVariables?.values ?? {};
  const jobConfigurationPointer = context.pointer('/job_configuration');
  const runRequestPointer = context.pointer(
    '/job_configuration/task_run_request',
  );
  const reported = new Set<string>();

  for (const occurrence of context.placeholders) {
    const name = occurrence.name;
    if (
      !occurrence.wholeValue ||
      !isPointerWithin(occurrence.pointer, runRequestPointer) ||
      occurrence.pointer === runRequestPointer ||
      reported.has(name) ||
      invalidNames.has(name) ||
      !Object.prototype.hasOwnProperty.call(jobValues, name)
    ) {
      continue;
    }
    const value = jobValues[name];
    if (value !== null && value !== '') {
      continue;
    }
    const renderedPointer = occurrence.pointer.slice(
      jobConfigurationPointer.length,
    );
    if (
      scenario.rendered.originOf(renderedPointer)?.templatePointer !==
      occurrence.pointer
    ) {
      continue;
    }
    const requestPath = renderedPointer.slice('/task_run_request'.length);
    const sent = getAtPointer(scenario.prepared.runTaskRequest, requestPath);
    if (sent !== null && sent !== '') {
      continue;
    }
    reported.add(name);
    reportBlankValue(context, scenario, name, value, requestPath);
  }
}

function reportBlankValue(
  context: RuleContext,
  scenario: Scenario,
  name: string,
  value: null | '',
  requestPath: string,
): void {
  const mismatch = scenario.prepared.workerErrors.find(
    (error) => error.code === 'task-definition-arn-mismatch',
  );
  const at = jobLocation(context, scenario, name, []);
  const suggest: SuggestionDescriptor[] = [
    {
      desc: `Remove "${name}" from the job variables so that the pool default applies.`,
      patch: [{ op: 'remove', path: joinPointer('', name) }],
      document: scenario.name,
    },
  ];
  if (requestPath === '/taskDefinition' && mismatch) {
    context.report({
      messageId: 'emptyTaskDefinitionArn',
      data: {
        name,
        value: JSON.stringify(value),
        workerMessage: mismatch.message,
      },
      at,
      scenario,
      suggest,
    });
    return;
  }
  context.report({
    messageId: 'emptyRunRequestValue',
    data: {
      name,
      value: JSON.stringify(value),
      field: prefectFieldPath('task_run_request', parsePointer(requestPath)),
    },
    at,
    scenario,
    suggest,
  });
}

/** Builds the location of a job variable, or of a value inside it, in its job-variables document. */
function jobLocation(
  context: RuleContext,
  scenario: Scenario,
  name: string,
  inner: string[],
): DocumentLocation {
  const jobPointer = scenario.jobVariables?.pointer ?? '';
  const present = Object.prototype.hasOwnProperty.call(
    scenario.jobVariables?.values ?? {},
    name,
  );
  const location: DocumentLocation = {
    document: scenario.name ?? '',
    pointer: present ? joinPointer(jobPointer, name, ...inner) : jobPointer,
  };
  const templatePointer = templatePointerForVariable(
    context,
    name.split('.')[0] ?? name,
  );
  if (templatePointer !== undefined) {
    location.templatePointer = templatePointer;
  }
  return location;
}

function valueText(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_VALUE_TEXT
    ? `${text.slice(0, MAX_VALUE_TEXT - 3)}...`
    : text;
}
