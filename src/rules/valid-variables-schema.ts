import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import type { PatchOperation, RuleContext } from '../linter/types.js';
import { metaValidateVariablesSchema } from '../model/schemas.js';
import { createRule } from './utils/create-rule.js';
import { variablesSourceKey } from './utils/variables.js';

const META_RESULT_CACHE_LIMIT = 64;
const metaResultCache = new Map<string, ReturnType<typeof metaValidateVariablesSchema>>();

interface LocalReference {
  ref: string;
  /** Pointer of the `$ref` member in the linted document. */
  pointer: string;
}

export default createRule({
  id: 'valid-variables-schema',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require variables to be a valid JSON Schema whose local $ref targets exist.',
    },
    levels: ['error'],
    fixable: true,
    hasSuggestions: true,
    messages: {
      invalidSchema: 'variables is not a valid JSON Schema (Draft 2020-12): {{problem}}.',
      unresolvedRef: '$ref "{{ref}}" does not resolve inside variables{{hint}}.',
      defaultInDefinition:
        'Definition "{{definition}}" has a default, but Prefect only reads defaults from variables.properties; "{{property}}" gets no value from it.',
      requiredWithoutDefault:
        'Variable "{{name}}" is required but has no default, so every flow run fails unless its deployment sets it.',
    },
  },
  check(context) {
    const variables = context.template.variables;
    if (!variables || Object.keys(variables).length === 0) {
      return;
    }
    checkMetaSchema(context, variables);
    checkReferences(context, variables);
    checkDefinitionDefaults(context, variables);
    checkRequired(context, variables);
  },
});

/**
 * Checks `variables` against the meta-schema, remembering the result per
 * `variables` text because editors and `--fix` lint the same text again.
 */
function metaSchemaResult(context: RuleContext, variables: Record<string, unknown>) {
  const key = variablesSourceKey(context);
  const cached = key === undefined ? undefined : metaResultCache.get(key);
  if (cached) {
    return cached;
  }
  const result = metaValidateVariablesSchema(variables);
  if (key !== undefined) {
    if (metaResultCache.size >= META_RESULT_CACHE_LIMIT) {
      metaResultCache.clear();
    }
    metaResultCache.set(key, result);
  }
  return result;
}

function checkMetaSchema(context: RuleContext, variables: Record<string, unknown>): void {
  const result = metaSchemaResult(context, variables);
  const seen = new Set<string>();
  for (const error of result.errors) {
    if (seen.has(error.instancePath)) {
      continue;
    }
    seen.add(error.instancePath);
    context.report({
      messageId: 'invalidSchema',
      data: { problem: error.message.replace(/^Invalid schema: /, '') },
      at: context.pointer('/variables') + error.instancePath,
    });
  }
}

function checkReferences(context: RuleContext, variables: Record<string, unknown>): void {
  for (const reference of collectLocalReferences(variables, context.pointer('/variables'))) {
    const target = reference.ref.slice(1);
    if (getAtPointer(variables, decodeURIComponent(target)) !== undefined) {
      continue;
    }
    const alternative = swapDefinitionsKey(target);
    const alternativeExists =
      alternative !== undefined && getAtPointer(variables, decodeURIComponent(alternative)) !== undefined;
    context.report({
      messageId: 'unresolvedRef',
      data: {
        ref: reference.ref,
        hint: alternativeExists ? ` (the target exists as "#${alternative}")` : '',
      },
      at: reference.pointer,
      fix: alternativeExists ? [{ op: 'replace', path: reference.pointer, value: `#${alternative}` }] : undefined,
    });
  }
}

/** `/definitions/X` ⇄ `/$defs/X`: the two names people mix up. */
function swapDefinitionsKey(target: string): string | undefined {
  if (target.startsWith('/definitions/')) {
    return '/$defs/' + target.slice('/definitions/'.length);
  }
  if (target.startsWith('/$defs/')) {
    return '/definitions/' + target.slice('/$defs/'.length);
  }
  return undefined;
}

function collectLocalReferences(root: unknown, rootPointer: string): LocalReference[] {
  const found: LocalReference[] = [];
  const walk = (node: unknown, pointer: string, depth: number): void => {
    if (depth > 128) {
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, joinPointer(pointer, index), depth + 1));
      return;
    }
    if (!isPlainObject(node)) {
      return;
    }
    for (const [key, child] of Object.entries(node)) {
      const childPointer = joinPointer(pointer, key);
      if (key === '$ref' && typeof child === 'string' && child.startsWith('#')) {
        found.push({ ref: child, pointer: childPointer });
      } else if (key !== 'default' && key !== 'examples' && key !== 'const' && key !== 'enum') {
        walk(child, childPointer, depth + 1);
      }
    }
  };
  walk(root, rootPointer, 0);
  return found;
}

/**
 * Finds defaults written inside `definitions` where a variable's default was
 * meant: on a definition that a variable without a default refers to, or
 * under a key named after such a variable.
 */
function checkDefinitionDefaults(context: RuleContext, variables: Record<string, unknown>): void {
  for (const section of ['definitions', '$defs']) {
    const definitions = variables[section];
    if (!isPlainObject(definitions)) {
      continue;
    }
    for (const [definition, schema] of Object.entries(definitions)) {
      if (!isPlainObject(schema)) {
        continue;
      }
      const definitionPointer = joinPointer(context.pointer('/variables'), section, definition);
      const referring = 'default' in schema ? propertyUsingDefinition(context, section, definition) : undefined;
      if (referring) {
        reportDefinitionDefault(context, definition, referring, joinPointer(definitionPointer, 'default'), schema.default);
      }
      for (const [key, child] of Object.entries(schema)) {
        if (isPlainObject(child) && 'default' in child && isPropertyWithoutDefault(context, key)) {
          reportDefinitionDefault(context, definition, key, joinPointer(definitionPointer, key, 'default'), child.default);
        }
      }
    }
  }
}

function isPropertyWithoutDefault(context: RuleContext, name: string): boolean {
  const schema = context.template.properties[name];
  return schema !== undefined && !('default' in schema);
}

function reportDefinitionDefault(
  context: RuleContext,
  definition: string,
  property: string,
  pointer: string,
  value: unknown,
): void {
  context.report({
    messageId: 'defaultInDefinition',
    data: { definition, property },
    at: pointer,
    suggest: moveDefaultSuggestion(context, pointer, property, value),
  });
}

/** Finds the variable without a default of its own whose schema refers to the definition. */
function propertyUsingDefinition(context: RuleContext, section: string, definition: string): string | undefined {
  const ref = `#/${section}/${definition}`;
  for (const [name, schema] of Object.entries(context.template.properties)) {
    if ('default' in schema) {
      continue;
    }
    if (JSON.stringify(schema).includes(JSON.stringify(ref))) {
      return name;
    }
  }
  return undefined;
}

function moveDefaultSuggestion(context: RuleContext, pointer: string, property: string, value: unknown) {
  const patch: PatchOperation[] = [
    { op: 'remove', path: pointer },
    { op: 'add', path: joinPointer(context.pointer('/variables/properties'), property, 'default'), value },
  ];
  return [{ desc: `Move the default to variables.properties.${property}.default.`, patch }];
}

function checkRequired(context: RuleContext, variables: Record<string, unknown>): void {
  if (!Array.isArray(variables.required)) {
    return;
  }
  variables.required.forEach((name, index) => {
    if (typeof name !== 'string') {
      return;
    }
    const schema = context.template.properties[name];
    if (schema && 'default' in schema && schema.default !== null) {
      return;
    }
    context.report({
      messageId: 'requiredWithoutDefault',
      data: { name },
      at: joinPointer(context.pointer('/variables/required'), index),
    });
  });
}
