import { readFileSync } from 'node:fs';
import path from 'node:path';

import { fixText, type FixOutcome } from '../fix/fix-loop.js';
import { formatResults } from '../formats/index.js';
import { lintText, type LintOptions, type LintResult } from '../linter/lint.js';
import { UsageError } from './errors.js';
import { looksLikeTemplate, notATemplateMessage, resolveLintTargets } from './files.js';
import { LINT_HELP } from './help.js';
import { loadScenarios } from './job-variables.js';
import { parseLintOptions, type LintCommandOptions } from './options.js';
import { writeFileAtomically } from './write-file.js';

import { EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, readStreamText, type CliIo } from './io.js';

export { EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, readStreamText, type CliIo };

/** Runs the CLI with arguments (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    // Commands load on demand so that linting, the common case, starts fast.
    const command = argv[0];
    if (command === 'init') {
      const { runInit } = await import('./commands/init.js');
      return await runInit(argv.slice(1), io);
    }
    if (command === 'render') {
      const { runRender } = await import('./commands/render.js');
      return await runRender(argv.slice(1), io);
    }
    if (command === 'transform') {
      const { runTransform } = await import('./commands/transform.js');
      return await runTransform(argv.slice(1), io);
    }
    return await runLint(parseLintOptions(argv, io.color), io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`prefect-ecs-lint: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`prefect-ecs-lint: ${error.message.replace(/\.+$/, '')}. Run prefect-ecs-lint --help for the options.\n`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`prefect-ecs-lint: internal error, please report it with the input that caused it.\n${detail}\n`);
    return EXIT_USAGE;
  }
}

async function runLint(options: LintCommandOptions, io: CliIo): Promise<number> {
  if (options.help) {
    io.stdout(LINT_HELP);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${packageVersion()}\n`);
    return EXIT_OK;
  }
  checkOptionCombinations(options);

  const note = (text: string): void => io.stderr(`prefect-ecs-lint: note: ${text}\n`);
  const jobVariables = await loadScenarios(options.jobVariables, io.cwd, { workPool: options.workPool, note });
  const targets = options.stdin ? await readStdinTarget(options, io) : await readFileTargets(options, io.cwd);
  const lintOptions: Omit<LintOptions, 'filePath'> = {
    target: options.target,
    jobVariables,
    rules: options.rules,
    reportInfo: options.reportInfo,
    workPool: options.workPool,
  };

  const results: LintResult[] = [];
  let fixedCount = 0;
  for (const target of targets) {
    const fileOptions = { ...lintOptions, filePath: target.filePath };
    if (options.fix || options.fixDryRun) {
      const outcome = fixText(target.text, fileOptions);
      if (options.fix && outcome.changed && target.path !== undefined) {
        await writeFileAtomically(target.path, outcome.output);
      }
      fixedCount += outcome.appliedFixes;
      reportFixProblems(outcome, target.filePath, io);
      results.push(outcome.result);
    } else {
      results.push(lintText(target.text, fileOptions));
    }
  }

  const shown = options.quiet ? results.map(onlyErrors) : results;
  const report = formatResults(options.format, shown, { color: options.color });
  io.stdout(report);
  if (options.fix && fixedCount > 0 && options.format === 'stylish') {
    io.stderr(`prefect-ecs-lint: applied ${fixedCount} ${fixedCount === 1 ? 'fix' : 'fixes'}.\n`);
  }
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    io.stderr(
      `prefect-ecs-lint: ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} found, more than --max-warnings ${options.maxWarnings} allows.\n`,
    );
  }
  return exitCode(results, options.maxWarnings);
}

/** A template to lint: `path` is where --fix writes, absent for standard input. */
interface InputTemplate {
  filePath: string;
  path: string | undefined;
  text: string;
}

function checkOptionCombinations(options: LintCommandOptions): void {
  if (options.fix && options.fixDryRun) {
    throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  }
  if (options.stdin && options.fix) {
    throw new UsageError(
      '--fix cannot write to standard input. Use --fix-dry-run with --format json, which puts the fixed text in "output".',
    );
  }
  if (options.stdin && options.patterns.length > 0) {
    throw new UsageError(
      `--stdin lints the template read from standard input, so name no files with it (got '${options.patterns[0]}'). Use --stdin-filename to name the input.`,
    );
  }
}

async function readStdinTarget(options: LintCommandOptions, io: CliIo): Promise<InputTemplate[]> {
  if (io.readStdin === undefined) {
    throw new UsageError('--stdin is not available here: this caller provides no standard input.');
  }
  const text = await io.readStdin();
  if (!looksLikeTemplate(text)) {
    if (options.errorOnNonTemplate) {
      throw new UsageError(
        notATemplateMessage(
          options.stdinFilename,
          'Send a template on standard input, or pass --no-error-on-non-template to accept other input.',
        ),
      );
    }
    return [];
  }
  return [{ filePath: options.stdinFilename, path: undefined, text }];
}

async function readFileTargets(options: LintCommandOptions, cwd: string): Promise<InputTemplate[]> {
  const targets = await resolveLintTargets(options.patterns, cwd, {
    errorOnNonTemplate: options.errorOnNonTemplate,
    errorOnUnmatchedPattern: options.errorOnUnmatchedPattern,
  });
  return targets.map((target) => ({ filePath: displayPath(target.path, cwd), path: target.path, text: target.text }));
}

/** Prints each distinct fix failure once, although every fix pass may report it again. */
function reportFixProblems(outcome: FixOutcome, filePath: string, io: CliIo): void {
  if (outcome.circular) {
    io.stderr(`prefect-ecs-lint: ${filePath}: fixes kept undoing each other; stopped after ${outcome.passes} passes.\n`);
  }
  const printed = new Set<string>();
  for (const failure of outcome.failures) {
    const key = `${failure.ruleId ?? ''}\u0000${failure.message}`;
    if (printed.has(key)) {
      continue;
    }
    printed.add(key);
    io.stderr(`prefect-ecs-lint: ${filePath}: a fix from ${failure.ruleId ?? 'a rule'} was not applied: ${failure.message}\n`);
  }
}

function exitCode(results: readonly LintResult[], maxWarnings: number | undefined): number {
  const errors = results.reduce((sum, result) => sum + result.errorCount, 0);
  const warnings = results.reduce((sum, result) => sum + result.warningCount, 0);
  if (errors > 0) {
    return EXIT_LINT_ERRORS;
  }
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    return EXIT_LINT_ERRORS;
  }
  return EXIT_OK;
}

function onlyErrors(result: LintResult): LintResult {
  const messages = result.messages.filter((message) => message.severity === 2);
  return {
    ...result,
    messages,
    warningCount: 0,
    infoCount: 0,
    fixableWarningCount: 0,
  };
}

function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') ? relative : file;
}

function packageVersion(): string {
  const packageJson = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;
}
