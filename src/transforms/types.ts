import type { PatchOperation } from '../linter/types.js';

/** The reason a transform cannot be applied to a document with the given options. */
export type TransformErrorCode =
  /** The document is not a template, or lacks the part the transform edits. */
  | 'invalid-document'
  /** An option value is missing, malformed or contradicts another option. */
  | 'invalid-option'
  /** The template is valid but written in a form the transform cannot edit safely. */
  | 'unsupported-template';

/** A transform that cannot produce a correct template for this input. */
export class TransformError extends Error {
  constructor(
    readonly code: TransformErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TransformError';
  }
}

/** The result of a transform: the edit and what a reviewer should know about it. */
export interface TransformResult {
  /** RFC 6902 operations against the input document; empty when nothing changes. */
  patch: PatchOperation[];
  /** One sentence per decision or removal that the patch alone does not explain. */
  notes: string[];
}

/** One option of a transform, described for `--help` and the docs. */
export interface TransformOptionSpec {
  /** The CLI flag without its dashes, or the name of a positional argument. */
  name: string;
  /** The value's name in usage lines, such as `ID` or `NAME[:weight[:base]]`. */
  valueName: string;
  /** True for an argument given before the file instead of as a flag. */
  positional?: boolean;
  /** True when the flag may be repeated, each time adding one value. */
  multiple?: boolean;
  required?: boolean;
  description: string;
}

/** Option values as the CLI parses them: strings, or string lists for repeatable flags. */
export type CliOptionValues = Readonly<Record<string, string | string[] | boolean | undefined>>;

/**
 * A named, documented edit of a base job template. `apply` checks its
 * options and throws a TransformError for input it cannot handle.
 */
export interface Transform<Options> {
  id: string;
  /** One sentence, shown by `transform --help` and in the docs. */
  description: string;
  options: readonly TransformOptionSpec[];
  /** Builds the typed options from CLI values; `positionals` exclude the file. */
  parseCliOptions(values: CliOptionValues, positionals: readonly string[]): Options;
  apply(document: unknown, options: Options): TransformResult;
}
