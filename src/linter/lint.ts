import { JsonDocument, JsonSyntaxError } from '../parse/json-document.js';
import { joinPointer } from '../parse/pointer.js';
import type { SourceRange } from '../parse/source-range.js';
import {
  buildTemplateModel,
  DEFAULT_PREFECT_AWS_VERSION,
  targetFromPoolType,
  type Target,
} from '../model/template.js';
import { scanPlaceholders } from '../placeholders/scan.js';
import type { JobVariablesInput } from '../render/values.js';
import { rules as allRules } from '../rules/index.js';
import { workerFeatures } from '../worker/features.js';
import { buildScenarios } from './scenarios.js';
import type {
  Diagnostic,
  DiagnosticLevel,
  PatchOperation,
  ReportDescriptor,
  Rule,
  RuleContext,
  RuleSeverity,
} from './types.js';

/** A document of job variables: one more scenario, with where it came from. */
export interface JobVariablesDocument extends JobVariablesInput {
  filePath?: string;
  /** The work pool a `prefect.yaml` deployment names; such a document only applies to that pool. */
  workPool?: string;
  /** Positions inside the job-variables file, for diagnostics that point there. */
  locate?(pointer: string): SourceRange | undefined;
}

export interface LintOptions {
  filePath?: string;
  /** The worker to assume; a work pool's `type` or the default hybrid worker otherwise. */
  target?: Target;
  jobVariables?: readonly JobVariablesDocument[];
  /** Severity per rule id; rules not listed keep the catalogue's levels. */
  rules?: Readonly<Record<string, RuleSeverity>>;
  /** Report info-level diagnostics (off by default, as in the catalogue). */
  reportInfo?: boolean;
  /**
   * The work pool's name, for a bare template; a work pool object carries
   * its own. Deployments that name another pool are then left out.
   */
  workPool?: string;
}

/** The location of a diagnostic's value in a file other than the linted one. */
export interface SourceLocation {
  filePath: string | undefined;
  scenario: string;
  pointer: string;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

/** One message in ESLint's result format, with this tool's additions. */
export interface LintMessage {
  ruleId: string | null;
  severity: 0 | 1 | 2;
  message: string;
  messageId?: string;
  /** The values interpolated into the message, by name. */
  data?: Record<string, string | number | boolean>;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
  /** JSON Pointer of the node in the linted file. */
  pointer: string;
  /** The job-variables scenario the problem shows in; absent for the defaults scenario. */
  scenario?: string;
  fix?: { patch: PatchOperation[] };
  suggestions?: { desc: string; patch: PatchOperation[]; filePath?: string }[];
  /** The job-variables file that supplies the offending value, when there is one. */
  source?: SourceLocation;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** The fixed text, present only after fixing changed it. */
  output?: string;
  /** Always empty: kept for tools that read ESLint's result format. */
  suppressedMessages: LintMessage[];
  /** Always empty: kept for tools that read ESLint's result format. */
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
  /** The worker the template was linted for. */
  target: Target;
}

export const DEFAULT_TARGET: Target = { kind: 'hybrid', prefectAws: DEFAULT_PREFECT_AWS_VERSION };

/**
 * Lints the text of a base job template or work pool object and returns
 * an ESLint-style result. Invalid JSON becomes a fatal message, as ESLint
 * reports a parsing error, instead of an exception.
 */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  const filePath = options.filePath ?? '<text>';
  let document: JsonDocument;
  try {
    document = JsonDocument.parse(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      return parsingErrorResult(filePath, error, options.target ?? DEFAULT_TARGET);
    }
    throw error;
  }
  return lintDocument(document, options);
}

export function lintDocument(document: JsonDocument, options: LintOptions = {}): LintResult {
  const filePath = options.filePath ?? '<text>';
  const diagnostics = collectDiagnostics(document, options);
  const target = resolveTarget(document, options);
  const messages = diagnostics
    .map((diagnostic) => toMessage(diagnostic, document, options))
    .filter((message): message is LintMessage => message !== undefined);
  messages.sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? ''));
  return summarize(filePath, messages, target);
}

export function resolveTarget(document: JsonDocument, options: LintOptions): Target {
  if (options.target) {
    return options.target;
  }
  const model = buildTemplateModel(document.value);
  return targetFromPoolType(model.poolType) ?? DEFAULT_TARGET;
}

/** Runs every enabled rule and returns the raw diagnostics, de-duplicated. */
export function collectDiagnostics(document: JsonDocument, options: LintOptions): Diagnostic[] {
  const model = buildTemplateModel(document.value);
  const target = resolveTarget(document, options);
  const features = workerFeatures(target);
  const jobConfigurationPointer = joinPointer(model.base, 'job_configuration');
  const placeholders = model.jobConfiguration
    ? scanPlaceholders(model.jobConfiguration, jobConfigurationPointer)
    : [];
  const scenarios = buildScenarios(model, selectJobVariables(options, model.poolName), features);

  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const rule of allRules) {
    if ((options.rules?.[rule.id] ?? 'error') === 'off') {
      continue;
    }
    const context: RuleContext = {
      ruleId: rule.id,
      document,
      template: model,
      target,
      features,
      placeholders,
      scenarios,
      pointer: (path) => model.base + path,
      report: (descriptor) => {
        const diagnostic = toDiagnostic(rule, descriptor);
        const key = `${rule.id}\u0000${diagnostic.location.document}\u0000${diagnostic.location.pointer}\u0000${diagnostic.message}`;
        if (!seen.has(key)) {
          seen.add(key);
          diagnostics.push(diagnostic);
        }
      },
    };
    rule.check(context);
  }
  return diagnostics;
}

/**
 * Selects the job-variables documents that apply to this template: all of
 * them when the pool's name is unknown, else those that name no pool or this
 * one.
 */
export function selectJobVariables(
  options: LintOptions,
  documentPoolName: string | undefined,
): JobVariablesDocument[] {
  const poolName = documentPoolName ?? options.workPool;
  const documents = options.jobVariables ?? [];
  if (poolName === undefined) {
    return [...documents];
  }
  return documents.filter((document) => document.workPool === undefined || document.workPool === poolName);
}

function toDiagnostic(rule: Rule, descriptor: ReportDescriptor): Diagnostic {
  const template = rule.meta.messages[descriptor.messageId];
  if (template === undefined) {
    throw new Error(`Rule "${rule.id}" reported unknown message id "${descriptor.messageId}".`);
  }
  const data = descriptor.data ?? {};
  const message = template.replace(/\{\{\s*(\w+)\s*\}\}/g, (text, name: string) =>
    name in data ? String(data[name]) : text,
  );
  const location = typeof descriptor.at === 'string' ? { document: '', pointer: descriptor.at } : descriptor.at;
  if (descriptor.fix && !rule.meta.fixable) {
    throw new Error(`Rule "${rule.id}" reported a fix but its meta does not say it is fixable.`);
  }
  if (descriptor.suggest?.length && !rule.meta.hasSuggestions) {
    throw new Error(`Rule "${rule.id}" reported suggestions but its meta does not say it has any.`);
  }
  return {
    ruleId: rule.id,
    level: descriptor.level ?? rule.meta.levels[0] ?? 'error',
    messageId: descriptor.messageId,
    message,
    data,
    location,
    scenario: descriptor.scenario?.name,
    fix: descriptor.fix,
    suggestions: descriptor.suggest ?? [],
  };
}

/**
 * Maps a diagnostic's level through the rule's configured severity. A rule
 * that is not configured keeps the catalogue's levels. `error` makes its
 * warnings errors, `warn` makes its errors warnings, and `info` turns
 * everything into info. Info-level diagnostics show only when info
 * reporting is on or the rule is set to `info`.
 */
export function resolveSeverity(
  level: DiagnosticLevel,
  configured: RuleSeverity | undefined,
  reportInfo: boolean,
): 0 | 1 | 2 | undefined {
  if (configured === 'off') {
    return undefined;
  }
  if (configured === 'info') {
    return 0;
  }
  if (level === 'info') {
    return reportInfo ? 0 : undefined;
  }
  if (configured === 'warn') {
    return 1;
  }
  if (configured === 'error') {
    return 2;
  }
  return level === 'error' ? 2 : 1;
}

function toMessage(diagnostic: Diagnostic, document: JsonDocument, options: LintOptions): LintMessage | undefined {
  const configured = options.rules?.[diagnostic.ruleId];
  const severity = resolveSeverity(diagnostic.level, configured, options.reportInfo ?? false);
  if (severity === undefined) {
    return undefined;
  }

  const { location } = diagnostic;
  const inTemplate = location.document === '';
  const pointer = inTemplate ? location.pointer : (location.templatePointer ?? '');
  const located = document.locate(pointer);
  const message: LintMessage = {
    ruleId: diagnostic.ruleId,
    severity,
    message: diagnostic.message,
    messageId: diagnostic.messageId,
    data: diagnostic.data,
    line: located.range.start.line,
    column: located.range.start.column,
    endLine: located.range.end.line,
    endColumn: located.range.end.column,
    pointer: located.pointer,
  };
  if (diagnostic.scenario !== undefined) {
    message.scenario = diagnostic.scenario;
  }
  if (!inTemplate) {
    message.source = sourceLocation(location.document, location.pointer, options);
  }
  if (diagnostic.fix) {
    message.fix = { patch: diagnostic.fix };
  }
  if (diagnostic.suggestions.length > 0) {
    message.suggestions = diagnostic.suggestions.map((suggestion) => {
      const entry: { desc: string; patch: PatchOperation[]; filePath?: string } = {
        desc: suggestion.desc,
        patch: suggestion.patch,
      };
      if (suggestion.document) {
        entry.filePath = jobVariablesDocument(suggestion.document, options)?.filePath ?? suggestion.document;
      }
      return entry;
    });
  }
  return message;
}

function jobVariablesDocument(name: string, options: LintOptions): JobVariablesDocument | undefined {
  return options.jobVariables?.find((document) => document.name === name);
}

function sourceLocation(scenario: string, pointer: string, options: LintOptions): SourceLocation {
  const document = jobVariablesDocument(scenario, options);
  const range = document?.locate?.(pointer);
  const source: SourceLocation = { filePath: document?.filePath, scenario, pointer };
  if (range) {
    source.line = range.start.line;
    source.column = range.start.column;
    source.endLine = range.end.line;
    source.endColumn = range.end.column;
  }
  return source;
}

function summarize(filePath: string, messages: LintMessage[], target: Target): LintResult {
  const result: LintResult = {
    filePath,
    messages,
    errorCount: 0,
    fatalErrorCount: 0,
    warningCount: 0,
    infoCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    suppressedMessages: [],
    usedDeprecatedRules: [],
    target,
  };
  for (const message of messages) {
    if (message.severity === 2) {
      result.errorCount++;
      if (message.fatal) {
        result.fatalErrorCount++;
      }
      if (message.fix) {
        result.fixableErrorCount++;
      }
    } else if (message.severity === 1) {
      result.warningCount++;
      if (message.fix) {
        result.fixableWarningCount++;
      }
    } else {
      result.infoCount++;
    }
  }
  return result;
}

function parsingErrorResult(filePath: string, error: JsonSyntaxError, target: Target): LintResult {
  return summarize(
    filePath,
    [
      {
        ruleId: null,
        severity: 2,
        fatal: true,
        message: `Parsing error: ${error.message}`,
        line: error.position.line,
        column: error.position.column,
        pointer: '',
      },
    ],
    target,
  );
}
