import type { RuleContext } from '../../linter/types.js';
import { isPlainObject, joinPointer } from '../../parse/pointer.js';
import { isBlockReference } from '../../render/render.js';
import {
  cachedValidator,
  preprocessVariablesSchema,
  runValidator,
  type ValueProblem,
} from '../../schema/variables-validator.js';

/** The input and outcome of Prefect's validation of one deployment's job variables for a flow run. */
export interface FlowRunValidation {
  /** Pool defaults that survive validation, overlaid by the job variables. */
  values: Record<string, unknown>;
  /** False when an invalid pool default switched `required` checks off. */
  requiredEnforced: boolean;
  /** The compiled schema the values were validated against, after Prefect's preprocessing. */
  validator: ReturnType<typeof cachedValidator>;
  /** Problems found, or undefined when the schema itself does not compile. */
  problems: ValueProblem[] | undefined;
}

/**
 * Validates one scenario's job variables as Prefect's server does when it
 * creates a flow run of a deployment. Every pool default, a `null` one too,
 * is checked on its own against the unprocessed schema with every
 * `required` removed, and invalid ones are dropped. The job variables are
 * then laid over the rest, shallowly and without expanding dotted keys.
 * The result is validated with `required` enforced, unless a default was
 * dropped, because then no `required` is checked at any depth.
 */
export function validateForFlowRun(
  variables: Record<string, unknown>,
  properties: Record<string, Record<string, unknown>>,
  jobVariables: Record<string, unknown>,
  sourceKey: string = JSON.stringify(variables),
): FlowRunValidation {
  // Compiled schemas are cached by the variables' source text, because
  // building and compiling them dominates the cost of a lint.
  const defaultsValidator = cachedValidator(`flow-run-defaults\u0000${sourceKey}`, () =>
    removeRequired(variables),
  );
  const defaults: Record<string, unknown> = {};
  let invalidDefaults = false;

  for (const [name, property] of Object.entries(properties)) {
    if (!('default' in property)) {
      continue;
    }
    const value = property.default;
    // The server replaces a block reference by the block's data first, and
    // that data is not in the template, so the reference is kept as valid.
    if (isBlockReference(value)) {
      defaults[name] = value;
      continue;
    }
    if (runValidator(defaultsValidator, { [name]: value }).kind === 'invalid') {
      invalidDefaults = true;
      continue;
    }
    defaults[name] = value;
  }

  const values = { ...defaults, ...jobVariables };
  const buildSchema = (): Record<string, unknown> => {
    const prepared = preprocessVariablesSchema(widenNestedOptionalTypes(variables), {
      enforceRequired: !invalidDefaults,
    });
    return invalidDefaults ? removeRequired(prepared) : prepared;
  };
  const validator = cachedValidator(`flow-run-${String(invalidDefaults)}\u0000${sourceKey}`, buildSchema);
  const outcome = runValidator(validator, values);
  const problems =
    outcome.kind === 'schema-error'
      ? undefined
      : outcome.kind === 'invalid'
        ? outcome.problems
        : [];
  return { values, requiredEnforced: !invalidDefaults, validator, problems };
}

/**
 * Widens nested optional properties to accept `null` as Prefect's schema
 * preprocessing does: properties nested under a variable's `properties`
 * that are not required and have no default, and every optional property
 * of a definition. `preprocessVariablesSchema` widens only the top level.
 */
function widenNestedOptionalTypes(
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const schema = structuredClone(variables);
  if (isPlainObject(schema.properties)) {
    for (const property of Object.values(schema.properties)) {
      if (isPlainObject(property) && isPlainObject(property.properties)) {
        widenProperties(property.properties, property.required, false, 0);
      }
    }
  }
  if (isPlainObject(schema.definitions)) {
    for (const definition of Object.values(schema.definitions)) {
      if (isPlainObject(definition) && isPlainObject(definition.properties)) {
        widenProperties(definition.properties, definition.required, true, 0);
      }
    }
  }
  return schema;
}

function widenProperties(
  properties: Record<string, unknown>,
  required: unknown,
  evenWithDefault: boolean,
  depth: number,
): void {
  if (depth > 64) {
    return;
  }
  const requiredNames = Array.isArray(required) ? required : [];
  for (const [name, property] of Object.entries(properties)) {
    if (!isPlainObject(property)) {
      continue;
    }
    const optional =
      !requiredNames.includes(name) &&
      (evenWithDefault || !('default' in property));
    if (
      optional &&
      typeof property.type === 'string' &&
      property.type !== 'null'
    ) {
      property.type = [property.type, 'null'];
    }
    if (isPlainObject(property.properties)) {
      widenProperties(property.properties, property.required, false, depth + 1);
    }
  }
}

/** Copies a schema without any `required` list, at any depth. */
function removeRequired(
  schema: Record<string, unknown>,
): Record<string, unknown> {
  const strip = (node: unknown, depth: number): unknown => {
    if (depth > 64) {
      return node;
    }
    if (Array.isArray(node)) {
      return node.map((item) => strip(item, depth + 1));
    }
    if (!isPlainObject(node)) {
      return node;
    }
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      // A property that happens to be named `required` contains a schema
      // object, not a list of names, so it is kept.
      if (key === 'required' && Array.isArray(child)) {
        continue;
      }
      result[key] = strip(child, depth + 1);
    }
    return result;
  };
  return strip(schema, 0) as Record<string, unknown>;
}

/**
 * Finds the template node that reads a variable. That is a whole-value
 * placeholder if there is one, else any placeholder of it, else its
 * declaration in `variables.properties`, else `variables.properties` or
 * `variables`.
 */
export function templatePointerForVariable(
  context: RuleContext,
  name: string,
): string | undefined {
  const readers = context.placeholders.filter(
    (occurrence) =>
      !occurrence.inKey && rootVariableName(occurrence.name) === name,
  );
  const reader =
    readers.find((occurrence) => occurrence.wholeValue) ?? readers[0];
  if (reader) {
    return reader.pointer;
  }
  const declaration = joinPointer(
    context.pointer('/variables/properties'),
    name,
  );
  if (context.document.has(declaration)) {
    return declaration;
  }
  return [
    context.pointer('/variables/properties'),
    context.pointer('/variables'),
  ].find((pointer) => context.document.has(pointer));
}

/** Returns the variable a placeholder name starts with: `a` for `a.b` and `a[0]`. */
export function rootVariableName(name: string): string {
  return name.split(/[.[]/)[0] ?? name;
}

/** Prefect's way of naming a field in its validation errors: `a[0].b`. */
export function prefectFieldPath(
  name: string,
  segments: readonly string[],
): string {
  let path = name;
  for (const segment of segments) {
    path += /^\d+$/.test(segment) ? `[${segment}]` : `.${segment}`;
  }
  return path;
}
