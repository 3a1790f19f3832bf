import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';

import { isPlainObject } from '../parse/pointer.js';

/** One problem found in a value, with the JSON Pointer inside that value. */
export interface ValueProblem {
  instancePath: string;
  message: string;
  keyword: string;
}

export type ValidationOutcome =
  | { kind: 'valid' }
  | { kind: 'invalid'; problems: ValueProblem[] }
  | { kind: 'schema-error'; message: string };

const CACHE_LIMIT = 256;
const validatorCache = new Map<string, ValidateFunction | Error>();
let ajvInstance: Ajv2020 | undefined;

/**
 * Prefect validates with `format` checks off and accepts its own schema
 * keywords (`block_type_slug`, `secret_fields`), so strict mode is off.
 */
function ajv(): Ajv2020 {
  ajvInstance ??= new Ajv2020({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
  return ajvInstance;
}

/**
 * Prepares a variables schema the way Prefect's server does before it
 * validates values: optional properties with a plain `type` also accept
 * null, tuple `items` become `prefixItems`, and definitions of a block type
 * also accept a block reference `{"$ref": {"block_document_id": ...}}`.
 * Only `definitions` is widened, as in Prefect, not `$defs`.
 */
export function preprocessVariablesSchema(
  variables: Record<string, unknown>,
  options: { enforceRequired: boolean },
): Record<string, unknown> {
  const schema = structuredClone(variables);
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  if (!options.enforceRequired) {
    delete schema.required;
  }
  if (isPlainObject(schema.properties)) {
    for (const [name, property] of Object.entries(schema.properties)) {
      if (isPlainObject(property) && typeof property.type === 'string' && !required.has(name)) {
        property.type = [property.type, 'null'];
      }
    }
  }
  convertTupleItems(schema, 0);
  if (isPlainObject(schema.definitions)) {
    for (const [name, definition] of Object.entries(schema.definitions)) {
      if (isPlainObject(definition) && 'block_type_slug' in definition) {
        // anyOf rather than Prefect's oneOf: a block reference also matches a
        // block schema whose fields are all optional, which oneOf rejects.
        schema.definitions[name] = { anyOf: [definition, BLOCK_REFERENCE_SCHEMA] };
      }
    }
  }
  return schema;
}

const BLOCK_REFERENCE_SCHEMA = {
  type: 'object',
  properties: {
    $ref: {
      type: 'object',
      properties: { block_document_id: { type: 'string' } },
      required: ['block_document_id'],
    },
  },
  required: ['$ref'],
};

function convertTupleItems(node: unknown, depth: number): void {
  if (depth > 64) {
    return;
  }
  if (Array.isArray(node)) {
    node.forEach((item) => convertTupleItems(item, depth + 1));
    return;
  }
  if (!isPlainObject(node)) {
    return;
  }
  if (Array.isArray(node.items)) {
    node.prefixItems = node.items;
    delete node.items;
  }
  for (const child of Object.values(node)) {
    convertTupleItems(child, depth + 1);
  }
}

/**
 * Compiles the preprocessed variables schema once per distinct source: the
 * key is normally the `variables` text from the file, which is cheaper to
 * compare than a serialised schema.
 */
export function variablesValidator(
  variables: Record<string, unknown>,
  options: { enforceRequired: boolean },
  sourceKey?: string,
): ValidateFunction | Error {
  const key = `${options.enforceRequired ? 'required' : 'optional'}\u0000${sourceKey ?? JSON.stringify(variables)}`;
  const cached = validatorCache.get(key);
  if (cached) {
    return cached;
  }
  const compiled = compile(preprocessVariablesSchema(variables, options));
  remember(key, compiled);
  return compiled;
}

/**
 * A validator cached under `key`; `build` makes the schema only when the
 * key is new, so callers that key by source text skip both the schema
 * preparation and the compilation on repeated lints.
 */
export function cachedValidator(key: string, build: () => Record<string, unknown>): ValidateFunction | Error {
  const cached = validatorCache.get(key);
  if (cached) {
    return cached;
  }
  const compiled = compile(build());
  remember(key, compiled);
  return compiled;
}

/** Validates `value` against a compiled validator and lists the problems. */
export function runValidator(validator: ValidateFunction | Error, value: unknown): ValidationOutcome {
  if (validator instanceof Error) {
    return { kind: 'schema-error', message: validator.message };
  }
  if (validator(value)) {
    return { kind: 'valid' };
  }
  return { kind: 'invalid', problems: (validator.errors ?? []).map(toProblem) };
}

/** Validates `value` against `schema`, compiling each distinct schema once. */
export function validateValue(schema: Record<string, unknown>, value: unknown): ValidationOutcome {
  const validator = compile(schema);
  if (validator instanceof Error) {
    return { kind: 'schema-error', message: validator.message };
  }
  if (validator(value)) {
    return { kind: 'valid' };
  }
  return { kind: 'invalid', problems: (validator.errors ?? []).map(toProblem) };
}

function compile(schema: Record<string, unknown>): ValidateFunction | Error {
  const key = JSON.stringify(schema);
  const cached = validatorCache.get(key);
  if (cached) {
    return cached;
  }
  let compiled: ValidateFunction | Error;
  try {
    compiled = ajv().compile(schema);
  } catch (error) {
    compiled = error instanceof Error ? error : new Error(String(error));
  }
  remember(key, compiled);
  return compiled;
}

function remember(key: string, compiled: ValidateFunction | Error): void {
  if (validatorCache.size >= CACHE_LIMIT) {
    const oldest = validatorCache.keys().next().value;
    if (oldest !== undefined) {
      validatorCache.delete(oldest);
    }
  }
  validatorCache.set(key, compiled);
}

function toProblem(error: ErrorObject): ValueProblem {
  let message = error.message ?? 'is invalid';
  if (error.keyword === 'type' && Array.isArray(error.params.type)) {
    message = `must be ${error.params.type.join(' or ')}`;
  }
  if (error.keyword === 'enum' && Array.isArray(error.params.allowedValues)) {
    message += `: ${error.params.allowedValues.map((v: unknown) => JSON.stringify(v)).join(', ')}`;
  }
  if (error.keyword === 'additionalProperties' && typeof error.params.additionalProperty === 'string') {
    message += ` ("${error.params.additionalProperty}")`;
  }
  return { instancePath: error.instancePath, message, keyword: error.keyword };
}

/**
 * Picks the problem to show for one value: anyOf/oneOf branches produce one
 * error per branch, so the deepest specific one is the most useful.
 */
export function mostSpecificProblem(problems: ValueProblem[]): ValueProblem | undefined {
  const specific = problems.filter((p) => p.keyword !== 'anyOf' && p.keyword !== 'oneOf');
  const pool = specific.length > 0 ? specific : problems;
  return [...pool].sort((a, b) => b.instancePath.length - a.instancePath.length)[0];
}
