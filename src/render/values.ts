import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import type { TemplateModel } from '../model/template.js';

/**
 * The origin of a value: a document (the linted template is `''`, a
 * job-variables document is its scenario name) and a JSON Pointer in it.
 */
export interface ValueSource {
  document: string;
  pointer: string;
}

/** One deployment's (or flow run's) job variables, as a user supplied them. */
export interface JobVariablesInput {
  /** Scenario name shown in diagnostics: the file name or deployment name. */
  name: string;
  values: Record<string, unknown>;
  /** Pointer of the job-variables object inside its own document. */
  pointer?: string;
}

/**
 * The values one scenario renders with: variable defaults merged with job
 * variables the way Prefect merges them, and the source of each value.
 */
export interface ScenarioValues {
  values: Record<string, unknown>;
  /** The variables the scenario's job variables set (empty for the defaults scenario). */
  jobVariableNames: Set<string>;
  sourceOf(variable: string, path: readonly string[]): ValueSource | undefined;
}

/**
 * Builds the values for one scenario (Prefect 3.6.5 and later): non-null
 * defaults first, dotted job-variable keys expanded, then each job variable
 * replaces the default whole, except `env`, which is merged key by key.
 */
export function buildScenarioValues(
  model: TemplateModel,
  jobVariables: JobVariablesInput | undefined,
  options: { dropFalsy?: boolean } = {},
): ScenarioValues {
  const values: Record<string, unknown> = {};
  const defaultPointers = new Map<string, string>();

  for (const [name, schema] of Object.entries(model.properties)) {
    if ('default' in schema && schema.default !== null && schema.default !== undefined) {
      values[name] = schema.default;
      defaultPointers.set(name, joinPointer(model.base, 'variables', 'properties', name, 'default'));
    }
  }

  const jobPointer = jobVariables?.pointer ?? '';
  const expanded = jobVariables ? expandDottedKeys(jobVariables.values) : {};
  const jobVariableNames = new Set(Object.keys(expanded));
  const envDefaults = isPlainObject(values.env) ? values.env : undefined;

  for (const [name, value] of Object.entries(expanded)) {
    if (name === 'env' && isPlainObject(value) && envDefaults) {
      values.env = { ...envDefaults, ...value };
    } else {
      values[name] = value;
    }
  }

  if (options.dropFalsy) {
    for (const [name, value] of Object.entries(values)) {
      if (isFalsy(value)) {
        delete values[name];
      }
    }
  }

  const sourceOf = (variable: string, path: readonly string[]): ValueSource | undefined => {
    if (!(variable in values)) {
      return undefined;
    }
    const fromJob =
      jobVariables &&
      variable in expanded &&
      (variable !== 'env' || path.length === 0 || hasKey(expanded.env, path[0]));
    if (fromJob) {
      return {
        document: jobVariables.name,
        pointer: joinPointer(jobPointer, ...writtenPath(jobVariables.values, [variable, ...path])),
      };
    }
    const defaultPointer = defaultPointers.get(variable);
    return defaultPointer === undefined
      ? undefined
      : { document: '', pointer: joinPointer(defaultPointer, ...path) };
  };

  return { values, jobVariableNames, sourceOf };
}

/**
 * Returns the path of a job variable as it is written. A plain key wins, as
 * in Prefect's merge, and otherwise a dotted key such as `"env.FOO"` that
 * covers the start of the path.
 */
function writtenPath(input: Record<string, unknown>, path: string[]): string[] {
  if (getAtPointer(input, joinPointer('', ...path)) !== undefined) {
    return path;
  }
  for (let length = path.length; length > 1; length--) {
    const dotted = path.slice(0, length).join('.');
    if (dotted in input) {
      return [dotted, ...path.slice(length)];
    }
  }
  return path;
}

/** Expands `"env.FOO": "x"` into `{env: {FOO: "x"}}`; plain keys win and are deep-merged. */
export function expandDottedKeys(input: Record<string, unknown>): Record<string, unknown> {
  const dotted: Record<string, unknown> = {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (key.includes('.')) {
      setPath(dotted, key.split('.'), value);
    } else {
      plain[key] = value;
    }
  }
  if (Object.keys(dotted).length === 0) {
    return plain;
  }
  return deepMerge(dotted, plain);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let current = target;
  path.slice(0, -1).forEach((segment) => {
    if (!isPlainObject(current[segment])) {
      current[segment] = {};
    }
    current = current[segment] as Record<string, unknown>;
  });
  current[path[path.length - 1] ?? ''] = value;
}

function deepMerge(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const existing = result[key];
    result[key] =
      isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return result;
}

function hasKey(value: unknown, key: string | undefined): boolean {
  return key !== undefined && isPlainObject(value) && key in value;
}

function isFalsy(value: unknown): boolean {
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  if (isPlainObject(value)) {
    return Object.keys(value).length === 0;
  }
  return value === false || value === 0 || value === '';
}
