import { JsonDocument } from './parse/json-document.js';
import { joinPointer } from './parse/pointer.js';
import { buildTemplateModel, type Target } from './model/template.js';
import { DEFAULT_TARGET, selectJobVariables, type JobVariablesDocument } from './linter/lint.js';
import { buildScenario } from './linter/scenarios.js';
import { workerFeatures } from './worker/features.js';
import type { WorkerError } from './worker/prepare.js';

export interface RenderOptions {
  /** Each document is one more scenario after the defaults scenario. */
  jobVariables?: readonly JobVariablesDocument[];
  target?: Target;
  /** The work pool's name for a bare template; see `LintOptions.workPool`. */
  workPool?: string;
}

/** One scenario's rendered configuration and the requests the worker would send. */
export interface ScenarioPreview {
  /** `undefined` for the defaults scenario. */
  scenario: string | undefined;
  /** `job_configuration` after Prefect's rendering; unknown values are `UnknownValue`s. */
  jobConfiguration: Record<string, unknown>;
  /** RegisterTaskDefinition input; undefined when an existing task definition is used. */
  registerTaskDefinition: Record<string, unknown> | undefined;
  /** RunTask input; values the worker fills in at run time are `InferredValue`s. */
  runTask: Record<string, unknown>;
  /** What the worker would refuse before calling AWS. */
  workerErrors: WorkerError[];
}

/**
 * Renders a template (a bare template or a work pool object, as text or a
 * parsed value) for the defaults scenario and each job-variables document,
 * and prepares the worker's requests. Throws `JsonSyntaxError` on invalid
 * JSON text.
 */
export function renderTemplate(input: string | unknown, options: RenderOptions = {}): ScenarioPreview[] {
  const value = typeof input === 'string' ? JsonDocument.parse(input).value : input;
  const model = buildTemplateModel(value);
  const target = options.target ?? (model.poolType?.endsWith(':push') ? { kind: 'push' as const } : DEFAULT_TARGET);
  const features = workerFeatures(target);
  const inputs = [undefined, ...selectJobVariables(options, model.poolName)];
  return inputs.map((jobVariables) => {
    const scenario = buildScenario(model, jobVariables, features);
    return {
      scenario: scenario.name,
      jobConfiguration: scenario.rendered.value,
      registerTaskDefinition: scenario.prepared.taskDefinition,
      runTask: scenario.prepared.runTaskRequest,
      workerErrors: scenario.prepared.workerErrors,
    };
  });
}

