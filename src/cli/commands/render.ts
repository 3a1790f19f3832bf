import path from 'node:path';
import { parseArgs } from 'node:util';

import { DEFAULT_TARGET } from '../../linter/lint.js';
import { buildTemplateModel, describeTarget, targetFromPoolType, type Target } from '../../model/template.js';
import { JsonDocument, JsonSyntaxError } from '../../parse/json-document.js';
import { isPlainObject } from '../../parse/pointer.js';
import { renderTemplate, type ScenarioPreview } from '../../preview.js';
import { isUnknown, type UnknownValue } from '../../render/unknown.js';
import { isInferred } from '../../worker/inferred.js';
import { UsageError } from '../errors.js';
import { readText } from '../files.js';
import { EXIT_OK, type CliIo } from '../io.js';
import { loadJobVariables, uniqueScenarioNames } from '../job-variables.js';
import { parseTarget } from '../options.js';

export const RENDER_HELP = `Usage: prefect-ecs-lint render [options] FILE

Shows what the ECS worker would do with a base job template or work pool
file: per scenario, the rendered job configuration and the
RegisterTaskDefinition and RunTask requests it would send to AWS. Nothing is
sent anywhere.

<unknown: ...> marks a value Prefect resolves only when the flow run starts
(a Prefect variable or block, or the worker's environment); <inferred: ...>
marks a value the worker fills in itself (the default VPC's subnets, the
registered task definition's ARN, its own Prefect image). The worker also
adds its Prefect settings (PREFECT_API_URL and the like) and the flow run id
to the container's environment at run time; the preview leaves them out.

Options:
  --job-variables FILE       A JSON object of job variables (one more scenario,
                             named after the file) or a prefect.yaml (one
                             scenario per deployment); repeatable
  --work-pool NAME           The pool a bare template belongs to: prefect.yaml
                             deployments of other pools are left out
  --target hybrid|push       The worker to assume (default: hybrid, or the work
                             pool's type)
  --prefect-aws VERSION      prefect-aws release of the hybrid worker
                             (default 0.7.11)
  -f, --format text|json     text: readable sections (default); json: one
                             object per scenario, with {"$unknown": ...} and
                             {"$inferred": ...} markers
  -h, --help                 Show this help
`;

/** `prefect-ecs-lint render FILE`: prints the worker's requests for each scenario. */
export async function runRender(argv: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'job-variables': { type: 'string', multiple: true },
      'work-pool': { type: 'string' },
      target: { type: 'string' },
      'prefect-aws': { type: 'string' },
      format: { type: 'string', short: 'f' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.stdout(RENDER_HELP);
    return EXIT_OK;
  }
  const format = parseFormat(values.format);
  const file = onlyFile(positionals);
  const text = await readText(path.resolve(io.cwd, file));
  const value = parseTemplate(text, file);
  const jobVariables = uniqueScenarioNames(
    (await Promise.all((values['job-variables'] ?? []).map((each) => loadJobVariables(each, io.cwd)))).flat(),
  );
  const target =
    parseTarget(values.target, values['prefect-aws']) ??
    targetFromPoolType(buildTemplateModel(value).poolType) ??
    DEFAULT_TARGET;
  const previews = renderTemplate(value, { jobVariables, target, workPool: values['work-pool'] });

  if (format === 'json') {
    io.stdout(formatPreviewJson(previews));
  } else {
    const sources = new Map(jobVariables.map((document) => [document.name, document.filePath]));
    io.stdout(formatPreviewText(previews, { target, sources }));
  }
  return EXIT_OK;
}

function parseFormat(value: string | undefined): 'text' | 'json' {
  if (value === undefined || value === 'text' || value === 'json') {
    return value ?? 'text';
  }
  throw new UsageError(`Invalid --format "${value}": use text or json.`);
}

function onlyFile(positionals: readonly string[]): string {
  const [file, extra] = positionals;
  if (file === undefined) {
    throw new UsageError('Give the template or work pool file to render: prefect-ecs-lint render FILE.');
  }
  if (extra !== undefined) {
    throw new UsageError(
      `render takes one file, but also got "${extra}". Render each file on its own, and pass job variables with --job-variables FILE.`,
    );
  }
  return file;
}

function parseTemplate(text: string, file: string): unknown {
  let document: JsonDocument;
  try {
    document = JsonDocument.parse(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new UsageError(`${file}:${error.position.line}:${error.position.column}: invalid JSON: ${error.message.replace(/\.$/, '')}.`);
    }
    throw error;
  }
  if (!buildTemplateModel(document.value).jobConfiguration) {
    throw new UsageError(
      `${file} has no job_configuration object to render. Give a base job template or a work pool with base_job_template.`,
    );
  }
  return document.value;
}

/** Formats the previews as JSON: one object per scenario, with `scenario` null for the defaults. */
export function formatPreviewJson(previews: readonly ScenarioPreview[]): string {
  const scenarios = previews.map((preview) => ({ ...preview, scenario: preview.scenario ?? null }));
  return JSON.stringify(scenarios, null, 2) + '\n';
}

export interface PreviewTextOptions {
  target: Target;
  /** The file each job-variables scenario came from, by scenario name. */
  sources?: ReadonlyMap<string, string | undefined>;
}

/** Formats the previews as readable sections: a heading per scenario, then each request. */
export function formatPreviewText(previews: readonly ScenarioPreview[], options: PreviewTextOptions): string {
  const blocks = [`Target: ${describeTarget(options.target)}`];
  for (const preview of previews) {
    blocks.push(formatScenario(preview, options.sources));
  }
  return blocks.join('\n\n') + '\n';
}

function formatScenario(preview: ScenarioPreview, sources: PreviewTextOptions['sources']): string {
  const source = preview.scenario === undefined ? undefined : sources?.get(preview.scenario);
  const title =
    preview.scenario === undefined
      ? 'defaults (variable defaults only)'
      : `${preview.scenario}${source ? ` (job variables from ${source})` : ''}`;
  const sections = [
    `== Scenario: ${title} ==`,
    `Job configuration:\n${indent(formatValue(preview.jobConfiguration))}`,
    preview.registerTaskDefinition === undefined
      ? 'RegisterTaskDefinition: not sent; the run request names an existing task definition.'
      : `RegisterTaskDefinition:\n${indent(formatValue(preview.registerTaskDefinition))}`,
    `RunTask:\n${indent(formatValue(preview.runTask))}`,
    formatWorkerErrors(preview),
  ];
  return sections.join('\n\n');
}

function formatWorkerErrors(preview: ScenarioPreview): string {
  if (preview.workerErrors.length === 0) {
    return 'Worker errors: none';
  }
  const lines = preview.workerErrors.map((error) => `  - ${error.message}`);
  return `Worker errors (the worker fails the flow run before it calls AWS):\n${lines.join('\n')}`;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

const UNKNOWN_LABELS: Record<UnknownValue['reason'], string> = {
  'prefect-variable': 'Prefect variable',
  'prefect-block': 'Prefect block',
  env: 'worker environment',
  'block-reference': 'block document',
};

/**
 * Pretty-prints a rendered value as JSON with two-space indentation, but
 * writes unknown and inferred values as bare `<unknown: ...>` and
 * `<inferred: ...>` markers, so they cannot be taken for literal text.
 */
export function formatValue(value: unknown, depth = 0): string {
  if (isUnknown(value)) {
    return `<unknown: ${UNKNOWN_LABELS[value.reason]} ${value.text}>`;
  }
  if (isInferred(value)) {
    return `<inferred: ${value.description}>`;
  }
  const padding = '  '.repeat(depth + 1);
  const closing = '  '.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) {
      return '[]';
    }
    const items = value.map((item) => padding + formatValue(item, depth + 1));
    return `[\n${items.join(',\n')}\n${closing}]`;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).filter(([, child]) => child !== undefined);
    if (entries.length === 0) {
      return '{}';
    }
    const members = entries.map(([key, child]) => `${padding}${JSON.stringify(key)}: ${formatValue(child, depth + 1)}`);
    return `{\n${members.join(',\n')}\n${closing}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
