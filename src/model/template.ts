import { isPlainObject } from '../parse/pointer.js';

/** The worker that will use the template. */
export type Target =
  | { kind: 'hybrid'; prefectAws: string }
  | { kind: 'push' };

export const DEFAULT_PREFECT_AWS_VERSION = '0.7.11';

export type DocumentKind = 'template' | 'work-pool' | 'unknown';

/**
 * The base job template of a linted document and its place in it. A bare
 * template is the whole document. A work pool object, as the Prefect API
 * and Terraform hold it, keeps it under `base_job_template`.
 */
export interface TemplateModel {
  kind: DocumentKind;
  /** JSON Pointer of the template inside the document: `''` or `/base_job_template`. */
  base: string;
  /** The template value (the whole document for a bare template). */
  template: unknown;
  jobConfiguration: Record<string, unknown> | undefined;
  variables: Record<string, unknown> | undefined;
  /** Declared variables: `variables.properties`, when it is an object. */
  properties: Record<string, Record<string, unknown>>;
  poolName?: string;
  poolType?: string;
}

const TEMPLATE_KEYS = ['job_configuration', 'variables'];

/** Job variables that people put at the top level by mistake (seen in real pools). */
export const TOP_LEVEL_JOB_VARIABLE_HINTS = new Set([
  'launch_type',
  'aws_credentials',
  'cpu',
  'memory',
  'image',
  'cluster',
  'vpc_id',
  'execution_role_arn',
  'task_role_arn',
  'network_configuration',
  'capacity_provider_strategy',
  'family',
  'container_name',
]);

/**
 * `job_configuration` keys of other Prefect workers (Kubernetes, Cloud Run,
 * process, Docker, Vertex AI, Azure Container Instances), which mark a
 * template that is not for ECS.
 */
const OTHER_WORKER_KEYS = new Set([
  'job_manifest',
  'job_body',
  'working_dir',
  'container_create_kwargs',
  'job_spec',
  'arm_template',
]);

/**
 * Decides whether a parsed JSON value is a base job template, a work pool
 * object, or something else. Anything with `job_configuration` or
 * `variables` at the top counts as a template, so that broken templates get
 * linted instead of skipped. Work pools of other types and templates of
 * other workers count as something else.
 */
export function classifyDocument(value: unknown): DocumentKind {
  if (!isPlainObject(value)) {
    return 'unknown';
  }
  // Prefect accepts `{}` as a template that means "no template".
  if (Object.keys(value).length === 0) {
    return 'template';
  }
  if ('base_job_template' in value && ('type' in value || 'name' in value)) {
    const type = value.type;
    return typeof type === 'string' && !type.startsWith('ecs') ? 'unknown' : 'work-pool';
  }
  if (isOtherWorkerTemplate(value)) {
    return 'unknown';
  }
  if (TEMPLATE_KEYS.some((key) => key in value)) {
    return 'template';
  }
  const keys = Object.keys(value);
  if (keys.length > 0 && keys.every((key) => TOP_LEVEL_JOB_VARIABLE_HINTS.has(key))) {
    return 'template';
  }
  return 'unknown';
}

function isOtherWorkerTemplate(value: Record<string, unknown>): boolean {
  const jobConfiguration = value.job_configuration;
  if (!isPlainObject(jobConfiguration)) {
    return false;
  }
  const keys = Object.keys(jobConfiguration);
  const ecsRequest = keys.includes('task_definition') || keys.includes('task_run_request');
  return !ecsRequest && keys.some((key) => OTHER_WORKER_KEYS.has(key));
}

export function buildTemplateModel(value: unknown): TemplateModel {
  const kind = classifyDocument(value);
  let base = '';
  let template: unknown = value;
  let poolName: string | undefined;
  let poolType: string | undefined;

  if (kind === 'work-pool' && isPlainObject(value)) {
    base = '/base_job_template';
    template = value.base_job_template;
    poolName = typeof value.name === 'string' ? value.name : undefined;
    poolType = typeof value.type === 'string' ? value.type : undefined;
  }

  const jobConfiguration =
    isPlainObject(template) && isPlainObject(template.job_configuration)
      ? template.job_configuration
      : undefined;
  const variables =
    isPlainObject(template) && isPlainObject(template.variables) ? template.variables : undefined;
  const properties: Record<string, Record<string, unknown>> = {};
  if (variables && isPlainObject(variables.properties)) {
    for (const [name, schema] of Object.entries(variables.properties)) {
      properties[name] = isPlainObject(schema) ? schema : {};
    }
  }

  return { kind, base, template, jobConfiguration, variables, properties, poolName, poolType };
}

/** The target that a work pool's `type` implies, if any. */
export function targetFromPoolType(poolType: string | undefined): Target | undefined {
  if (poolType === undefined) {
    return undefined;
  }
  if (poolType.endsWith(':push')) {
    return { kind: 'push' };
  }
  return { kind: 'hybrid', prefectAws: DEFAULT_PREFECT_AWS_VERSION };
}

export function describeTarget(target: Target): string {
  return target.kind === 'push' ? 'push pool' : `hybrid worker, prefect-aws ${target.prefectAws}`;
}
