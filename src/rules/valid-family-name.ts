import { isTaskDefinitionFamily } from '../aws/identifiers.js';
import type {
  DocumentLocation,
  RuleContext,
  Scenario,
  SuggestionDescriptor,
} from '../linter/types.js';
import { getAtPointer } from '../parse/pointer.js';
import { findPlaceholders } from '../placeholders/grammar.js';
import { compareVersions } from '../worker/features.js';
import { isInferred } from '../worker/inferred.js';
import { createRule } from './utils/create-rule.js';

const FAMILY = '/task_definition/family';

// RegisterTaskDefinition `family`: up to 255 characters. The character class
// is checked with `isTaskDefinitionFamily`, one character at a time.
const FAMILY_MAX_LENGTH = 255;

// Before prefect-aws 0.4.14 the worker slugified the family, so any text
// turned into a valid name.
const FIRST_VERSION_WITHOUT_CLEANUP = '0.4.14';

// The family the worker generates when none is given (0.4.14 and later).
const GENERATED_FAMILY_PREFIX = 'prefect_';
const DEPLOYMENT_ID_LENGTH = 36;

const AWS_MESSAGE = 'Family contains invalid characters.';

export default createRule({
  id: 'valid-family-name',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require task definition family names of 1 to 255 letters, digits, "_" and "-", which the worker sends to AWS unchanged.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: true,
    messages: {
      invalidCharacters:
        'Task definition family "{{family}}" contains {{characters}}; a family may only contain letters, digits, "_" and "-", and AWS rejects it with "{{awsMessage}}"',
      tooLong:
        'Task definition family "{{family}}" is {{length}} characters long; AWS allows at most {{maxLength}}.',
      generatedFromPoolName:
        'No family is set, so the worker names the task definition "prefect_{{poolName}}_<deployment id>", but the work pool name {{problem}}; set a family or rename the pool.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration || !cleansFamilyNames(context)) {
      return;
    }
    let generated: Scenario | undefined;
    for (const scenario of context.scenarios) {
      const taskDefinition = scenario.prepared.taskDefinition;
      if (taskDefinition === undefined) {
        continue;
      }
      if (isInferred(taskDefinition.family)) {
        generated ??= scenario;
        continue;
      }
      checkScenario(context, scenario);
    }
    if (generated) {
      checkPoolName(context, generated);
    }
  },
});

/** False for workers that slugified the family themselves (before 0.4.14). */
function cleansFamilyNames(context: RuleContext): boolean {
  return (
    context.target.kind === 'push' ||
    compareVersions(context.target.prefectAws, FIRST_VERSION_WITHOUT_CLEANUP) >=
      0
  );
}

function checkScenario(context: RuleContext, scenario: Scenario): void {
  const family = getAtPointer(scenario.rendered.value, FAMILY);
  if (typeof family !== 'string' || family === '') {
    return;
  }
  if (isTaskDefinitionFamily(family)) {
    return;
  }
  const origin = scenario.rendered.originOf(FAMILY);
  const inline = origin?.inline === true;
  const at: DocumentLocation =
    inline && origin
      ? { document: '', pointer: origin.templatePointer }
      : scenario.locate(FAMILY);
  const suggestion = inline
    ? inlineSuggestion(context, at.pointer)
    : replaceSuggestion(scenario, at, cleanFamilyName(family));

  const invalid = invalidCharacters(family);
  context.report({
    messageId: invalid.length > 0 ? 'invalidCharacters' : 'tooLong',
    data: {
      family,
      characters: describeCharacters(invalid),
      awsMessage: AWS_MESSAGE,
      length: [...family].length,
      maxLength: FAMILY_MAX_LENGTH,
    },
    at,
    scenario,
    suggest: suggestion ? [suggestion] : undefined,
  });
}

/**
 * Checks the family the worker generates from the work pool name. Only a
 * work pool document carries that name, and the deployment id is a UUID, so
 * only the pool name can make the generated family invalid.
 */
function checkPoolName(context: RuleContext, scenario: Scenario): void {
  const poolName = context.template.poolName;
  if (poolName === undefined || !context.document.has('/name')) {
    return;
  }
  const invalid = invalidCharacters(poolName);
  const generatedLength =
    GENERATED_FAMILY_PREFIX.length +
    [...poolName].length +
    1 +
    DEPLOYMENT_ID_LENGTH;
  let problem: string | undefined;
  if (invalid.length > 0) {
    problem = `contains ${describeCharacters(invalid)}, which AWS rejects with "${AWS_MESSAGE}"`;
  } else if (generatedLength > FAMILY_MAX_LENGTH) {
    problem = `makes it ${generatedLength} characters long, more than the ${FAMILY_MAX_LENGTH} AWS allows`;
  }
  if (problem === undefined) {
    return;
  }
  context.report({
    messageId: 'generatedFromPoolName',
    data: { poolName, problem },
    at: '/name',
    scenario,
  });
}

/** Returns the distinct characters of `text` that a family may not contain. */
export function invalidCharacters(text: string): string[] {
  return [...new Set(text)].filter(
    (character) => !isTaskDefinitionFamily(character),
  );
}

/** Replaces every character a family may not contain by `-` and cuts the result to 255 characters. */
export function cleanFamilyName(text: string): string {
  const replaced = [...text]
    .map((character) => (isTaskDefinitionFamily(character) ? character : '-'))
    .slice(0, FAMILY_MAX_LENGTH);
  return replaced.join('');
}

function describeCharacters(characters: string[]): string {
  if (characters.length === 0) {
    return '';
  }
  const listed = characters
    .map((character) => JSON.stringify(character))
    .join(', ');
  return characters.length === 1
    ? `the character ${listed}`
    : `the characters ${listed}`;
}

/** Replaces the value where it is written: a template literal, a default or a job variable. */
function replaceSuggestion(
  scenario: Scenario,
  at: DocumentLocation,
  cleaned: string,
): SuggestionDescriptor | undefined {
  if (cleaned === '') {
    return undefined;
  }
  const desc = `Use the family "${cleaned}".`;
  if (at.document === '') {
    return {
      desc,
      patch: [{ op: 'replace', path: at.pointer, value: cleaned }],
    };
  }
  const base = scenario.jobVariables?.pointer ?? '';
  return {
    desc,
    document: at.document,
    patch: [
      { op: 'replace', path: at.pointer.slice(base.length), value: cleaned },
    ],
  };
}

/**
 * For text with inline placeholders, cleans only the literal text around
 * the placeholders; offered only when that text is itself invalid.
 */
function inlineSuggestion(
  context: RuleContext,
  pointer: string,
): SuggestionDescriptor | undefined {
  const text = getAtPointer(context.document.value, pointer);
  if (typeof text !== 'string') {
    return undefined;
  }
  let cleaned = '';
  let literalChanged = false;
  let position = 0;
  for (const placeholder of findPlaceholders(text)) {
    const literal = text.slice(position, placeholder.index);
    const cleanedLiteral = cleanLiteral(literal);
    literalChanged ||= cleanedLiteral !== literal;
    cleaned += cleanedLiteral + placeholder.text;
    position = placeholder.index + placeholder.text.length;
  }
  const rest = text.slice(position);
  const cleanedRest = cleanLiteral(rest);
  literalChanged ||= cleanedRest !== rest;
  cleaned += cleanedRest;
  if (!literalChanged) {
    return undefined;
  }
  return {
    desc: `Use the family template "${cleaned}".`,
    patch: [{ op: 'replace', path: pointer, value: cleaned }],
  };
}

function cleanLiteral(text: string): string {
  return [...text]
    .map((character) => (isTaskDefinitionFamily(character) ? character : '-'))
    .join('');
}
