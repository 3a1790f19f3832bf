import { readFileSync } from 'node:fs';
import path from 'node:path';

import { fixText } from '../fix/fix-loop.js';
import { formatResults } from '../formats/index.js';
import { lintText, type LintOptions, type LintResult } from '../linter/lint.js';
import { UsageError } from './errors.js';
import { resolveLintTargets } from './files.js';
import { LINT_HELP } from './help.js';
import { loadJobVariables, uniqueScenarioNames } from './job-variables.js';
import { parseLintOptions, type LintCommandOptions } from './options.js';
import { writeFileAtomically } from './write-file.js';

import { EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';

export { EXIT_LINT_ERRORS, EXIT_OK, EXIT_USAGE, type CliIo };

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
  if (options.fix && options.fixDryRun) {
    throw new UsageError('--fix and --fix-dry-run cannot be used together.');
  }

  const jobVariables = uniqueScenarioNames(
    (await Promise.all(options.jobVariables.map((file) => loadJobVariables(file, io.cwd)))).flat(),
  );
  const targets = await resolveLintTargets(options.patterns, io.cwd);
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
    const filePath = displayPath(target.path, io.cwd);
    const fileOptions = { ...lintOptions, filePath };
    if (options.fix || options.fixDryRun) {
      const outcome = fixText(target.text, fileOptions);
      if (options.fix && outcome.changed) {
        await writeFileAtomically(target.path, outcome.output);
      }
      fixedCount += outcome.appliedFixes;
      if (outcome.circular) {
        io.stderr(`prefect-ecs-lint: ${filePath}: fixes kept undoing each other; stopped after ${outcome.passes} passes.\n`);
      }
      for (const failure of outcome.failures) {
        io.stderr(`prefect-ecs-lint: ${filePath}: a fix from ${failure.ruleId ?? 'a rule'} was not applied: ${failure.message}\n`);
      }
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
  return exitCode(results, options.maxWarnings);
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
