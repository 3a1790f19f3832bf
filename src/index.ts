/**
 * prefect-ecs-lint's library API. It returns data and never prints.
 */
export {
  lintText,
  lintDocument,
  resolveSeverity,
  DEFAULT_TARGET,
  type LintOptions,
  type LintResult,
  type LintMessage,
  type JobVariablesDocument,
  type SourceLocation,
} from './linter/lint.js';
export { fixText, MAX_FIX_PASSES, type FixOutcome } from './fix/fix-loop.js';
export { applyPatchToText, applyToValue, PatchError } from './fix/apply-patch.js';
export { renderTemplate, type RenderOptions, type ScenarioPreview } from './preview.js';
export { formatResults, formatJson, formatStylish, type FormatName, type FormatOptions } from './formats/index.js';
export { rules, rulesById } from './rules/index.js';
export type { Rule, RuleMeta, RuleSeverity, DiagnosticLevel, PatchOperation } from './linter/types.js';
export { JsonDocument, JsonSyntaxError } from './parse/json-document.js';
export { buildTemplateModel, classifyDocument, type Target, type TemplateModel } from './model/template.js';
export { findPlaceholders, classifyPlaceholderName, type PlaceholderKind } from './placeholders/grammar.js';
export { UnknownValue, isUnknown } from './render/unknown.js';
export { InferredValue, isInferred } from './worker/inferred.js';
export type { WorkerError } from './worker/prepare.js';
export { defaultTemplate } from './init/default-template.js';
export {
  applyTransform,
  listTransforms,
  type TransformOutput,
  type TransformSummary,
} from './transforms/api.js';
export { TransformError, type TransformId } from './transforms/index.js';
export { formatPreviewJson, formatPreviewText } from './cli/commands/render.js';

/**
 * Types generated from the JSON Schemas in `schemas/`: the shapes of a base
 * job template, a work pool, and a rendered job configuration with its
 * RegisterTaskDefinition and RunTask subsets. In previews, values that stay
 * unknown or are inferred at run time appear as `UnknownValue` and
 * `InferredValue` objects in place of these types' fields.
 */
export type { BaseJobTemplate, JobVariablesSchema, VariableSchema } from './model/generated/base-job-template.js';
export type {
  ECSJobConfiguration,
  TaskDefinition,
  ContainerDefinition,
  RunTaskRequest,
  CapacityProviderStrategyItem,
  NetworkConfiguration,
  AwsVpcConfiguration,
  TaskOverride,
  ContainerOverride,
} from './model/generated/ecs-job-configuration.js';
export type { WorkPool } from './model/generated/work-pool.js';
export {
  validateBaseJobTemplate,
  validateJobConfiguration,
  validateWorkPool,
  schemaPath,
} from './model/schemas.js';
