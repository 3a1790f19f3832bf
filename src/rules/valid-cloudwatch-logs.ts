import type {
  DocumentLocation,
  PatchOperation,
  RuleContext,
  Scenario,
  SuggestionDescriptor,
} from '../linter/types.js';
import {
  escapePointerSegment,
  getAtPointer,
  isPlainObject,
  joinPointer,
} from '../parse/pointer.js';
import { wholeValuePlaceholder } from '../placeholders/grammar.js';
import { isUnknown } from '../render/unknown.js';
import {
  preprocessVariablesSchema,
  validateValue,
} from '../schema/variables-validator.js';
import { createRule } from './utils/create-rule.js';
import { closestName } from './utils/suggest-name.js';
import {
  AWSLOGS_OPTIONS,
  cloudWatchState,
  flagRepair,
  hasOptionsWithoutFlag,
  orchestrationLogConfiguration,
  WORKER_DEFAULT_LOG_GROUP,
  type FlagRepair,
} from './utils/valid-cloudwatch-logs.js';

const OPTIONS = '/cloudwatch_logs_options';
const FLAG = '/configure_cloudwatch_logs';

// Docker reads `awslogs-create-group` with Go's strconv.ParseBool.
const FALSE_WORDS = new Set(['false', '0', 'f']);

export default createRule({
  id: 'valid-cloudwatch-logs',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require CloudWatch log settings that the worker accepts.',
    },
    levels: ['error', 'warning', 'info'],
    fixable: true,
    hasSuggestions: true,
    messages: {
      optionsWithoutFlag:
        'cloudwatch_logs_options is set while configure_cloudwatch_logs is off, so the worker rejects the run with "{{workerMessage}}"',
      nonStringOption:
        'CloudWatch log option "{{option}}" is {{value}}, but cloudwatch_logs_options only accepts string values, so the worker rejects the run.',
      unknownOption:
        '"{{option}}" is not an option of the awslogs log driver{{hint}}, so Docker rejects the container ("unknown log opt") or the setting is ignored.',
      defaultGroupCreated:
        'CloudWatch logging is on and cloudwatch_logs_options names no "awslogs-group", so logs go to the group "{{group}}", which ECS creates on first use; the execution role needs logs:CreateLogGroup.',
      defaultGroupMustExist:
        'CloudWatch logging is on and cloudwatch_logs_options names no "awslogs-group" while "awslogs-create-group" is "{{createGroup}}", so the log group "{{group}}" must already exist.',
      logConfigurationReplaced:
        'Container "{{container}}" has its own logConfiguration, which the worker replaces with the awslogs driver because configure_cloudwatch_logs is on; move the options it needs into cloudwatch_logs_options.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    const repair = lazy(() => flagRepair(context));
    for (const scenario of context.scenarios) {
      checkFlag(context, scenario, repair);
      checkOptionValues(context, scenario);
      checkLogGroup(context, scenario);
      checkReplacedLogConfiguration(context, scenario);
    }
  },
});

function lazy<T>(compute: () => T): () => T {
  let computed = false;
  let value: T;
  return () => {
    if (!computed) {
      value = compute();
      computed = true;
    }
    return value;
  };
}

function checkFlag(
  context: RuleContext,
  scenario: Scenario,
  repair: () => FlagRepair | undefined,
): void {
  if (!hasOptionsWithoutFlag(scenario)) {
    return;
  }
  const workerMessage =
    scenario.prepared.workerErrors.find(
      (error) => error.code === 'cloudwatch-options-need-flag',
    )?.message ?? '';
  const at = scenario.locate(OPTIONS);
  const flagAt = scenario.locate(FLAG);
  const descriptor = {
    messageId: 'optionsWithoutFlag',
    data: { workerMessage },
    at,
    scenario,
  };

  // A deployment that turns the flag off, or brings its own options, is
  // repaired in its own job variables, and only as a suggestion.
  const jobVariablesSuggestion =
    flagAt.document !== ''
      ? flagSuggestion(
          scenario,
          flagAt.document,
          relativePointer(scenario, flagAt),
          'replace',
        )
      : at.document !== ''
        ? flagVariableSuggestion(context, scenario, at.document)
        : undefined;
  if (at.document !== '' || flagAt.document !== '') {
    context.report({
      ...descriptor,
      suggest: jobVariablesSuggestion ? [jobVariablesSuggestion] : undefined,
    });
    return;
  }
  const templateRepair = repair();
  if (templateRepair?.safe) {
    context.report({ ...descriptor, fix: templateRepair.patch });
    return;
  }
  context.report({
    ...descriptor,
    suggest: templateRepair
      ? [
          {
            desc: 'Turn on configure_cloudwatch_logs; the task then needs an execution role.',
            patch: templateRepair.patch,
          },
        ]
      : undefined,
  });
}

/** Sets the flag's variable in a deployment's job variables, when the template reads one. */
function flagVariableSuggestion(
  context: RuleContext,
  scenario: Scenario,
  document: string,
): SuggestionDescriptor | undefined {
  const node = context.template.jobConfiguration?.configure_cloudwatch_logs;
  const name =
    typeof node === 'string' ? wholeValuePlaceholder(node)?.name : undefined;
  if (name === undefined) {
    return undefined;
  }
  return flagSuggestion(scenario, document, joinPointer('', name), 'add');
}

function flagSuggestion(
  scenario: Scenario,
  document: string,
  path: string,
  op: 'add' | 'replace',
): SuggestionDescriptor {
  return {
    desc: `Turn on configure_cloudwatch_logs in ${scenario.name ?? document}.`,
    document,
    patch: [{ op, path, value: true }],
  };
}

function checkOptionValues(context: RuleContext, scenario: Scenario): void {
  const options = scenario.rendered.value.cloudwatch_logs_options;
  if (!isPlainObject(options)) {
    return;
  }
  const optionsAt = scenario.locate(OPTIONS);
  for (const [option, value] of Object.entries(options)) {
    const pointer = joinPointer(OPTIONS, option);
    if (!AWSLOGS_OPTIONS.includes(option as (typeof AWSLOGS_OPTIONS)[number])) {
      reportUnknownOption(
        context,
        scenario,
        option,
        scenario.locate(pointer),
        optionsAt,
      );
    }
    if (typeof value !== 'string' && !isUnknown(value)) {
      reportNonString(
        context,
        scenario,
        option,
        value,
        scenario.locate(pointer),
        optionsAt,
      );
    }
  }
}

function reportUnknownOption(
  context: RuleContext,
  scenario: Scenario,
  option: string,
  at: DocumentLocation,
  optionsAt: DocumentLocation,
): void {
  const candidate = closestName(option, AWSLOGS_OPTIONS);
  let suggestion: SuggestionDescriptor | undefined;
  if (candidate !== undefined && isMemberOf(at, optionsAt, option)) {
    const from = relativePointer(scenario, at);
    const renamed = joinPointer(
      relativePointer(scenario, optionsAt),
      candidate,
    );
    const options = getAtPointer(
      documentRoot(context, scenario, at),
      relativePointer(scenario, optionsAt),
    );
    if (isPlainObject(options) && !(candidate in options)) {
      suggestion = withDocument(at, {
        desc: `Rename the option to "${candidate}".`,
        patch: [{ op: 'move', from, path: renamed }],
      });
    }
  }
  context.report({
    messageId: 'unknownOption',
    data: {
      option,
      hint: candidate === undefined ? '' : ` (did you mean "${candidate}"?)`,
    },
    at,
    level: 'warning',
    scenario,
    suggest: suggestion ? [suggestion] : undefined,
  });
}

/**
 * Booleans and numbers become their text (`true` → `"true"`), where the
 * options object itself is written. In a variable default the change must
 * still fit the variable's schema; in job variables it is a suggestion.
 */
function reportNonString(
  context: RuleContext,
  scenario: Scenario,
  option: string,
  value: unknown,
  at: DocumentLocation,
  optionsAt: DocumentLocation,
): void {
  const text = stringified(value);
  const patch: PatchOperation[] | undefined =
    text !== undefined && isMemberOf(at, optionsAt, option)
      ? [{ op: 'replace', path: relativePointer(scenario, at), value: text }]
      : undefined;
  const safe =
    patch !== undefined &&
    at.document === '' &&
    fitsVariableSchema(context, at.pointer, text);
  context.report({
    messageId: 'nonStringOption',
    data: { option, value: JSON.stringify(value) ?? String(value) },
    at,
    scenario,
    fix: safe ? patch : undefined,
    suggest:
      !safe && patch
        ? [
            withDocument(at, {
              desc: `Write the value as the string ${JSON.stringify(text)}.`,
              patch,
            }),
          ]
        : undefined,
  });
}

function stringified(value: unknown): string | undefined {
  if (typeof value === 'boolean') {
    return String(value);
  }
  if (typeof value === 'number' && Number.isFinite(value)) {
    return String(value);
  }
  return undefined;
}

/**
 * Checks that a variable default still validates once the option is a
 * string. A literal in `job_configuration` has no schema to fit.
 */
function fitsVariableSchema(
  context: RuleContext,
  pointer: string,
  text: string | undefined,
): boolean {
  const properties = context.pointer('/variables/properties');
  if (!pointer.startsWith(`${properties}/`)) {
    return true;
  }
  const variables = context.template.variables;
  const name = pointer.slice(properties.length + 1).split('/')[0] ?? '';
  const variable = decodeSegment(name);
  const defaultPointer = joinPointer(properties, variable, 'default');
  const current = getAtPointer(context.document.value, defaultPointer);
  if (!variables || !isPlainObject(current)) {
    return false;
  }
  const option = decodeSegment(pointer.slice(defaultPointer.length + 1));
  // Every non-string option gets its own fix in the same pass, so the
  // schema is checked with all of them converted.
  const candidate: Record<string, unknown> = { ...current, [option]: text };
  for (const [key, value] of Object.entries(candidate)) {
    candidate[key] = stringified(value) ?? value;
  }
  const schema = preprocessVariablesSchema(variables, {
    enforceRequired: false,
  });
  return validateValue(schema, { [variable]: candidate }).kind === 'valid';
}

function decodeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function checkLogGroup(context: RuleContext, scenario: Scenario): void {
  if (
    cloudWatchState(scenario) !== 'on' ||
    scenario.prepared.taskDefinition === undefined
  ) {
    return;
  }
  const options = scenario.rendered.value.cloudwatch_logs_options;
  if (
    isUnknown(options) ||
    (isPlainObject(options) && 'awslogs-group' in options)
  ) {
    return;
  }
  const createGroup = isPlainObject(options)
    ? options['awslogs-create-group']
    : undefined;
  const createText =
    typeof createGroup === 'string' || typeof createGroup === 'boolean'
      ? String(createGroup)
      : undefined;
  const mustExist =
    createText !== undefined && FALSE_WORDS.has(createText.toLowerCase());
  context.report({
    messageId: mustExist ? 'defaultGroupMustExist' : 'defaultGroupCreated',
    data: { group: WORKER_DEFAULT_LOG_GROUP, createGroup: createText ?? '' },
    at: scenario.locate(isPlainObject(options) ? OPTIONS : FLAG),
    level: 'info',
    scenario,
  });
}

function checkReplacedLogConfiguration(
  context: RuleContext,
  scenario: Scenario,
): void {
  if (
    cloudWatchState(scenario) !== 'on' ||
    scenario.prepared.taskDefinition === undefined
  ) {
    return;
  }
  const replaced = orchestrationLogConfiguration(scenario);
  if (!replaced) {
    return;
  }
  context.report({
    messageId: 'logConfigurationReplaced',
    data: { container: replaced.container },
    at: scenario.locate(replaced.pointer),
    level: 'info',
    scenario,
  });
}

/** True when `at` is the member `option` of the options object written at `optionsAt`. */
function isMemberOf(
  at: DocumentLocation,
  optionsAt: DocumentLocation,
  option: string,
): boolean {
  return (
    at.document === optionsAt.document &&
    at.pointer === `${optionsAt.pointer}/${escapePointerSegment(option)}`
  );
}

/** Returns the value's pointer inside its own document, without the job-variables object's pointer. */
function relativePointer(scenario: Scenario, at: DocumentLocation): string {
  if (at.document === '') {
    return at.pointer;
  }
  const base = scenario.jobVariables?.pointer ?? '';
  return at.pointer.slice(base.length);
}

function documentRoot(
  context: RuleContext,
  scenario: Scenario,
  at: DocumentLocation,
): unknown {
  return at.document === ''
    ? context.document.value
    : scenario.jobVariables?.values;
}

function withDocument(
  at: DocumentLocation,
  suggestion: SuggestionDescriptor,
): SuggestionDescriptor {
  return at.document === ''
    ? suggestion
    : { ...suggestion, document: at.document };
}
