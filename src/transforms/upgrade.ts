import { defaultTemplate } from '../init/default-template.js';
import { isPlainObject } from '../parse/pointer.js';
import { jobVariablesIn, TemplateDraft } from './draft.js';
import { cliString } from './option-values.js';
import { UPGRADE_BASELINES } from './upgrade-baselines.js';
import { TransformError, type Transform } from './types.js';

/** The older stock templates that `upgrade` recognizes. */
export type UpgradeSource = '0.3.1' | '0.4.14';

export interface UpgradeOptions {
  /** The prefect-aws release the template came from; detected from its shape when omitted. */
  from?: UpgradeSource;
}

const SOURCES: readonly UpgradeSource[] = ['0.3.1', '0.4.14'];
const CURRENT_VERSION = '0.7.11';

export const upgrade: Transform<UpgradeOptions> = {
  id: 'upgrade',
  description: `Bring a template made from the prefect-aws 0.3.1 or 0.4.14 default to the ${CURRENT_VERSION} shape, keeping every value, key and default that differs from the default it started from.`,
  options: [
    {
      name: 'from',
      valueName: '0.3.1|0.4.14',
      description: 'The prefect-aws release whose default the template started from (default: detected from its shape).',
    },
  ],
  parseCliOptions(values) {
    const from = cliString(values, 'from');
    return from === undefined ? {} : { from: checkSource(from) };
  },
  apply(document, options) {
    const requested = options?.from === undefined ? undefined : checkSource(options.from);
    const draft = TemplateDraft.open(document);
    if (!isPlainObject(draft.template.variables)) {
      throw new TransformError(
        'invalid-document',
        'The template has no "variables" object, so its variables cannot be upgraded. Add the variables schema first.',
      );
    }
    const source = requested ?? detectSource(draft.template);
    if (source === 'current') {
      draft.note(
        `The template already has the shape of prefect-aws 0.5.0 or later, so nothing was changed. Give --from to upgrade it from 0.3.1 or 0.4.14 anyway.`,
      );
      return draft.result();
    }
    upgradeFrom(draft, source);
    return draft.result();
  },
};

function checkSource(value: string): UpgradeSource {
  if (!(SOURCES as readonly string[]).includes(value)) {
    throw new TransformError('invalid-option', `Invalid --from "${value}": use ${SOURCES.join(' or ')}.`);
  }
  return value as UpgradeSource;
}

/** Decides what to keep while merging one value; see `mergeThreeWay`. */
interface MergePolicy {
  /** Whether the current stock value may replace an unchanged user value or fill in a new key. */
  acceptCurrent(value: unknown): boolean;
  /** Whether an unchanged user value has to stay although the stock value changed. */
  keepUser(value: unknown): boolean;
}

const ACCEPT_ALL: MergePolicy = { acceptCurrent: () => true, keepUser: () => false };

/**
 * Merges the user's value with the old stock value it started from (`base`)
 * and the current stock value. Objects are merged key by key. Any other
 * value the user changed is kept. A value equal to the old stock one becomes
 * the current stock one, or disappears when the current template dropped it.
 * `undefined` is an absent key, so a key the user deleted stays deleted and
 * a key new in the current template is added.
 */
export function mergeThreeWay(user: unknown, base: unknown, current: unknown, policy: MergePolicy): unknown {
  if (isPlainObject(user) && isPlainObject(base) && isPlainObject(current)) {
    const merged: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(user), ...Object.keys(current)]);
    for (const key of keys) {
      const value = mergeThreeWay(user[key], base[key], current[key], policy);
      if (value !== undefined) {
        merged[key] = value;
      }
    }
    return merged;
  }
  if (!deepEqual(user, base)) {
    return user;
  }
  if (user !== undefined && policy.keepUser(user)) {
    return user;
  }
  if (current === undefined || !policy.acceptCurrent(current)) {
    return current === undefined ? undefined : user;
  }
  return structuredClone(current);
}

/**
 * Upgrades variables first and job_configuration second. A current stock
 * value enters job_configuration only when every variable it reads is still
 * declared. The user's placeholder of a retired stock variable whose schema
 * the user changed stays, because its default would otherwise be read by
 * nothing.
 */
function upgradeFrom(draft: TemplateDraft, source: UpgradeSource): void {
  const baseline = UPGRADE_BASELINES[source];
  const current = defaultTemplate();
  const userVariables = draft.template.variables as Record<string, unknown>;
  const userProperties = propertiesOf(userVariables);

  const mergedVariables = mergeVariables(userVariables, asObject(baseline.variables), asObject(current.variables));
  const mergedProperties = propertiesOf(mergedVariables);
  const declared = new Set(Object.keys(mergedProperties));
  const retiredKept = new Set(
    Object.keys(mergedProperties).filter(
      (name) => name in propertiesOf(baseline.variables) && !(name in propertiesOf(current.variables)),
    ),
  );

  const skipped = new Set<string>();
  const jobConfigurationPolicy: MergePolicy = {
    acceptCurrent(value) {
      const missing = [...jobVariablesIn(value)].filter((name) => !declared.has(name));
      missing.forEach((name) => skipped.add(name));
      return missing.length === 0;
    },
    keepUser: (value) => [...jobVariablesIn(value)].some((name) => retiredKept.has(name)),
  };
  const mergedJobConfiguration = mergeThreeWay(
    draft.jobConfiguration,
    baseline.job_configuration,
    current.job_configuration,
    jobConfigurationPolicy,
  ) as Record<string, unknown>;

  draft.template.variables = mergedVariables;
  replaceContents(draft.jobConfiguration, mergedJobConfiguration);
  noteChanges(draft, source, userProperties, mergedProperties, retiredKept, skipped);
}

/**
 * JSON Schema keywords that together define which values a schema accepts.
 * They are merged as one group, because mixing the user's `anyOf` with the
 * current stock `$ref`, for example, would accept different values than
 * either schema.
 */
const VALUE_KEYWORDS = [
  'type',
  'anyOf',
  'allOf',
  'oneOf',
  'not',
  '$ref',
  'enum',
  'const',
  'format',
  'items',
  'prefixItems',
  'properties',
  'patternProperties',
  'additionalProperties',
  'required',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'writeOnly',
  'block_type_slug',
  'block_schema_references',
  'secret_fields',
];

const SCHEMA_SECTIONS = ['properties', 'definitions'];

/**
 * Merges `variables`: its own keys three-way, and each variable and each
 * definition with `mergeSchema`.
 */
function mergeVariables(
  user: Record<string, unknown>,
  base: Record<string, unknown>,
  current: Record<string, unknown>,
): Record<string, unknown> {
  const merged = mergeThreeWay(
    omitKeys(user, SCHEMA_SECTIONS),
    omitKeys(base, SCHEMA_SECTIONS),
    omitKeys(current, SCHEMA_SECTIONS),
    ACCEPT_ALL,
  ) as Record<string, unknown>;
  for (const section of SCHEMA_SECTIONS) {
    const value = mergeSchemaSection(user[section], base[section], current[section]);
    if (value !== undefined) {
      merged[section] = value;
    }
  }
  return merged;
}

function mergeSchemaSection(user: unknown, base: unknown, current: unknown): unknown {
  if (!isPlainObject(user) || !isPlainObject(current)) {
    return mergeThreeWay(user, base, current, ACCEPT_ALL);
  }
  const baseSchemas = isPlainObject(base) ? base : {};
  const merged: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(user), ...Object.keys(current)])) {
    const schema = mergeSchema(user[name], baseSchemas[name], current[name]);
    if (schema !== undefined) {
      merged[name] = schema;
    }
  }
  return merged;
}

/**
 * Merges one schema. The value keywords come as a group from the current
 * stock schema when the user left them as in the old stock schema, and from
 * the user otherwise. Annotations and `default` are merged key by key.
 */
function mergeSchema(user: unknown, base: unknown, current: unknown): unknown {
  if (!isPlainObject(user) || !isPlainObject(base) || !isPlainObject(current)) {
    return mergeThreeWay(user, base, current, ACCEPT_ALL);
  }
  const unchanged = deepEqual(pickKeys(user, VALUE_KEYWORDS), pickKeys(base, VALUE_KEYWORDS));
  const merged = structuredClone(pickKeys(unchanged ? current : user, VALUE_KEYWORDS));
  const annotations = mergeThreeWay(
    omitKeys(user, VALUE_KEYWORDS),
    omitKeys(base, VALUE_KEYWORDS),
    omitKeys(current, VALUE_KEYWORDS),
    ACCEPT_ALL,
  ) as Record<string, unknown>;
  return { ...annotations, ...merged };
}

function pickKeys(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key)));
}

function omitKeys(value: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => !keys.includes(key)));
}

function asObject(value: unknown): Record<string, unknown> {
  return isPlainObject(value) ? value : {};
}

function noteChanges(
  draft: TemplateDraft,
  source: UpgradeSource,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  retiredKept: Set<string>,
  skipped: Set<string>,
): void {
  draft.note(`Upgraded from the prefect-aws ${source} default to the ${CURRENT_VERSION} shape.`);
  const added = Object.keys(after).filter((name) => !(name in before));
  const removed = Object.keys(before).filter((name) => !(name in after));
  if (added.length > 0) {
    draft.note(`Added variables: ${added.join(', ')}.`);
  }
  if (removed.length > 0) {
    draft.note(`Removed variables the current worker no longer reads: ${removed.join(', ')}.`);
  }
  if (retiredKept.size > 0) {
    const names = [...retiredKept].join(', ');
    draft.note(
      retiredKept.size === 1
        ? `Kept the ${names} variable because its schema differs from the ${source} default; prefect-aws 0.6.0 and later ignore this setting.`
        : `Kept the ${names} variables because their schemas differ from the ${source} default; prefect-aws 0.6.0 and later ignore these settings.`,
    );
  }
  if (skipped.size > 0) {
    draft.note(
      `Did not add the parts of the current template that read ${[...skipped].join(', ')}, because the template no longer declares them.`,
    );
  }
}

/**
 * Picks the stock template this one is closest to, by the keys of
 * job_configuration and the run request and by each variable's name and
 * schema style (pydantic 1 plain types or pydantic 2 `anyOf` with null).
 * On a tie the older release wins, so unknown additions count as the
 * user's own and are kept.
 * NOTE: templates from releases between the known ones (0.3.7 to 0.4.13,
 * and 0.5.0 to 0.7.10) are matched to the nearest known shape, which can
 * leave keys added in between in their old form.
 */
function detectSource(template: Record<string, unknown>): UpgradeSource | 'current' {
  const signature = shapeSignature(template);
  const candidates: [UpgradeSource | 'current', Record<string, unknown>][] = [
    ['0.3.1', UPGRADE_BASELINES['0.3.1']],
    ['0.4.14', UPGRADE_BASELINES['0.4.14']],
    ['current', defaultTemplate()],
  ];
  let best: { source: UpgradeSource | 'current'; distance: number } | undefined;
  for (const [source, candidate] of candidates) {
    const distance = symmetricDifference(signature, shapeSignature(candidate));
    if (!best || distance < best.distance) {
      best = { source, distance };
    }
  }
  return best?.source ?? 'current';
}

function shapeSignature(template: Record<string, unknown>): Set<string> {
  const signature = new Set<string>();
  const jobConfiguration = isPlainObject(template.job_configuration) ? template.job_configuration : {};
  for (const key of Object.keys(jobConfiguration)) {
    signature.add(`job_configuration.${key}`);
  }
  const runRequest = isPlainObject(jobConfiguration.task_run_request) ? jobConfiguration.task_run_request : {};
  for (const key of Object.keys(runRequest)) {
    signature.add(`task_run_request.${key}`);
  }
  for (const [name, schema] of Object.entries(propertiesOf(template.variables))) {
    const style = isPlainObject(schema) && ('anyOf' in schema || '$ref' in schema) ? 'pydantic-2' : 'pydantic-1';
    signature.add(`variable.${name}.${style}`);
  }
  return signature;
}

function symmetricDifference(left: Set<string>, right: Set<string>): number {
  let count = 0;
  for (const item of left) {
    count += right.has(item) ? 0 : 1;
  }
  for (const item of right) {
    count += left.has(item) ? 0 : 1;
  }
  return count;
}

function propertiesOf(variables: unknown): Record<string, unknown> {
  return isPlainObject(variables) && isPlainObject(variables.properties) ? variables.properties : {};
}

function replaceContents(target: Record<string, unknown>, source: Record<string, unknown>): void {
  for (const key of Object.keys(target)) {
    if (!(key in source)) {
      delete target[key];
    }
  }
  Object.assign(target, source);
}

function deepEqual(left: unknown, right: unknown): boolean {
  if (left === right) {
    return true;
  }
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => deepEqual(item, right[index]));
  }
  if (isPlainObject(left) && isPlainObject(right)) {
    const leftKeys = Object.keys(left);
    return (
      leftKeys.length === Object.keys(right).length &&
      leftKeys.every((key) => Object.prototype.hasOwnProperty.call(right, key) && deepEqual(left[key], right[key]))
    );
  }
  return false;
}
