import type { Operation } from 'fast-json-patch';

import type { JsonDocument } from '../parse/json-document.js';
import type { Target, TemplateModel } from '../model/template.js';
import type { PlaceholderOccurrence } from '../placeholders/scan.js';
import type { RenderedConfiguration } from '../render/render.js';
import type { JobVariablesInput, ScenarioValues } from '../render/values.js';
import type { WorkerFeatures } from '../worker/features.js';
import type { PreparedRequests } from '../worker/prepare.js';

export type { Operation as PatchOperation } from 'fast-json-patch';

/** A rule's configured severity, as users write it. */
export type RuleSeverity = 'off' | 'info' | 'warn' | 'error';

/** The level a rule gives one diagnostic, following the rule catalogue. */
export type DiagnosticLevel = 'error' | 'warning' | 'info';

export interface RuleMeta {
  /** `problem`: the run fails or misbehaves; `suggestion`: it works but not as intended. */
  type: 'problem' | 'suggestion';
  docs: {
    description: string;
    url: string;
  };
  /** The levels this rule reports at, most severe first (E/W/I in the catalogue). */
  levels: DiagnosticLevel[];
  /** True when some diagnostics carry a fix that `--fix` applies. */
  fixable: boolean;
  /** True when some diagnostics carry suggestions. */
  hasSuggestions: boolean;
  /** Message templates by message id; `{{name}}` is replaced from the report's data. */
  messages: Record<string, string>;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** A place in one of the linted files: the template (`''`) or a job-variables document. */
export interface DocumentLocation {
  document: string;
  pointer: string;
  /**
   * For a place in a job-variables document: the template node that consumes
   * the value, so the template's own report can point somewhere too.
   */
  templatePointer?: string;
}

export interface SuggestionDescriptor {
  desc: string;
  patch: Operation[];
  /** The document the patch applies to; the linted template when omitted. */
  document?: string;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Record<string, string | number | boolean>;
  /** JSON Pointer in the linted document, or a location in a job-variables document. */
  at: string | DocumentLocation;
  /** Defaults to the rule's first level. */
  level?: DiagnosticLevel;
  /** The scenario the problem shows in; the defaults scenario is not named. */
  scenario?: Scenario;
  fix?: Operation[];
  suggest?: SuggestionDescriptor[];
}

/** One set of variable values, with its rendered configuration and worker requests. */
export interface Scenario {
  /** `undefined` for the defaults scenario. */
  name: string | undefined;
  jobVariables: JobVariablesInput | undefined;
  values: ScenarioValues;
  rendered: RenderedConfiguration;
  prepared: PreparedRequests;
  /**
   * The place in the files that supplies the rendered node at `pointer`
   * (relative to `job_configuration`): the job variable or variable default
   * whose value was substituted, or else the template node.
   */
  locate(pointer: string): DocumentLocation;
}

export interface RuleContext {
  ruleId: string;
  document: JsonDocument;
  template: TemplateModel;
  target: Target;
  features: WorkerFeatures;
  placeholders: PlaceholderOccurrence[];
  /** The defaults scenario first, then one per job-variables document. */
  scenarios: Scenario[];
  /** Prefixes a template-relative pointer with the template's place in the document. */
  pointer(path: string): string;
  report(descriptor: ReportDescriptor): void;
}

/** One finding, before severities, positions and formatting are applied. */
export interface Diagnostic {
  ruleId: string;
  level: DiagnosticLevel;
  messageId: string;
  message: string;
  data: Record<string, string | number | boolean>;
  location: DocumentLocation;
  scenario: string | undefined;
  fix: Operation[] | undefined;
  suggestions: SuggestionDescriptor[];
}
