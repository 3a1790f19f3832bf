import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';

import validateAgainstMetaSchema from './generated/variables-meta-validator.js';
import type {
  AnySchemaObject,
  ErrorObject,
  ValidateFunction,
} from 'ajv/dist/2020.js';

export type SchemaName =
  'base-job-template' | 'ecs-job-configuration' | 'work-pool';

export interface SchemaError {
  /** JSON Pointer to the failing value, `''` for the root. */
  instancePath: string;
  message: string;
  /** The JSON Schema keyword that failed, such as `enum` or `maximum`. */
  keyword: string;
  params: Record<string, unknown>;
}

export interface SchemaValidationResult {
  valid: boolean;
  errors: SchemaError[];
}

const schemaNames: readonly SchemaName[] = [
  'base-job-template',
  'ecs-job-configuration',
  'work-pool',
];

// Two levels up is the package root both from src/model/ (vitest) and from
// dist/model/ (the build), and the package ships the schemas/ folder.
const schemasDirectory = new URL('../../schemas/', import.meta.url);


/** Returns the absolute file path of `schemas/<name>.schema.json`. */
export function schemaPath(name: SchemaName): string {
  return fileURLToPath(new URL(`${name}.schema.json`, schemasDirectory));
}

const loadedSchemas = new Map<SchemaName, AnySchemaObject>();

function loadSchema(name: SchemaName): AnySchemaObject {
  let schema = loadedSchemas.get(name);
  if (schema === undefined) {
    schema = JSON.parse(readFileSync(schemaPath(name), 'utf8'));
    loadedSchemas.set(name, schema as AnySchemaObject);
  }
  return schema as AnySchemaObject;
}

function propertyNames(schema: AnySchemaObject | undefined): readonly string[] {
  return Object.freeze(Object.keys(schema?.properties ?? {}));
}

function definition(name: string): AnySchemaObject | undefined {
  return loadSchema('ecs-job-configuration').$defs?.[name];
}

/** Keys of a rendered `job_configuration` that the ECS worker model defines. */
export const knownJobConfigurationKeys = propertyNames(
  loadSchema('ecs-job-configuration'),
);
/** Keys of a RunTask request, as accepted in `task_run_request`. */
export const knownRunTaskKeys = propertyNames(definition('RunTaskRequest'));
/** Keys of a RegisterTaskDefinition request, as accepted in `task_definition`. */
export const knownTaskDefinitionKeys = propertyNames(
  definition('TaskDefinition'),
);
/** Keys of one item of `task_definition.containerDefinitions`. */
export const knownTaskOverrideKeys = propertyNames(definition('TaskOverride'));

export const knownContainerOverrideKeys = propertyNames(definition('ContainerOverride'));

export const knownContainerDefinitionKeys = propertyNames(
  definition('ContainerDefinition'),
);

let ajvInstance: Ajv2020 | undefined;

// One Ajv instance contains all three schemas so that the work pool schema can
// reference the base job template schema by its `$id`. Ajv compiles each
// schema on its first getSchema() call and caches the result.
function getAjv(): Ajv2020 {
  if (ajvInstance === undefined) {
    ajvInstance = new Ajv2020({
      allErrors: true,
      allowUnionTypes: true,
      strict: true,
    });
    for (const name of schemaNames) {
      ajvInstance.addSchema(loadSchema(name));
    }
  }
  return ajvInstance;
}

function getValidator(schemaId: string): ValidateFunction {
  const validate = getAjv().getSchema(schemaId);
  if (validate === undefined) {
    throw new Error(`Schema not found in the validator: ${schemaId}`);
  }
  return validate;
}

function describeError(error: ErrorObject): string {
  const message = error.message ?? `failed the ${error.keyword} keyword`;
  if (error.keyword === 'const') {
    return `${message}: ${JSON.stringify(error.params.allowedValue)}`;
  }
  if (error.keyword === 'enum') {
    const allowed = (error.params.allowedValues as unknown[])
      .map((value) => JSON.stringify(value))
      .join(', ');
    return `${message}: ${allowed}`;
  }
  return message;
}

function toSchemaError(error: ErrorObject, message: string): SchemaError {
  return {
    instancePath: error.instancePath,
    message,
    keyword: error.keyword,
    params: { ...error.params },
  };
}

function validateWith(
  validate: ValidateFunction,
  value: unknown,
): SchemaValidationResult {
  const valid = validate(value);
  const errors = (validate.errors ?? []).map((error) =>
    toSchemaError(error, describeError(error)),
  );
  return { valid, errors };
}

function validateAgainst(name: SchemaName, value: unknown) {
  const schemaId = loadSchema(name).$id as string;
  return validateWith(getValidator(schemaId), value);
}

/** Validates a base job template as written, with placeholders unrendered. */
export function validateBaseJobTemplate(
  value: unknown,
): SchemaValidationResult {
  return validateAgainst('base-job-template', value);
}

/** Validates a work pool object, including its base job template. */
export function validateWorkPool(value: unknown): SchemaValidationResult {
  return validateAgainst('work-pool', value);
}

/** Validates a rendered ECS `job_configuration`. */
export function validateJobConfiguration(
  value: unknown,
): SchemaValidationResult {
  return validateAgainst('ecs-job-configuration', value);
}

/**
 * Checks a `variables` object against the JSON Schema Draft 2020-12
 * meta-schema, as the Prefect server does when a work pool is created.
 * Each message reads `Invalid schema: <instancePath> <reason>`, after the
 * server's `Invalid schema: ...` response.
 *
 * NOTE: Ajv does not check `format` in the meta-schema, so an invalid
 * regular expression in `pattern` passes here, while the server's Python
 * `jsonschema` check may reject it.
 */
export function metaValidateVariablesSchema(
  value: unknown,
): SchemaValidationResult {
  // Precompiled, because compiling the meta-schema costs about 40 ms at
  // start-up (measured with node --cpu-prof on two cores).
  const validate = validateAgainstMetaSchema as unknown as {
    (data: unknown): boolean;
    errors?: ErrorObject[] | null;
  };
  const valid = validate(value);
  const errors = (validate.errors ?? []).map((error) => {
    const path = error.instancePath === '' ? '(root)' : error.instancePath;
    return toSchemaError(
      error,
      `Invalid schema: ${path} ${describeError(error)}`,
    );
  });
  return { valid, errors };
}
