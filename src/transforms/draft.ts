import fastJsonPatch from 'fast-json-patch';

import { buildTemplateModel } from '../model/template.js';
import { isPlainObject } from '../parse/pointer.js';
import { findPlaceholders, wholeValuePlaceholder } from '../placeholders/grammar.js';
import { scanPlaceholders } from '../placeholders/scan.js';
import { TransformError, type TransformResult } from './types.js';

const { compare } = fastJsonPatch;

/** `{{ name }}`, the way the stock template writes a whole-value placeholder. */
export function placeholder(name: string): string {
  return `{{ ${name} }}`;
}

/** Returns the job variable a whole-value placeholder reads, or undefined for anything else. */
export function wholePlaceholderName(value: unknown): string | undefined {
  return typeof value === 'string' ? wholeValuePlaceholder(value)?.name : undefined;
}

/** Collects the root names of the job variables that placeholders in `value` read. */
export function jobVariablesIn(value: unknown): Set<string> {
  const names = new Set<string>();
  for (const occurrence of scanPlaceholders(value, '')) {
    if (occurrence.kind === 'job-variable') {
      names.add(rootName(occurrence.name));
    }
  }
  return names;
}

/** True for a string that holds any placeholder, a job variable or a Prefect reference. */
export function hasPlaceholder(value: unknown): boolean {
  return typeof value === 'string' && findPlaceholders(value).length > 0;
}

function rootName(name: string): string {
  return name.split(/[.[]/)[0] ?? name;
}

/**
 * A mutable copy of the document a transform edits. Transforms change the
 * copy in place through these helpers and `result()` turns the difference
 * into an RFC 6902 patch against the original, so work pool documents and
 * bare templates are handled alike.
 */
export class TemplateDraft {
  readonly document: unknown;
  /** `ecs` or `ecs:push` for a work pool document, undefined for a bare template. */
  readonly poolType: string | undefined;
  readonly template: Record<string, unknown>;
  readonly jobConfiguration: Record<string, unknown>;
  private readonly original: unknown;
  private readonly notes: string[] = [];

  private constructor(original: unknown, document: unknown, template: Record<string, unknown>, poolType?: string) {
    this.original = original;
    this.document = document;
    this.template = template;
    this.poolType = poolType;
    this.jobConfiguration = template.job_configuration as Record<string, unknown>;
  }

  /** Copies the document; throws when it has no `job_configuration` object to edit. */
  static open(document: unknown): TemplateDraft {
    const copy = structuredClone(document);
    const model = buildTemplateModel(copy);
    if (model.kind === 'unknown' || !isPlainObject(model.template)) {
      throw new TransformError(
        'invalid-document',
        'The document is not a Prefect base job template or work pool: it has no job_configuration, variables or base_job_template key.',
      );
    }
    if (!isPlainObject(model.template.job_configuration)) {
      const where = model.base === '' ? 'job_configuration' : 'base_job_template.job_configuration';
      throw new TransformError(
        'invalid-document',
        `The template has no ${where} object to change. Start from \`prefect-ecs-lint init\` or add the stock job_configuration first.`,
      );
    }
    return new TemplateDraft(document, copy, model.template, model.poolType);
  }

  get isPushPool(): boolean {
    return this.poolType?.endsWith(':push') ?? false;
  }

  note(text: string): void {
    this.notes.push(text);
  }

  result(): TransformResult {
    return { patch: compare(this.original as object, this.document as object), notes: [...this.notes] };
  }

  /** `variables`, created as an empty object schema when the template has none. */
  variables(): Record<string, unknown> {
    const variables = this.template.variables;
    if (variables === undefined) {
      this.template.variables = { type: 'object', properties: {} };
    } else if (!isPlainObject(variables)) {
      throw new TransformError(
        'invalid-document',
        'The template\'s "variables" is not an object; it must be a JSON Schema object with "properties".',
      );
    }
    return this.template.variables as Record<string, unknown>;
  }

  /** `variables.properties`, created when missing. */
  properties(): Record<string, Record<string, unknown>> {
    const variables = this.variables();
    if (variables.properties === undefined) {
      variables.properties = {};
    } else if (!isPlainObject(variables.properties)) {
      throw new TransformError(
        'invalid-document',
        'The template\'s "variables.properties" is not an object of variable schemas.',
      );
    }
    return variables.properties as Record<string, Record<string, unknown>>;
  }

  /** Returns the schema of a declared variable, when it is an object. */
  property(name: string): Record<string, unknown> | undefined {
    const properties = isPlainObject(this.template.variables) ? this.template.variables.properties : undefined;
    const schema = isPlainObject(properties) ? properties[name] : undefined;
    return isPlainObject(schema) ? schema : undefined;
  }

  isDeclared(name: string): boolean {
    const properties = isPlainObject(this.template.variables) ? this.template.variables.properties : undefined;
    return isPlainObject(properties) && Object.prototype.hasOwnProperty.call(properties, name);
  }

  /** Returns the variable's non-null default, or undefined. */
  defaultOf(name: string): unknown {
    const schema = this.property(name);
    return schema && schema.default !== null ? schema.default : undefined;
  }

  /** Declares `name` with a copy of `schema` unless it is declared; returns the schema in the draft. */
  declare(name: string, schema: Record<string, unknown>): Record<string, unknown> {
    const properties = this.properties();
    const existing = properties[name];
    if (isPlainObject(existing)) {
      return existing;
    }
    if (existing !== undefined) {
      throw new TransformError(
        'invalid-document',
        `The schema of variable "${name}" is not an object, so its default cannot be set. Replace it with an object schema first.`,
      );
    }
    properties[name] = structuredClone(schema);
    return properties[name];
  }

  /** Declares the variable when needed and sets its default. */
  setDefault(name: string, schema: Record<string, unknown>, value: unknown): void {
    this.declare(name, schema).default = structuredClone(value);
  }

  /** True when some placeholder in `job_configuration` reads the variable. */
  isVariableUsed(name: string): boolean {
    return jobVariablesIn(this.jobConfiguration).has(name);
  }

  /** Removes a declared variable that no placeholder reads, and its `required` entry. */
  removeVariableIfUnused(name: string): boolean {
    if (!this.isDeclared(name) || this.isVariableUsed(name)) {
      return false;
    }
    const variables = this.variables();
    delete (variables.properties as Record<string, unknown>)[name];
    if (Array.isArray(variables.required)) {
      variables.required = variables.required.filter((entry) => entry !== name);
    }
    return true;
  }

  /**
   * Returns the object at `job_configuration.<key>`, created when `create` is set.
   * A whole-value placeholder there (`"{{ task_definition }}"`) cannot be
   * edited without changing the variable's default, so it is rejected.
   */
  section(key: 'task_definition' | 'task_run_request', create: boolean): Record<string, unknown> | undefined {
    const value = this.jobConfiguration[key];
    if (isPlainObject(value)) {
      return value;
    }
    if (value === undefined) {
      if (!create) {
        return undefined;
      }
      this.jobConfiguration[key] = {};
      return this.jobConfiguration[key] as Record<string, unknown>;
    }
    const variable = wholePlaceholderName(value);
    if (variable) {
      throw new TransformError(
        'unsupported-template',
        `job_configuration.${key} is the placeholder ${placeholder(variable)}, so this transform cannot edit it. Write the ${key} object into job_configuration, or change the default of "${variable}" by hand.`,
      );
    }
    throw new TransformError(
      'invalid-document',
      `job_configuration.${key} is ${JSON.stringify(value)}, not an object. Replace it with the stock ${key} object first.`,
    );
  }

  /**
   * Points `job_configuration.<key>` at the variable of the same name and
   * returns the value it replaced when that was something else.
   */
  wireJobConfiguration(key: string, variable = key): unknown {
    const previous = this.jobConfiguration[key];
    const expected = placeholder(variable);
    if (wholePlaceholderName(previous) === variable) {
      return undefined;
    }
    this.jobConfiguration[key] = expected;
    return previous;
  }
}
