import { applyPatchToText } from '../fix/apply-patch.js';
import type { PatchOperation } from '../linter/types.js';
import { JsonDocument } from '../parse/json-document.js';
import { closestName } from '../rules/utils/suggest-name.js';
import {
  transforms,
  transformsById,
  TransformError,
  type TransformId,
  type TransformOptionSpec,
  type TransformOptionsById,
} from './index.js';

/** A transform as `listTransforms()` describes it. */
export interface TransformSummary {
  id: TransformId;
  description: string;
  options: TransformOptionSpec[];
}

export interface TransformOutput {
  /** RFC 6902 operations against the input document. */
  patch: PatchOperation[];
  /** The input text with the patch applied, formatting kept; the input itself when nothing changed. */
  output: string;
  /** Decisions and removals of the transform, one sentence each. */
  notes: string[];
}

export function listTransforms(): TransformSummary[] {
  return transforms.map(({ id, description, options }) => ({
    id,
    description,
    options: options.map((option) => ({ ...option })),
  }));
}

/**
 * Applies a transform to the text of a template or work pool document.
 * Throws JsonSyntaxError for invalid JSON and TransformError for an unknown
 * transform, bad options or a document the transform cannot change.
 */
export function applyTransform<Id extends TransformId>(
  text: string,
  id: Id,
  options: TransformOptionsById[Id],
): TransformOutput;
export function applyTransform(text: string, id: string, options?: unknown): TransformOutput;
export function applyTransform(text: string, id: string, options?: unknown): TransformOutput {
  const transform = transformsById.get(id);
  if (!transform) {
    throw unknownTransform(id);
  }
  const document = JsonDocument.parse(text);
  const { patch, notes } = transform.apply(document.value, options);
  const output = patch.length === 0 ? text : applyPatchToText(text, patch);
  return { patch, output, notes };
}

export function unknownTransform(id: string): TransformError {
  const suggestion = closestName(id, transformsById.keys());
  const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
  return new TransformError(
    'invalid-option',
    `Unknown transform "${id}".${hint} Available: ${[...transformsById.keys()].join(', ')}.`,
  );
}

export { TransformError, type TransformId, type TransformOptionsById, type TransformOptionSpec };
