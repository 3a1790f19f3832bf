import { RESERVED_TAG_PREFIX } from '../../aws/limits.js';
import type { Scenario } from '../../linter/types.js';
import { isPlainObject, joinPointer } from '../../parse/pointer.js';
import { isUnknown } from '../../render/unknown.js';

/**
 * Characters that the ECS worker replaces in tag keys and values before
 * RunTask (prefect-aws `_TAG_REGEX`, 0.4.17 and later). Spaces and
 * non-ASCII letters, which AWS accepts, are replaced too.
 */
const WORKER_TAG_REPLACED = /[^a-zA-Z0-9_./=+:@-]/gu;

/**
 * Returns the text the worker sends for a tag key or value: python-slugify with the
 * worker's pattern, case kept. Apostrophes and every other replaced
 * character become `-`, commas between digits are dropped, runs of `-`
 * collapse to one and `-` is trimmed from both ends.
 * NOTE: python-slugify also decodes HTML character references such as
 * `&amp;` first; that step is not reproduced.
 */
export function workerTagSlug(text: string): string {
  return text
    .replace(/'+/g, '-')
    .normalize('NFKC')
    .replace(/(?<=\d),(?=\d)/g, '')
    .replace(WORKER_TAG_REPLACED, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Returns a tag text that AWS accepts and the worker sends unchanged: the worker's
 * slug without the reserved `aws:` prefix, cut to `maxLength` characters.
 */
export function cleanTagText(text: string, maxLength: number): string {
  let cleaned = workerTagSlug(text);
  while (cleaned.toLowerCase().startsWith(RESERVED_TAG_PREFIX)) {
    cleaned = workerTagSlug(cleaned.slice(RESERVED_TAG_PREFIX.length));
  }
  return [...cleaned].slice(0, maxLength).join('').replace(/-+$/, '');
}

/** One tag the rendered configuration gives, with where its key and value sit. */
export interface RenderedTag {
  key: string;
  value: unknown;
  /** Rendered pointers (relative to `job_configuration`) of the key and the value. */
  keyPointer: string;
  valuePointer: string;
  /** `member`: an object member, whose key is renamed; `item`: a `{key, value}` item. */
  form: 'member' | 'item';
}

/** The tags one scenario gives: static labels and the run request's literal tags. */
export interface ScenarioTags {
  labels: RenderedTag[];
  requestTags: RenderedTag[];
  /** True when labels or tags come from a value only known at run time. */
  unknown: boolean;
}

export function collectScenarioTags(scenario: Scenario): ScenarioTags {
  const rendered = scenario.rendered.value;
  const runRequest = isPlainObject(rendered.task_run_request)
    ? rendered.task_run_request
    : {};
  const labels = rendered.labels;
  const tags = runRequest.tags;
  return {
    labels: isPlainObject(labels) ? memberTags(labels, '/labels') : [],
    requestTags: tagsOf(tags, '/task_run_request/tags'),
    unknown: isUnknown(labels) || isUnknown(tags),
  };
}

function tagsOf(tags: unknown, pointer: string): RenderedTag[] {
  if (isPlainObject(tags)) {
    return memberTags(tags, pointer);
  }
  if (!Array.isArray(tags)) {
    return [];
  }
  const items: RenderedTag[] = [];
  tags.forEach((item, index) => {
    if (isPlainObject(item) && typeof item.key === 'string') {
      items.push({
        key: item.key,
        value: item.value,
        keyPointer: joinPointer(pointer, index, 'key'),
        valuePointer: joinPointer(pointer, index, 'value'),
        form: 'item',
      });
    }
  });
  return items;
}

function memberTags(
  object: Record<string, unknown>,
  pointer: string,
): RenderedTag[] {
  return Object.entries(object).map(([key, value]) => ({
    key,
    value,
    keyPointer: joinPointer(pointer, key),
    valuePointer: joinPointer(pointer, key),
    form: 'member' as const,
  }));
}
