import { isPlainObject, joinPointer } from '../parse/pointer.js';
import { TOP_LEVEL_JOB_VARIABLE_HINTS } from '../model/template.js';
import type { RuleContext } from '../linter/types.js';
import { isKeyKnownTo, JOB_CONFIGURATION_KEYS } from '../worker/features.js';
import { createRule } from './create-rule.js';
import { closestName } from './utils/suggest-name.js';

/** Where a job variable placed in `job_configuration` by mistake actually goes. */
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
        'Require the shape that Prefect accepts: job_configuration and variables sections, known job_configuration keys.',
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
      poolWithoutTemplate: 'The work pool has no base_job_template object.',
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
  },
});

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
    context.report({ messageId: 'poolWithoutTemplate', at: context.pointer('') || '' });
    return;
  }
  const type = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
  context.report({ messageId: 'notObject', data: { type }, at: context.pointer('') });
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
