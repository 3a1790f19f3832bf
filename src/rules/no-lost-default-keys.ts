import type {
  DocumentLocation,
  PatchOperation,
  RuleContext,
  Scenario,
} from '../linter/types.js';
import { isPlainObject, joinPointer } from '../parse/pointer.js';
import { isBlockReference } from '../render/render.js';
import { expandDottedKeys } from '../render/values.js';
import { createRule } from './utils/create-rule.js';
import {
  rootVariableName,
  templatePointerForVariable,
} from './utils/valid-job-variables.js';

export default createRule({
  id: 'no-lost-default-keys',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Disallow job variables that replace an object default and drop its keys.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: true,
    messages: {
      lostKeys:
        'Job variable "{{name}}" replaces the default object as a whole, so the default {{noun}} {{keys}} {{verb}} lost; Prefect merges only env key by key.',
    },
  },
  check(context) {
    for (const scenario of context.scenarios) {
      if (scenario.name !== undefined && scenario.jobVariables) {
        checkScenario(context, scenario);
      }
    }
  },
});

function checkScenario(context: RuleContext, scenario: Scenario): void {
  const raw = scenario.jobVariables?.values ?? {};
  const expanded = expandDottedKeys(raw);
  for (const [name, value] of Object.entries(expanded)) {
    // Prefect 3.6.5 and later merge `env` into its default key by key, so
    // nothing is lost.
    if (
      name === 'env' ||
      !isPlainObject(value) ||
      !isReadByTemplate(context, name)
    ) {
      continue;
    }
    const defaultValue = context.template.properties[name]?.default;
    // A block reference default is the whole block, so a job value that
    // writes the fields out replaces it on purpose.
    if (!isPlainObject(defaultValue) || isBlockReference(defaultValue)) {
      continue;
    }
    const lost = Object.keys(defaultValue).filter(
      (key) => !Object.prototype.hasOwnProperty.call(value, key),
    );
    if (lost.length > 0) {
      reportLostKeys(context, scenario, name, defaultValue, lost);
    }
  }
}

function isReadByTemplate(context: RuleContext, name: string): boolean {
  return context.placeholders.some(
    (occurrence) =>
      !occurrence.inKey && rootVariableName(occurrence.name) === name,
  );
}

function reportLostKeys(
  context: RuleContext,
  scenario: Scenario,
  name: string,
  defaultValue: Record<string, unknown>,
  lost: string[],
): void {
  const raw = scenario.jobVariables?.values ?? {};
  const written = Object.prototype.hasOwnProperty.call(raw, name)
    ? name
    : (Object.keys(raw).find((key) => key.startsWith(`${name}.`)) ?? name);
  const keys = lost.map((key) => JSON.stringify(key)).join(', ');
  const patch = restoreOperations(name, written === name, defaultValue, lost);
  const at: DocumentLocation = {
    document: scenario.name ?? '',
    pointer: joinPointer(scenario.jobVariables?.pointer ?? '', written),
  };
  const templatePointer = templatePointerForVariable(context, name);
  if (templatePointer !== undefined) {
    at.templatePointer = templatePointer;
  }
  context.report({
    messageId: 'lostKeys',
    data: {
      name,
      keys,
      noun: lost.length === 1 ? 'key' : 'keys',
      verb: lost.length === 1 ? 'is' : 'are',
    },
    at,
    scenario,
    suggest: patch
      ? [
          {
            desc: `Add the default's ${keys} back to "${name}".`,
            patch,
            document: scenario.name,
          },
        ]
      : undefined,
  });
}

/**
 * Adds each lost key with its default value, inside the object when the
 * variable is written whole, or as one more dotted key (`name.key`) when it
 * is written only in dotted form. A lost key that itself contains a dot
 * cannot be written as a dotted key, so then nothing is suggested.
 */
function restoreOperations(
  name: string,
  writtenWhole: boolean,
  defaultValue: Record<string, unknown>,
  lost: string[],
): PatchOperation[] | undefined {
  if (writtenWhole) {
    return lost.map((key) => ({
      op: 'add',
      path: joinPointer('', name, key),
      value: defaultValue[key],
    }));
  }
  if (lost.some((key) => key.includes('.'))) {
    return undefined;
  }
  return lost.map((key) => ({
    op: 'add',
    path: joinPointer('', `${name}.${key}`),
    value: defaultValue[key],
  }));
}
