import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { applyPatchToText } from '../../fix/apply-patch.js';
import { JsonDocument, JsonSyntaxError } from '../../parse/json-document.js';
import { unknownTransform } from '../../transforms/api.js';
import { transforms, transformsById, type RegisteredTransform } from '../../transforms/index.js';
import { TransformError, type CliOptionValues, type TransformOptionSpec } from '../../transforms/types.js';
import { UsageError } from '../errors.js';
import { readText } from '../files.js';
import { EXIT_OK, type CliIo } from '../io.js';
import { writeFileAtomically } from '../write-file.js';

const COMMON_OPTIONS = {
  format: { type: 'string', short: 'f' },
  write: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies ParseArgsConfig['options'];

type OutputFormat = 'document' | 'patch';

/** `prefect-ecs-lint transform NAME [options] FILE`. */
export async function runTransform(argv: readonly string[], io: CliIo): Promise<number> {
  const name = argv[0];
  if (name === undefined || name.startsWith('-')) {
    return runWithoutName(argv, io);
  }
  const transform = transformsById.get(name);
  if (!transform) {
    throw new UsageError(unknownTransform(name).message);
  }
  const invocation = parseInvocation(transform, argv.slice(1));
  if (invocation.help) {
    io.stdout(transformHelp(transform));
    return EXIT_OK;
  }

  const absolute = path.resolve(io.cwd, invocation.file);
  const text = await readText(absolute);
  const document = parseDocument(text, invocation.file);
  const result = fromTransformError(() =>
    transform.applyWithCliOptions(document.value, invocation.values, invocation.arguments),
  );
  const output = result.patch.length === 0 ? text : applyPatchToText(text, result.patch);

  for (const note of result.notes) {
    io.stderr(`prefect-ecs-lint: note: ${note}\n`);
  }
  const patchText = JSON.stringify(result.patch, null, 2) + '\n';
  if (invocation.write) {
    await writeResult(absolute, invocation.file, text, output, io);
    if (invocation.format === 'patch') {
      io.stdout(patchText);
    }
    return EXIT_OK;
  }
  io.stdout(invocation.format === 'patch' ? patchText : output);
  return EXIT_OK;
}

interface Invocation {
  help: boolean;
  write: boolean;
  format: OutputFormat;
  file: string;
  /** Positional arguments before the file, such as set-execution-role's ARN. */
  arguments: string[];
  values: CliOptionValues;
}

function parseInvocation(transform: RegisteredTransform, argv: readonly string[]): Invocation {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: { ...COMMON_OPTIONS, ...transformOptionConfig(transform.options) },
  });
  const help = values.help === true;
  const format = parseFormat(values.format as string | undefined);
  const file = positionals[positionals.length - 1];
  if (file === undefined && !help) {
    throw new UsageError(`Give the template file to change: ${usageLine(transform)}.`);
  }
  // Transforms with positional arguments check their count themselves.
  const takesArguments = transform.options.some((option) => option.positional);
  if (!takesArguments && positionals.length > 1) {
    throw new UsageError(
      `${transform.id} changes one file at a time, but got ${positionals.length}: ${positionals.join(', ')}. Run it once per file.`,
    );
  }
  return {
    help,
    write: values.write === true,
    format,
    file: file ?? '',
    arguments: positionals.slice(0, -1),
    values,
  };
}

function runWithoutName(argv: readonly string[], io: CliIo): number {
  const { values } = parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: COMMON_OPTIONS });
  if (values.help) {
    io.stdout(generalHelp());
    return EXIT_OK;
  }
  throw new UsageError(
    `Give a transform name: prefect-ecs-lint transform NAME [options] FILE. Available: ${transforms.map((t) => t.id).join(', ')}.`,
  );
}

async function writeResult(absolute: string, file: string, before: string, after: string, io: CliIo): Promise<void> {
  if (after === before) {
    io.stderr(`prefect-ecs-lint: ${file} is unchanged.\n`);
    return;
  }
  await writeFileAtomically(absolute, after);
  io.stderr(`prefect-ecs-lint: wrote ${file}.\n`);
}

function transformOptionConfig(specs: readonly TransformOptionSpec[]): NonNullable<ParseArgsConfig['options']> {
  const config: NonNullable<ParseArgsConfig['options']> = {};
  for (const spec of specs) {
    if (!spec.positional) {
      config[spec.name] = { type: 'string', multiple: spec.multiple ?? false };
    }
  }
  return config;
}

function parseFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === 'document' || value === 'patch') {
    return value ?? 'document';
  }
  throw new UsageError(
    `Invalid --format "${value}": use document (the changed template) or patch (RFC 6902 operations).`,
  );
}

function parseDocument(text: string, file: string): JsonDocument {
  try {
    return JsonDocument.parse(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new UsageError(
        `${file}:${error.position.line}:${error.position.column}: invalid JSON: ${error.message.replace(/\.$/, '')}. Fix the file (prefect-ecs-lint ${file} shows the error) and try again.`,
      );
    }
    throw error;
  }
}

function fromTransformError<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TransformError) {
      throw new UsageError(error.message);
    }
    throw error;
  }
}

function usageLine(transform: RegisteredTransform): string {
  const parts = ['prefect-ecs-lint transform', transform.id];
  for (const option of transform.options) {
    const usage = option.positional
      ? option.valueName
      : `--${option.name} ${option.valueName}${option.multiple ? ' ...' : ''}`;
    parts.push(option.required ? usage : `[${usage}]`);
  }
  parts.push('FILE');
  return parts.join(' ');
}

function transformHelp(transform: RegisteredTransform): string {
  const lines = [`Usage: ${usageLine(transform)}`, '', wrap(transform.description, 78), ''];
  if (transform.options.length > 0) {
    lines.push('Options:');
    for (const option of transform.options) {
      const label = option.positional ? option.valueName : `--${option.name} ${option.valueName}`;
      lines.push(`  ${label}`, wrap(option.description, 72, '      '));
    }
    lines.push('');
  }
  lines.push(COMMON_HELP);
  return lines.join('\n');
}

const COMMON_HELP = `Output:
  -f, --format document|patch   document: the changed template, formatting
                                kept (default); patch: RFC 6902 operations
  --write                       Change FILE in place instead of printing it
  -h, --help                    Show this help

Notes on what the transform decided or removed go to standard error.
Docs: docs/transforms/ in the package.
`;

function generalHelp(): string {
  const lines = [
    'Usage: prefect-ecs-lint transform NAME [options] FILE',
    '',
    'Applies a named transform to a base job template or work pool file and',
    'prints the changed template, the RFC 6902 patch, or writes it in place.',
    '',
    'Transforms:',
  ];
  for (const transform of transforms) {
    lines.push(`  ${transform.id}`, wrap(transform.description, 72, '      '));
  }
  lines.push('', 'Run prefect-ecs-lint transform NAME --help for the options of one transform.', '', COMMON_HELP);
  return lines.join('\n');
}

function wrap(text: string, width: number, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && indent.length + line.length + 1 + word.length > width) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') {
    lines.push(indent + line);
  }
  return lines.join('\n');
}
