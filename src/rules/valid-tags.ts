import {
  MAX_TAGS_PER_RESOURCE,
  PREFECT_ADDED_TAG_COUNT,
  PREFECT_ADDED_TAG_KEYS,
  TAG_KEY_MAX_LENGTH,
  TAG_VALUE_MAX_LENGTH,
  validateTag,
  type TagField,
  type TagProblem,
} from '../aws/limits.js';
import type {
  DocumentLocation,
  PatchOperation,
  ReportDescriptor,
  RuleContext,
  Scenario,
  SuggestionDescriptor,
} from '../linter/types.js';
import {
  escapePointerSegment,
  getAtPointer,
  isPlainObject,
} from '../parse/pointer.js';
import { compareVersions } from '../worker/features.js';
import { createRule } from './utils/create-rule.js';
import {
  cleanTagText,
  collectScenarioTags,
  workerTagSlug,
  type RenderedTag,
  type ScenarioTags,
} from './utils/valid-tags.js';

// prefect-aws 0.4.17 narrowed the worker's tag pattern to characters ECS
// accepts; older workers let commas and the like through.
const FIRST_VERSION_REPLACING_INVALID_CHARACTERS = '0.4.17';

const MAX_LENGTH: Record<TagField, number> = {
  key: TAG_KEY_MAX_LENGTH,
  value: TAG_VALUE_MAX_LENGTH,
};

// Long tag texts are cut in messages; the pointer shows the whole text.
const MESSAGE_TEXT_LENGTH = 60;

const AWS_INVALID_CHARACTERS = 'Some tags contain invalid characters.';

export default createRule({
  id: 'valid-tags',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require ECS tags within AWS limits and character rules.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: true,
    messages: {
      tooMany:
        'The task gets {{count}} tags, {{userCount}} from labels and tags plus {{addedCount}} that Prefect adds, but ECS allows at most {{max}} per task; keep at most {{userMax}} of your own.',
      invalidCharactersReplaced:
        'Tag {{field}} "{{text}}" contains {{characters}}, which ECS does not allow; the worker replaces them, so the task is tagged with the {{field}} "{{sent}}" instead.',
      invalidCharacters:
        'Tag {{field}} "{{text}}" contains {{characters}}, which ECS does not allow (only letters, digits, spaces and _ . : / = + - @); {{target}} may send them unchanged, and AWS rejects the run with "{{awsMessage}}"',
      tooLong:
        'Tag {{field}} "{{text}}" is {{length}} characters long; ECS allows at most {{max}}.',
      reservedPrefix:
        'Tag {{field}} "{{text}}" starts with "{{prefix}}", which AWS reserves for its own tags in any letter case.',
      emptyKey:
        'A tag key is empty; ECS requires keys of 1 to {{max}} characters.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    const reported = new Set<string>();
    for (const scenario of context.scenarios) {
      const tags = collectScenarioTags(scenario);
      for (const tag of [...sentLabels(tags), ...sentRequestTags(tags)]) {
        checkTag(context, scenario, tag, reported);
      }
      checkCount(context, scenario, tags, reported);
    }
  },
});

/** Labels with a value, which the worker sends as tags. */
function sentLabels(tags: ScenarioTags): RenderedTag[] {
  return tags.labels.filter((tag) => tag.value !== null);
}

/**
 * Returns the run request's tags that the worker sends: those whose key is neither
 * a label nor one of Prefect's own labels, which replace them.
 */
function sentRequestTags(tags: ScenarioTags): RenderedTag[] {
  const labelKeys = new Set<string>([
    ...PREFECT_ADDED_TAG_KEYS,
    ...tags.labels.map((tag) => tag.key),
  ]);
  return tags.requestTags.filter(
    (tag) => tag.value !== null && !labelKeys.has(tag.key),
  );
}

function checkCount(
  context: RuleContext,
  scenario: Scenario,
  tags: ScenarioTags,
  reported: Set<string>,
): void {
  if (tags.unknown) {
    return;
  }
  const keys = new Set<string>([
    ...PREFECT_ADDED_TAG_KEYS,
    ...sentLabels(tags).map((tag) => tag.key),
  ]);
  const fromRequest = sentRequestTags(tags).length;
  const deregisterTag = addsDeregisterTag(scenario) ? 1 : 0;
  const count = keys.size + fromRequest + deregisterTag;
  if (count <= MAX_TAGS_PER_RESOURCE) {
    return;
  }
  const addedCount = PREFECT_ADDED_TAG_COUNT + deregisterTag;
  const pointer = tags.labels.length > 0 ? '/labels' : '/task_run_request/tags';
  const at = scenario.locate(pointer);
  if (!markReported(reported, at, 'count')) {
    return;
  }
  context.report({
    messageId: 'tooMany',
    data: {
      count,
      userCount: count - addedCount,
      addedCount,
      max: MAX_TAGS_PER_RESOURCE,
      userMax: MAX_TAGS_PER_RESOURCE - addedCount,
    },
    at,
    scenario,
  });
}

/** Returns whether the worker adds its tag for a new task definition it will deregister. */
function addsDeregisterTag(scenario: Scenario): boolean {
  const value = scenario.rendered.value.auto_deregister_task_definition;
  return value === true && scenario.prepared.taskDefinition !== undefined;
}

function checkTag(
  context: RuleContext,
  scenario: Scenario,
  tag: RenderedTag,
  reported: Set<string>,
): void {
  // A value that is not a string is a schema problem (or unknown until the
  // run), so only the key is checked then.
  const value = typeof tag.value === 'string' ? tag.value : '';
  const problems = validateTag(tag.key, value);
  for (const field of ['key', 'value'] as const) {
    const problem = problems.find((candidate) => candidate.field === field);
    if (!problem) {
      continue;
    }
    const pointer = field === 'key' ? tag.keyPointer : tag.valuePointer;
    const at = locateTagText(scenario, pointer);
    if (!markReported(reported, at, field)) {
      continue;
    }
    const text = field === 'key' ? tag.key : value;
    const suggestion = suggestClean(context, scenario, tag, field, text, at);
    context.report({
      ...describeProblem(context, problem, field, text),
      at,
      scenario,
      suggest: suggestion ? [suggestion] : undefined,
    });
  }
}

function describeProblem(
  context: RuleContext,
  problem: TagProblem,
  field: TagField,
  text: string,
): Pick<ReportDescriptor, 'messageId' | 'data'> {
  const shownText = shorten(text);
  switch (problem.code) {
    case 'empty':
      return { messageId: 'emptyKey', data: { max: TAG_KEY_MAX_LENGTH } };
    case 'too-long':
      return {
        messageId: 'tooLong',
        data: {
          field,
          text: shownText,
          length: problem.length,
          max: problem.maxLength,
        },
      };
    case 'reserved-prefix':
      return {
        messageId: 'reservedPrefix',
        data: { field, text: shownText, prefix: problem.prefix },
      };
    case 'invalid-characters': {
      const characters = describeCharacters(problem.characters);
      if (workerReplacesInvalidCharacters(context)) {
        return {
          messageId: 'invalidCharactersReplaced',
          data: {
            field,
            text: shownText,
            characters,
            sent: shorten(workerTagSlug(text)),
          },
        };
      }
      return {
        messageId: 'invalidCharacters',
        data: {
          field,
          text: shownText,
          characters,
          target: describeTarget(context),
          awsMessage: AWS_INVALID_CHARACTERS,
        },
      };
    }
  }
}

/**
 * Hybrid workers from 0.4.17 replace every character outside their
 * pattern. Push pools run Prefect Cloud's own executor, whose tag handling
 * is not public, so they are not assumed to.
 */
function workerReplacesInvalidCharacters(context: RuleContext): boolean {
  return (
    context.target.kind === 'hybrid' &&
    compareVersions(
      context.target.prefectAws,
      FIRST_VERSION_REPLACING_INVALID_CHARACTERS,
    ) >= 0
  );
}

function describeTarget(context: RuleContext): string {
  return context.target.kind === 'push'
    ? 'a push pool'
    : `prefect-aws ${context.target.prefectAws}`;
}

function describeCharacters(characters: string[]): string {
  const listed = characters
    .map((character) => JSON.stringify(character))
    .join(', ');
  return characters.length === 1
    ? `the character ${listed}`
    : `the characters ${listed}`;
}

function shorten(text: string): string {
  const characters = [...text];
  return characters.length > MESSAGE_TEXT_LENGTH
    ? `${characters.slice(0, MESSAGE_TEXT_LENGTH).join('')}…`
    : text;
}

/**
 * Returns where a tag text is written. Text built from inline placeholders is
 * reported at the template string and gets no suggestion.
 */
function locateTagText(scenario: Scenario, pointer: string): DocumentLocation {
  const origin = scenario.rendered.originOf(pointer);
  if (origin?.inline) {
    return { document: '', pointer: origin.templatePointer };
  }
  return scenario.locate(pointer);
}

function markReported(
  reported: Set<string>,
  at: DocumentLocation,
  field: string,
): boolean {
  const key = `${at.document}\u0000${at.pointer}\u0000${field}`;
  if (reported.has(key)) {
    return false;
  }
  reported.add(key);
  return true;
}

/**
 * Offers the cleaned text where it is written: a renamed member for an
 * object key, a replaced string otherwise.
 */
function suggestClean(
  context: RuleContext,
  scenario: Scenario,
  tag: RenderedTag,
  field: TagField,
  text: string,
  at: DocumentLocation,
): SuggestionDescriptor | undefined {
  if (
    scenario.rendered.originOf(
      field === 'key' ? tag.keyPointer : tag.valuePointer,
    )?.inline
  ) {
    return undefined;
  }
  const cleaned = cleanTagText(text, MAX_LENGTH[field]);
  if (cleaned === '' || cleaned === text) {
    return undefined;
  }
  const base = at.document === '' ? '' : (scenario.jobVariables?.pointer ?? '');
  const pointer = at.pointer.slice(base.length);
  const root =
    at.document === '' ? context.document.value : scenario.jobVariables?.values;
  let patch: PatchOperation[];
  if (field === 'key' && tag.form === 'member') {
    const parentPointer = pointer.slice(0, pointer.lastIndexOf('/'));
    const parent = getAtPointer(root, parentPointer);
    if (!isPlainObject(parent) || !(text in parent) || cleaned in parent) {
      return undefined;
    }
    patch = [
      {
        op: 'move',
        from: pointer,
        path: `${parentPointer}/${escapePointerSegment(cleaned)}`,
      },
    ];
  } else {
    if (getAtPointer(root, pointer) !== text) {
      return undefined;
    }
    patch = [{ op: 'replace', path: pointer, value: cleaned }];
  }
  const suggestion: SuggestionDescriptor = {
    desc: `Use the tag ${field} "${shorten(cleaned)}".`,
    patch,
  };
  if (at.document !== '') {
    suggestion.document = at.document;
  }
  return suggestion;
}
