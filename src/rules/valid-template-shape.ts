import {
  knownContainerDefinitionKeys,
  knownContainerOverrideKeys,
  knownRunTaskKeys,
  knownTaskDefinitionKeys,
  knownTaskOverrideKeys,
} from '../model/schemas.js';
import { findPlaceholders } from '../placeholders/grammar.js';
import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import { TOP_LEVEL_JOB_VARIABLE_HINTS } from '../model/template.js';
import type { RuleContext } from '../linter/types.js';
import { isKeyKnownTo, JOB_CONFIGURATION_KEYS } from '../worker/features.js';
import { createRule } from './utils/create-rule.js';
import { closestName } from './utils/suggest-name.js';

/** The right place for each job variable that people put in `job_configuration` by mistake. */
const MISPLACED_JOB_VARIABLES: Record<string, string> = {
  launch_type: 'task_run_request.launchType',
  cpu: 'task_definition.cpu',
  memory: 'task_definition.memory',
  image: 'task_definition.containerDefinitions[].image',
  family: 'task_definition.family',
  task_role_arn: 'task_run_request.overrides.taskRoleArn',
  capacity_provider_strategy: 'task_run_request.capacityProviderStrategy',
  task_definition_arn: 'task_run_request.taskDefinition',
};

export default createRule({
  id: 'valid-template-shape',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require the shape that Prefect and AWS accept: job_configuration and variables sections, and known keys in job_configuration and its AWS requests.',
    },
    levels: ['error', 'warning'],
    fixable: false,
    hasSuggestions: false,
    messages: {
      notObject: 'The template must be a JSON object, not {{type}}.',
      missingSection:
        'The template has no non-empty {{section}} object; Prefect rejects it with "The `base_job_template` must contain both a `job_configuration` key and a `variables` key."',
      variablesNotSchema:
        'variables must be a JSON Schema object with "type": "object" and "properties"; {{problem}}.',
      jobVariableAtTopLevel:
        '"{{key}}" looks like a job variable; declare it under variables.properties and set its value as a default or in a deployment\'s job_variables.',
      jobVariableInJobConfiguration:
        '"{{key}}" is a job variable, not a job_configuration key; it belongs in {{place}} as a "{{ {{key}} }}" placeholder.',
      unknownKey: 'Unknown job_configuration key "{{key}}"{{hint}}; the ECS worker ignores it.',
      keyTooNew:
        'job_configuration key "{{key}}" needs prefect-aws {{since}} or later; the target worker ({{version}}) ignores it.',
      duplicateKey: 'Duplicate key "{{key}}"; Prefect keeps only the last value.',
      unknownRequestKey:
        'Unknown {{request}} key "{{key}}"{{hint}}; the worker passes it to boto3, which rejects it with "Unknown parameter".',
      poolWithoutTemplate: 'The work pool has no base_job_template object.',
      poolTemplateIsText:
        'base_job_template is a JSON string, as Terraform\'s jsonencode stores it; lint the template itself, for example after jq -r .base_job_template.',
    },
  },
  check(context) {
    reportDuplicateKeys(context);
    const { template } = context;
    const value = template.template;
    if (!isPlainObject(value)) {
      reportNotObject(context, value);
      return;
    }
    if (Object.keys(value).length === 0) {
      return;
    }
    checkSections(context, value);
    checkJobConfigurationKeys(context);
    checkRequestKeys(context);
  },
});

/** The AWS request objects in `job_configuration` and the keys each accepts. */
const REQUEST_SHAPES: { path: string; request: string; keys: readonly string[]; each?: boolean }[] = [
  { path: '/task_definition', request: 'RegisterTaskDefinition', keys: knownTaskDefinitionKeys },
  { path: '/task_definition/containerDefinitions', request: 'container definition', keys: knownContainerDefinitionKeys, each: true },
  { path: '/task_run_request', request: 'RunTask', keys: knownRunTaskKeys },
  { path: '/task_run_request/overrides', request: 'task override', keys: knownTaskOverrideKeys },
  {
    path: '/task_run_request/overrides/containerOverrides',
    request: 'container override',
    keys: knownContainerOverrideKeys,
    each: true,
  },
];

/**
 * Reports misspelled keys in the task definition, the run request and their
 * nested objects: the worker sends them to AWS unchanged, and boto3 rejects
 * any parameter it does not know, so the flow run crashes.
 */
function checkRequestKeys(context: RuleContext): void {
  const jobConfiguration = context.template.jobConfiguration;
  if (!jobConfiguration) {
    return;
  }
  const base = joinPointer(context.template.base, 'job_configuration');
  for (const shape of REQUEST_SHAPES) {
    const value = getAtPointer(jobConfiguration, shape.path);
    const objects: { pointer: string; object: Record<string, unknown> }[] = [];
    if (shape.each && Array.isArray(value)) {
      value.forEach((item, index) => {
        if (isPlainObject(item)) {
          objects.push({ pointer: `${base}${shape.path}/${index}`, object: item });
        }
      });
    } else if (!shape.each && isPlainObject(value)) {
      objects.push({ pointer: base + shape.path, object: value });
    }
    for (const { pointer, object } of objects) {
      reportUnknownRequestKeys(context, pointer, object, shape);
    }
  }
}

function reportUnknownRequestKeys(
  context: RuleContext,
  pointer: string,
  object: Record<string, unknown>,
  shape: { request: string; keys: readonly string[] },
): void {
  for (const key of Object.keys(object)) {
    // A placeholder in a key is valid-placeholder's finding.
    if (shape.keys.includes(key) || findPlaceholders(key).length > 0) {
      continue;
    }
    const suggestion = closestName(key, shape.keys);
    context.report({
      messageId: 'unknownRequestKey',
      data: { request: shape.request, key, hint: suggestion ? ` (did you mean "${suggestion}"?)` : '' },
      at: joinPointer(pointer, key),
      level: 'error',
    });
  }
}

function reportDuplicateKeys(context: RuleContext): void {
  for (const duplicate of context.document.duplicateKeys) {
    context.report({
      messageId: 'duplicateKey',
      data: { key: duplicate.key },
      at: duplicate.pointer,
      level: 'warning',
    });
  }
}

function reportNotObject(context: RuleContext, value: unknown): void {
  if (context.template.kind === 'work-pool') {
    const messageId = typeof value === 'string' && isJsonObjectText(value) ? 'poolTemplateIsText' : 'poolWithoutTemplate';
    context.report({ messageId, at: context.pointer('') || '' });
    return;
  }
  const type = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  context.report({ messageId: 'notObject', data: { type }, at: context.pointer('') });
}

function isJsonObjectText(text: string): boolean {
  try {
    return isPlainObject(JSON.parse(text));
  } catch {
    return false;
  }
}

function checkSections(context: RuleContext, value: Record<string, unknown>): void {
  for (const section of ['job_configuration', 'variables']) {
    const sectionValue = value[section];
    if (!isPlainObject(sectionValue) || Object.keys(sectionValue).length === 0) {
      const at = section in value ? context.pointer(`/${section}`) : context.pointer('');
      context.report({ messageId: 'missingSection', data: { section }, at });
    }
  }

  const variables = value.variables;
  if (isPlainObject(variables) && Object.keys(variables).length > 0) {
    const problem = variablesSchemaProblem(variables);
    if (problem) {
      context.report({ messageId: 'variablesNotSchema', data: { problem }, at: context.pointer('/variables') });
    }
  }

  for (const key of Object.keys(value)) {
    if (TOP_LEVEL_JOB_VARIABLE_HINTS.has(key)) {
      context.report({ messageId: 'jobVariableAtTopLevel', data: { key }, at: context.pointer(`/${key}`) });
    }
  }
}

function variablesSchemaProblem(variables: Record<string, unknown>): string | undefined {
  if (variables.type !== 'object') {
    return 'it has no "type": "object"';
  }
  if (!isPlainObject(variables.properties)) {
    return 'it has no "properties" object';
  }
  return undefined;
}

function checkJobConfigurationKeys(context: RuleContext): void {
  const jobConfiguration = context.template.jobConfiguration;
  if (!jobConfiguration) {
    return;
  }
  const version = context.features.knownKeysVersion;
  const base = joinPointer(context.template.base, 'job_configuration');
  for (const key of Object.keys(jobConfiguration)) {
    const at = joinPointer(base, key);
    const place = MISPLACED_JOB_VARIABLES[key];
    if (place) {
      context.report({
        messageId: 'jobVariableInJobConfiguration',
        data: { key, place },
        at,
        level: 'warning',
      });
    } else if (!(key in JOB_CONFIGURATION_KEYS)) {
      const suggestion = closestName(key, Object.keys(JOB_CONFIGURATION_KEYS));
      const hint = suggestion ? ` (did you mean "${suggestion}"?)` : '';
      context.report({ messageId: 'unknownKey', data: { key, hint }, at, level: 'warning' });
    } else if (!isKeyKnownTo(key, version)) {
      context.report({
        messageId: 'keyTooNew',
        data: { key, since: JOB_CONFIGURATION_KEYS[key] ?? '', version: `prefect-aws ${version}` },
        at,
        level: 'warning',
      });
    }
  }
}
