import { parseArgs } from 'node:util';

import type { RuleSeverity } from '../linter/types.js';
import { DEFAULT_PREFECT_AWS_VERSION, type Target } from '../model/template.js';
import { rulesById } from '../rules/index.js';
import { closestName } from '../rules/utils/suggest-name.js';
import { FORMAT_NAMES, type FormatName } from '../formats/index.js';
import { compareVersions, isValidVersion } from '../worker/features.js';
import { UsageError } from './errors.js';

export interface LintCommandOptions {
  patterns: string[];
  format: FormatName;
  fix: boolean;
  fixDryRun: boolean;
  rules: Record<string, RuleSeverity>;
  maxWarnings: number | undefined;
  quiet: boolean;
  reportInfo: boolean;
  jobVariables: string[];
  workPool: string | undefined;
  target: Target | undefined;
  color: boolean;
  /** Read one template from standard input instead of files. */
  stdin: boolean;
  /** The file name that results show for standard input. */
  stdinFilename: string;
  errorOnNonTemplate: boolean;
  errorOnUnmatchedPattern: boolean;
  help: boolean;
  version: boolean;
}

/** The name results show for standard input when --stdin-filename is absent, as in ESLint. */
export const DEFAULT_STDIN_FILENAME = '<stdin>';

/** `--rule` severities by the names the command line accepts; `warning` is the word the output prints. */
const SEVERITY_NAMES: ReadonlyMap<string, RuleSeverity> = new Map([
  ['off', 'off'],
  ['info', 'info'],
  ['warn', 'warn'],
  ['warning', 'warn'],
  ['error', 'error'],
]);

/** The first prefect-aws release with the ECS worker, which reads base job templates. */
export const FIRST_ECS_WORKER_RELEASE = '0.3.1';

/**
 * Joins `--max-warnings -1` into `--max-warnings=-1`: parseArgs reads a
 * value that starts with `-` as an option otherwise.
 */
function joinNegativeValues(argv: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i] ?? '';
    const next = argv[i + 1];
    if (argument === '--max-warnings' && next !== undefined && /^-\d+$/.test(next)) {
      joined.push(`${argument}=${next}`);
      i++;
    } else {
      joined.push(argument);
    }
  }
  return joined;
}

export function parseLintOptions(argv: readonly string[], color: boolean): LintCommandOptions {
  const { values, positionals } = parseArgs({
    args: joinNegativeValues(argv),
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      fix: { type: 'boolean' },
      'fix-dry-run': { type: 'boolean' },
      rule: { type: 'string', multiple: true },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' },
      'report-info': { type: 'boolean' },
      'job-variables': { type: 'string', multiple: true },
      'work-pool': { type: 'string' },
      target: { type: 'string' },
      'prefect-aws': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      stdin: { type: 'boolean' },
      'stdin-filename': { type: 'string' },
      'no-error-on-non-template': { type: 'boolean' },
      'no-error-on-unmatched-pattern': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });

  return {
    patterns: positionals,
    format: parseFormat(values.format),
    fix: values.fix ?? false,
    fixDryRun: values['fix-dry-run'] ?? false,
    rules: parseRules(values.rule ?? []),
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    quiet: values.quiet ?? false,
    reportInfo: values['report-info'] ?? false,
    jobVariables: values['job-variables'] ?? [],
    workPool: values['work-pool'],
    target: parseTarget(values.target, values['prefect-aws']),
    color: values['no-color'] ? false : (values.color ?? color),
    stdin: values.stdin ?? false,
    stdinFilename: parseStdinFilename(values['stdin-filename'], values.stdin ?? false),
    errorOnNonTemplate: !(values['no-error-on-non-template'] ?? false),
    errorOnUnmatchedPattern: !(values['no-error-on-unmatched-pattern'] ?? false),
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function parseFormat(value: string | undefined): FormatName {
  if (value === undefined) {
    return 'stylish';
  }
  if (!(FORMAT_NAMES as readonly string[]).includes(value)) {
    throw new UsageError(`Invalid --format "${value}": use one of ${FORMAT_NAMES.join(', ')}.`);
  }
  return value as FormatName;
}

function parseStdinFilename(value: string | undefined, stdin: boolean): string {
  if (value === undefined) {
    return DEFAULT_STDIN_FILENAME;
  }
  if (!stdin) {
    throw new UsageError('--stdin-filename names the template read with --stdin; add --stdin, or leave --stdin-filename out.');
  }
  if (value.trim() === '') {
    throw new UsageError('--stdin-filename needs a name, such as pool-template.json.');
  }
  return value;
}

/** Reads `--rule id:severity` values; a later value for the same rule wins. */
export function parseRules(values: readonly string[]): Record<string, RuleSeverity> {
  const rules: Record<string, RuleSeverity> = {};
  for (const value of values) {
    const separator = value.lastIndexOf(':');
    const id = value.slice(0, separator).trim();
    const severity = SEVERITY_NAMES.get(value.slice(separator + 1).trim());
    if (separator <= 0 || severity === undefined) {
      throw new UsageError(
        `Invalid --rule "${value}": write it as RULE_ID:SEVERITY, with severity off, info, warn (or warning) or error.`,
      );
    }
    if (!rulesById.has(id)) {
      throw new UsageError(unknownRuleMessage(id));
    }
    rules[id] = severity;
  }
  return rules;
}

function unknownRuleMessage(id: string): string {
  const closest = closestName(id, rulesById.keys());
  const hint = closest === undefined ? '' : ` Did you mean "${closest}"?`;
  return `Unknown rule "${id}" in --rule.${hint} docs/rules/ and the README list the rules.`;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!/^-?\d+$/.test(value)) {
    throw new UsageError(`Invalid --max-warnings "${value}": give a whole number (-1 turns the limit off).`);
  }
  const limit = Number(value);
  return limit < 0 ? undefined : limit;
}

export function parseTarget(kind: string | undefined, version: string | undefined): Target | undefined {
  if (version !== undefined && !isValidVersion(version)) {
    throw new UsageError(`Invalid --prefect-aws "${version}": give a release such as ${DEFAULT_PREFECT_AWS_VERSION}.`);
  }
  if (version !== undefined && compareVersions(version, FIRST_ECS_WORKER_RELEASE) < 0) {
    throw new UsageError(
      `Invalid --prefect-aws "${version}": the ECS worker first shipped in prefect-aws ${FIRST_ECS_WORKER_RELEASE}; give ${FIRST_ECS_WORKER_RELEASE} or later.`,
    );
  }
  if (kind === undefined) {
    return version === undefined ? undefined : { kind: 'hybrid', prefectAws: version };
  }
  if (kind === 'push') {
    if (version !== undefined) {
      throw new UsageError('--prefect-aws applies to a hybrid worker; leave it out with --target push.');
    }
    return { kind: 'push' };
  }
  if (kind === 'hybrid') {
    return { kind: 'hybrid', prefectAws: version ?? DEFAULT_PREFECT_AWS_VERSION };
  }
  throw new UsageError(`Invalid --target "${kind}": use hybrid or push.`);
}
