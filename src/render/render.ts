import { isPlainObject, joinPointer, parsePointer } from '../parse/pointer.js';
import {
  findPlaceholders,
  wholeValuePlaceholder,
  type PlaceholderMatch,
} from '../placeholders/grammar.js';
import { pythonStr } from './python-str.js';
import { UnknownValue, type UnknownReason } from './unknown.js';
import type { ScenarioValues, ValueSource } from './values.js';

/** The origin of a node of the rendered configuration. */
export interface RenderOrigin {
  /** Pointer, in the linted document, of the template node that produced it. */
  templatePointer: string;
  /** The job variable whose value was substituted, if any. */
  placeholder?: string;
  inline?: boolean;
  /** The place the substituted value was written: a default or a job variable. */
  source?: ValueSource;
}

/** A template node that rendering removed because its variable had no value. */
export interface RemovedNode {
  templatePointer: string;
  placeholder: string;
}

export interface RenderedConfiguration {
  /** `job_configuration` after placeholder rendering. */
  value: Record<string, unknown>;
  removed: RemovedNode[];
  /** The origin of the rendered node at `pointer` (relative to `job_configuration`). */
  originOf(pointer: string): RenderOrigin | undefined;
}

const NOT_SET = Symbol('NotSet');
type Rendered = unknown | typeof NOT_SET;

interface RenderState {
  values: Record<string, unknown>;
  sourceOf: ScenarioValues['sourceOf'];
  origins: Map<string, RenderOrigin>;
  removed: RemovedNode[];
}

/**
 * Renders `job_configuration` for one scenario as Prefect's `apply_values`
 * does: a whole-value placeholder keeps the value's JSON type, inline
 * placeholders become Python `str()` text, a value that is not set removes
 * its object key or array item, an explicit `null` stays, and substituted
 * values are not scanned again. Prefect variables, block references and
 * `$ENV` text, which resolve only at run time, become `UnknownValue`s.
 */
export function renderJobConfiguration(
  jobConfiguration: Record<string, unknown>,
  templatePointer: string,
  scenario: ScenarioValues,
): RenderedConfiguration {
  const state: RenderState = {
    values: scenario.values,
    sourceOf: scenario.sourceOf,
    origins: new Map(),
    removed: [],
  };
  const value: Record<string, unknown> = {};
  state.origins.set('', { templatePointer });

  for (const [key, child] of Object.entries(jobConfiguration)) {
    const childTemplatePointer = joinPointer(templatePointer, key);
    const childPointer = joinPointer('', key);
    const rendered =
      key === 'env' && isPlainObject(child)
        ? renderLiteralEnv(child, childTemplatePointer, childPointer, state)
        : renderNode(child, childTemplatePointer, childPointer, state);
    if (rendered !== NOT_SET) {
      value[key] = rendered;
    }
  }

  return {
    value,
    removed: state.removed,
    originOf: (pointer) => originOf(state.origins, pointer),
  };
}

function renderNode(node: unknown, templatePointer: string, pointer: string, state: RenderState): Rendered {
  if (typeof node === 'string') {
    return renderString(node, templatePointer, pointer, state);
  }
  state.origins.set(pointer, { templatePointer });
  if (Array.isArray(node)) {
    const items: unknown[] = [];
    node.forEach((item, index) => {
      const rendered = renderNode(
        item,
        joinPointer(templatePointer, index),
        joinPointer(pointer, items.length),
        state,
      );
      if (rendered !== NOT_SET) {
        items.push(rendered);
      }
    });
    return items;
  }
  if (isPlainObject(node)) {
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const rendered = renderNode(
        child,
        joinPointer(templatePointer, key),
        joinPointer(pointer, key),
        state,
      );
      if (rendered !== NOT_SET) {
        result[key] = rendered;
      }
    }
    return result;
  }
  return node;
}

function renderString(text: string, templatePointer: string, pointer: string, state: RenderState): Rendered {
  const whole = wholeValuePlaceholder(text);
  if (whole) {
    const value = lookupVariable(state.values, whole.name);
    if (value === NOT_SET) {
      state.removed.push({ templatePointer, placeholder: whole.name });
      return NOT_SET;
    }
    state.origins.set(pointer, {
      templatePointer,
      placeholder: whole.name,
      source: state.sourceOf(rootName(whole.name), []),
    });
    return resolveRuntimeValues(value);
  }

  const placeholders = findPlaceholders(text);
  if (placeholders.length === 0) {
    state.origins.set(pointer, { templatePointer });
    return text;
  }
  const firstJobVariable = placeholders.find((p) => p.kind === 'job-variable');
  state.origins.set(pointer, {
    templatePointer,
    placeholder: firstJobVariable?.name,
    inline: true,
    source: firstJobVariable ? state.sourceOf(rootName(firstJobVariable.name), []) : undefined,
  });
  return renderInline(text, placeholders, state.values);
}

/**
 * Inline substitution replaces every occurrence of each placeholder's text,
 * in order, like Python's `str.replace`. A job variable without a value
 * becomes empty text. `$ENV` text comes from the worker's environment and
 * Prefect variables and blocks resolve later, so those make the whole
 * string unknown.
 */
function renderInline(text: string, placeholders: readonly PlaceholderMatch[], values: Record<string, unknown>): unknown {
  let result = text;
  const seen = new Set<string>();
  let unknownReason: UnknownValue['reason'] | undefined;
  for (const placeholder of placeholders) {
    if (seen.has(placeholder.text)) {
      continue;
    }
    seen.add(placeholder.text);
    if (placeholder.kind === 'job-variable') {
      const value = lookupVariable(values, placeholder.name);
      result = result.split(placeholder.text).join(value === NOT_SET ? '' : pythonStr(value));
    } else {
      unknownReason ??= placeholder.kind === 'env' ? 'env' : placeholder.kind;
    }
  }
  return unknownReason ? new UnknownValue(unknownReason, result) : result;
}

/**
 * Prefect merges the literal `job_configuration.env` object with the `env`
 * variable key by key: the variable's default wins over the pool's literal
 * keys (Prefect 3.4.25 and later), and the job variables' `env` wins last.
 */
function renderLiteralEnv(
  literal: Record<string, unknown>,
  templatePointer: string,
  pointer: string,
  state: RenderState,
): Rendered {
  const rendered = renderNode(literal, templatePointer, pointer, state);
  const variableEnv = state.values.env;
  if (!isPlainObject(rendered) || !isPlainObject(variableEnv)) {
    return rendered;
  }
  for (const key of Object.keys(variableEnv)) {
    state.origins.set(joinPointer(pointer, key), { templatePointer, placeholder: 'env', source: state.sourceOf('env', [key]) });
  }
  return { ...rendered, ...variableEnv };
}

/** Looks a name up with Prefect's dotted-path rules (`a.b`, `a[0].c`, `a.0.c`). */
function lookupVariable(values: Record<string, unknown>, name: string): unknown {
  const path = name.replace(/\[(\d+)\]/g, '.$1').split('.').filter((part) => part !== '');
  let current: unknown = values;
  for (const part of path) {
    if (Array.isArray(current) && /^\d+$/.test(part)) {
      current = current[Number(part)];
    } else if (isPlainObject(current) && Object.prototype.hasOwnProperty.call(current, part)) {
      current = current[part];
    } else {
      return NOT_SET;
    }
    if (current === undefined) {
      return NOT_SET;
    }
  }
  return current;
}

function rootName(name: string): string {
  return name.split(/[.[]/)[0] ?? name;
}

/**
 * Marks the parts of a substituted value that are resolved later. The worker
 * resolves `{{ prefect.variables.* }}` and `{{ prefect.blocks.* }}` strings
 * and `{"$ref": {"block_document_id": ...}}` block references at run time.
 * `prefect deploy` resolves `{{ $ENV }}` text from its own environment when
 * values come from a prefect.yaml.
 */
function resolveRuntimeValues(value: unknown, depth = 0): unknown {
  if (depth > 256) {
    return value;
  }
  if (typeof value === 'string') {
    const placeholders = findPlaceholders(value);
    const runtime = placeholders.find((p) => p.kind !== 'job-variable');
    return runtime ? new UnknownValue(runtime.kind as UnknownReason, value) : value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => resolveRuntimeValues(item, depth + 1));
  }
  if (isPlainObject(value)) {
    if (isBlockReference(value)) {
      return new UnknownValue('block-reference', JSON.stringify(value));
    }
    const result: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      result[key] = resolveRuntimeValues(child, depth + 1);
    }
    return result;
  }
  return value;
}

export function isBlockReference(value: unknown): boolean {
  return (
    isPlainObject(value) &&
    Object.keys(value).length === 1 &&
    isPlainObject(value.$ref) &&
    'block_document_id' in value.$ref
  );
}

/**
 * Finds the origin of a rendered node. Nodes inside a substituted value have
 * no entry of their own, so the nearest ancestor's source pointer is
 * extended with the remaining path.
 */
function originOf(origins: Map<string, RenderOrigin>, pointer: string): RenderOrigin | undefined {
  const exact = origins.get(pointer);
  if (exact) {
    return exact;
  }
  const segments = parsePointer(pointer);
  for (let length = segments.length - 1; length >= 0; length--) {
    const ancestor = joinPointer('', ...segments.slice(0, length));
    const origin = origins.get(ancestor);
    if (!origin) {
      continue;
    }
    const rest = segments.slice(length);
    return {
      ...origin,
      source: origin.source
        ? { ...origin.source, pointer: joinPointer(origin.source.pointer, ...rest) }
        : undefined,
      templatePointer: origin.source ? origin.templatePointer : joinPointer(origin.templatePointer, ...rest),
    };
  }
  return undefined;
}
