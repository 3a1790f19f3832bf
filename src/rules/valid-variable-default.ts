import { isPlainObject, joinPointer } from '../parse/pointer.js';
import type { RuleContext } from '../linter/types.js';
import {
  mostSpecificProblem,
  runValidator,
  variablesValidator,
  type ValueProblem,
} from '../schema/variables-validator.js';
import { createRule } from './utils/create-rule.js';
import { variablesSourceKey } from './utils/variables.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default createRule({
  id: 'valid-variable-default',
  meta: {
    type: 'problem',
    docs: {
      description: "Require each variable's default to match the variable's own schema, as Prefect validates it.",
    },
    levels: ['error'],
    fixable: true,
    hasSuggestions: false,
    messages: {
      invalid: 'The default of "{{name}}" is invalid{{where}}: {{problem}}; Prefect rejects the work pool.',
      blockReferenceId:
        'The block reference default of "{{name}}" has block_document_id {{id}}, which is not a UUID; Prefect answers "Block not found."',
    },
  },
  check(context) {
    const { variables, properties } = context.template;
    if (!variables || Object.keys(properties).length === 0) {
      return;
    }
    const validator = variablesValidator(variables, { enforceRequired: false }, variablesSourceKey(context));
    const defaults = collectDefaults(context, properties);
    if (validator instanceof Error) {
      // One unresolvable $ref (reported by valid-variables-schema) must not
      // hide the other variables' problems: check them one by one.
      checkEachVariable(context, variables, defaults);
      return;
    }
    const outcome = runValidator(validator, defaults);
    if (outcome.kind !== 'invalid') {
      return;
    }
    for (const [name, value] of Object.entries(defaults)) {
      const prefix = `/${escapeToken(name)}`;
      const problems = outcome.problems.filter(
        (p) => p.instancePath === prefix || p.instancePath.startsWith(prefix + '/'),
      );
      const problem = mostSpecificProblem(problems);
      if (problem) {
        reportDefault(context, validator, name, value, problem);
      }
    }
  },
});

function checkEachVariable(
  context: RuleContext,
  variables: Record<string, unknown>,
  defaults: Record<string, unknown>,
): void {
  for (const [name, value] of Object.entries(defaults)) {
    const single = { ...variables, properties: { [name]: context.template.properties[name] } };
    const validator = variablesValidator(single, { enforceRequired: false });
    const outcome = runValidator(validator, { [name]: value });
    if (outcome.kind !== 'invalid') {
      continue;
    }
    const problem = mostSpecificProblem(outcome.problems);
    if (problem) {
      reportDefault(context, validator, name, value, problem);
    }
  }
}

/**
 * Collects the defaults to validate. Prefect replaces a block reference by
 * the block's data before it validates, and that data is on the server, so
 * for a block reference only the id is checked, here.
 */
function collectDefaults(
  context: RuleContext,
  properties: Record<string, Record<string, unknown>>,
): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    if (!('default' in property) || property.default === null) {
      continue;
    }
    const value = property.default;
    if (!isBlockReferenceObject(value)) {
      defaults[name] = value;
      continue;
    }
    const blockId = isPlainObject(value.$ref) ? value.$ref.block_document_id : undefined;
    if (!(typeof blockId === 'string' && UUID.test(blockId))) {
      context.report({
        messageId: 'blockReferenceId',
        data: { name, id: JSON.stringify(blockId) },
        at: joinPointer(context.pointer('/variables/properties'), name, 'default', '$ref', 'block_document_id'),
      });
    }
  }
  return defaults;
}

function reportDefault(
  context: RuleContext,
  validator: ReturnType<typeof variablesValidator>,
  name: string,
  value: unknown,
  problem: ValueProblem,
): void {
  const defaultPointer = joinPointer(context.pointer('/variables/properties'), name, 'default');
  const inner = problem.instancePath.slice(`/${escapeToken(name)}`.length);
  context.report({
    messageId: 'invalid',
    data: {
      name,
      where: inner ? ` at ${inner}` : '',
      problem: describeProblem(problem, value, inner),
    },
    at: defaultPointer + inner,
    fix: literalConversionFix(validator, name, value, defaultPointer),
  });
}

function describeProblem(problem: ValueProblem, value: unknown, inner: string): string {
  return inner ? problem.message : `${JSON.stringify(value)} ${problem.message}`;
}

/**
 * Converts a string default that is exactly an integer or boolean literal
 * for an integer or boolean variable (`"512"` for `cpu`), but only when the
 * converted value then validates.
 */
function literalConversionFix(
  validator: ReturnType<typeof variablesValidator>,
  name: string,
  value: unknown,
  pointer: string,
) {
  if (typeof value !== 'string') {
    return undefined;
  }
  let converted: number | boolean | undefined;
  if (/^-?(0|[1-9]\d*)$/.test(value) && Number.isSafeInteger(Number(value))) {
    converted = Number(value);
  } else if (value === 'true' || value === 'false') {
    converted = value === 'true';
  }
  if (converted === undefined) {
    return undefined;
  }
  if (runValidator(validator, { [name]: converted }).kind !== 'valid') {
    return undefined;
  }
  return [{ op: 'replace' as const, path: pointer, value: converted }];
}

function isBlockReferenceObject(value: unknown): value is { $ref: unknown } {
  return isPlainObject(value) && Object.keys(value).length === 1 && isPlainObject(value.$ref);
}

function escapeToken(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
