import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

import { defaultTemplate } from '../../src/init/default-template.js';
import type { LintResult } from '../../src/linter/lint.js';
import { JsonDocument } from '../../src/parse/json-document.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'prefect-ecs-lint.js');
const FIXTURES = path.join(ROOT, 'fixtures');
const CLEAN = path.join(FIXTURES, 'cli', 'clean-template.json');
const FIXABLE = path.join(FIXTURES, 'cli', 'fixable-template.json');
const NOT_TEMPLATE = path.join(FIXTURES, 'not-templates', 'package-like.json');
const TRAILING_COMMA = path.join(FIXTURES, 'invalid', 'trailing-comma.json');

let workDirectory: string;
let folderCount = 0;

interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd = workDirectory, uid?: number): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    // A run that hangs (a folder scan caught in a link loop) fails instead of stalling the suite.
    timeout: 60_000,
    ...(uid === undefined ? {} : { uid, gid: uid }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the CLI with `input` on standard input. */
function cliWithInput(args: string[], input: string | Uint8Array, cwd = workDirectory): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    input,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function lintJson(args: string[], cwd = workDirectory): LintResult[] {
  const run = cli(['--format', 'json', ...args], cwd);
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as LintResult[];
}

/** Creates a fresh folder inside the temporary directory and copies the given files in. */
function folder(files: Record<string, string> = {}): string {
  const directory = path.join(workDirectory, `case-${++folderCount}`);
  mkdirSync(directory, { recursive: true });
  for (const [name, source] of Object.entries(files)) {
    const target = path.join(directory, name);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(source, target);
  }
  return directory;
}

function newestSourceTime(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) {
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds dist/ when it is missing or older than src/, so the binary runs current code. */
function ensureBuilt(): void {
  const entry = path.join(ROOT, 'dist', 'cli', 'main.js');
  if (existsSync(entry) && statSync(entry).mtimeMs >= newestSourceTime(path.join(ROOT, 'src'))) {
    return;
  }
  spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['tsc', '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  if (!existsSync(entry)) {
    throw new Error('Building dist/ failed. Run npx tsc -p tsconfig.build.json to see why.');
  }
}

beforeAll(() => {
  ensureBuilt();
  workDirectory = mkdtempSync(path.join(tmpdir(), 'prefect-ecs-lint-cli-'));
  // Readable by every user, for the unreadable-file case run as another user.
  chmodSync(workDirectory, 0o755);
}, 120_000);

afterAll(() => {
  if (workDirectory) {
    rmSync(workDirectory, { recursive: true, force: true });
  }
});

describe('exit codes', () => {
  it('exits 0 with no output on a clean template', () => {
    const run = cli([CLEAN]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  it('exits 1 on lint errors', () => {
    const run = cli([FIXABLE]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}16:7 +error +.+ valid-placeholder$/m);
    expect(run.stdout).toMatch(/^ {2}22:7 +error +.+ valid-placeholder$/m);
    expect(run.stdout).toContain('2 errors and 0 warnings potentially fixable with the `--fix` option.');
  });

  it('exits 1 on a parsing error and shows where', () => {
    const directory = folder({ 'broken.json': TRAILING_COMMA });
    const run = cli(['broken.json'], directory);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(
      [
        '',
        'broken.json',
        '  14:5  error  Parsing error: Expected a property name in double quotes, found "}".',
        '',
        '✖ 1 problem (1 error, 0 warnings)',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 on --help and --version', () => {
    const help = cli(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: prefect-ecs-lint [options] [file|dir|glob ...]');
    const version = cli(['--version']);
    expect(version.status).toBe(0);
    const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout).toBe(`${packageJson.version}\n`);
  });
});

describe('usage errors exit 2', () => {
  it.each([
    ['an unknown option', ['--bogus', CLEAN], ["Unknown option '--bogus'", 'Run prefect-ecs-lint --help for the options.']],
    ['an unknown rule id', ['--rule', 'no-such-rule:off', CLEAN], ['Unknown rule "no-such-rule" in --rule.']],
    ['a bad severity', ['--rule', 'valid-tags:loud', CLEAN], ['Invalid --rule "valid-tags:loud"', 'severity off, info, warn (or warning) or error']],
    ['a rule without a severity', ['--rule', 'valid-tags', CLEAN], ['Invalid --rule "valid-tags"']],
    ['a bad format', ['--format', 'xml', CLEAN], ['Invalid --format "xml": use one of stylish, json.']],
    ['a bad warning limit', ['--max-warnings', 'many', CLEAN], ['Invalid --max-warnings "many"', 'give a whole number']],
    ['a bad target', ['--target', 'cloud', CLEAN], ['Invalid --target "cloud": use hybrid or push.']],
    ['a bad release', ['--prefect-aws', '0.7', CLEAN], ['Invalid --prefect-aws "0.7"', 'give a release such as']],
    ['a release with push', ['--target', 'push', '--prefect-aws', '0.7.11', CLEAN], ['--prefect-aws applies to a hybrid worker']],
    ['--fix with --fix-dry-run', ['--fix', '--fix-dry-run', CLEAN], ['--fix and --fix-dry-run cannot be used together.']],
    ['a missing file', ['missing.json'], ["No files matching 'missing.json' were found.", 'Check the path']],
    ['an unmatched glob', ['nowhere/*.json'], ["No Prefect ECS templates matching 'nowhere/*.json' were found."]],
    ['a named non-template file', [NOT_TEMPLATE], [`${NOT_TEMPLATE} is not a Prefect ECS base job template or ECS work pool`, 'Name only template files']],
    ['a missing job-variables file', ['--job-variables', 'absent.json', CLEAN], ['Cannot read', 'absent.json (ENOENT)', 'Check that the file exists']],
  ])('on %s', (_name, args, fragments) => {
    const run = cli(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.startsWith('prefect-ecs-lint: ')).toBe(true);
    for (const fragment of fragments) {
      expect(run.stderr).toContain(fragment);
    }
  });

  it('on an invalid job-variables file, naming its line and column', () => {
    const directory = folder({ 'vars.json': TRAILING_COMMA });
    const run = cli(['--job-variables', 'vars.json', CLEAN], directory);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('vars.json:14:5: invalid job variables file');
  });

  it('on an unreadable file', () => {
    if (process.platform === 'win32') {
      return;
    }
    const directory = folder({ 'locked.json': CLEAN });
    chmodSync(directory, 0o755);
    const locked = path.join(directory, 'locked.json');
    chmodSync(locked, 0o000);
    // Root can read any file, so as root the check runs as uid 65534 (nobody).
    const uid = process.getuid?.() === 0 ? 65534 : undefined;
    const run = cli(['locked.json'], directory, uid);
    chmodSync(locked, 0o644);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(`prefect-ecs-lint: Cannot read ${locked} (EACCES). Check that the file exists and is readable.\n`);
  });
});

describe('file selection', () => {
  function layout(): string {
    const directory = folder({
      'clean.json': CLEAN,
      'sub/deeper/fixable.json': FIXABLE,
      'tsconfig.json': NOT_TEMPLATE,
      'node_modules/pkg/template.json': CLEAN,
      'broken-template.json': TRAILING_COMMA,
    });
    writeFileSync(path.join(directory, 'notes.json'), '{ not json at all');
    writeFileSync(path.join(directory, 'list.json'), '[1, 2, 3]\n');
    return directory;
  }

  it('lints the templates of a folder and skips other JSON', () => {
    const directory = layout();
    const results = lintJson(['.'], directory);
    expect(results.map((r) => r.filePath)).toEqual([
      'broken-template.json',
      'clean.json',
      path.join('sub', 'deeper', 'fixable.json'),
    ]);
  });

  it('lints the current folder with no arguments', () => {
    const directory = layout();
    const results = lintJson([], directory);
    expect(results).toHaveLength(3);
  });

  it('expands a quoted glob', () => {
    const directory = layout();
    const results = lintJson(['**/fix*.json'], directory);
    expect(results.map((r) => r.filePath)).toEqual([path.join('sub', 'deeper', 'fixable.json')]);
  });

  it('lints a file named twice once', () => {
    const directory = layout();
    const results = lintJson(['clean.json', './clean.json', '*.json'], directory);
    expect(results.map((r) => r.filePath)).toEqual(['clean.json', 'broken-template.json']);
  });

  it('accepts an empty folder with --no-error-on-unmatched-pattern', () => {
    const run = cli(['--no-error-on-unmatched-pattern', '.'], folder());
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });
});

describe('--format json', () => {
  it('prints one result per file with ESLint fields', () => {
    const results = lintJson([FIXABLE]);
    expect(results).toHaveLength(1);
    const [result] = results;
    expect(result!.filePath).toBe(FIXABLE);
    expect(result!.errorCount).toBe(result!.messages.filter((m) => m.severity === 2).length);
    expect(result!.warningCount).toBe(result!.messages.filter((m) => m.severity === 1).length);
    expect(result!.fixableErrorCount).toBe(2);
    expect(result!.target).toEqual({ kind: 'hybrid', prefectAws: '0.7.11' });
    const whitespace = result!.messages.filter((m) => m.ruleId === 'valid-placeholder');
    expect(whitespace.map((m) => [m.line, m.column, m.endLine, m.endColumn, m.pointer])).toEqual([
      [16, 7, 16, 32, '/job_configuration/task_definition/family'],
      [22, 7, 22, 34, '/job_configuration/task_run_request/cluster'],
    ]);
    expect(whitespace[0]!.fix).toEqual({
      patch: [{ op: 'replace', path: '/job_configuration/task_definition/family', value: '{{ family }}' }],
    });
  });

  it('prints relative paths for files under the working folder', () => {
    const results = lintJson([path.join('fixtures', 'cli', 'clean-template.json')], ROOT);
    expect(results[0]!.filePath).toBe(path.join('fixtures', 'cli', 'clean-template.json'));
  });
});

describe('--fix', () => {
  it('writes only the changed bytes and leaves clean files untouched', () => {
    const directory = folder({ 'fixable.json': FIXABLE, 'clean.json': CLEAN });
    const fixable = path.join(directory, 'fixable.json');
    const clean = path.join(directory, 'clean.json');
    chmodSync(fixable, 0o640);
    const past = new Date('2020-01-01T00:00:00Z');
    utimesSync(clean, past, past);
    const before = readdirSync(directory).sort();

    const run = cli(['--fix', '.'], directory);

    expect(run.status).toBe(0);
    expect(readFileSync(fixable, 'utf8')).toBe(readFileSync(CLEAN, 'utf8'));
    expect(statSync(fixable).mode & 0o777).toBe(0o640);
    expect(statSync(clean).mtimeMs).toBe(past.getTime());
    expect(readFileSync(clean, 'utf8')).toBe(readFileSync(CLEAN, 'utf8'));
    expect(readdirSync(directory).sort()).toEqual(before);
    expect(run.stderr).toBe('prefect-ecs-lint: applied 2 fixes.\n');
    expect(run.stdout).toBe('');
  });

  it('changes only the fixed lines', () => {
    const directory = folder({ 'fixable.json': FIXABLE });
    const file = path.join(directory, 'fixable.json');
    const original = readFileSync(file, 'utf8').split('\n');
    cli(['--fix', 'fixable.json'], directory);
    const fixed = readFileSync(file, 'utf8').split('\n');
    expect(fixed.length).toBe(original.length);
    const changed = original.map((line, index) => (line === fixed[index] ? undefined : index + 1)).filter(Boolean);
    expect(changed).toEqual([16, 22]);
  });

  it('leaves a file with a parsing error untouched', () => {
    const directory = folder({ 'broken.json': TRAILING_COMMA });
    const run = cli(['--fix', 'broken.json'], directory);
    expect(run.status).toBe(1);
    expect(readFileSync(path.join(directory, 'broken.json'), 'utf8')).toBe(readFileSync(TRAILING_COMMA, 'utf8'));
  });
});

describe('--fix-dry-run', () => {
  it('writes nothing and puts the fixed text in output', () => {
    const directory = folder({ 'fixable.json': FIXABLE });
    const file = path.join(directory, 'fixable.json');
    const mtime = statSync(file).mtimeMs;
    const results = lintJson(['--fix-dry-run', 'fixable.json'], directory);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(FIXABLE, 'utf8'));
    expect(statSync(file).mtimeMs).toBe(mtime);
    expect(results[0]!.output).toBe(readFileSync(CLEAN, 'utf8'));
    expect(results[0]!.messages).toEqual([]);
  });

  it('gives no output for a file without fixes', () => {
    const results = lintJson(['--fix-dry-run', CLEAN]);
    expect('output' in results[0]!).toBe(false);
  });
});

describe('rule and report options', () => {
  let initFile: string;

  beforeAll(() => {
    const directory = folder();
    initFile = path.join(directory, 'template.json');
    const run = cli(['init']);
    expect(run.status).toBe(0);
    writeFileSync(initFile, run.stdout);
  });

  it('init prints the default template', () => {
    expect(JSON.parse(readFileSync(initFile, 'utf8'))).toEqual(defaultTemplate());
  });

  it('init output lints with exit 0', () => {
    const run = cli([initFile]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('--rule id:off turns rules off', () => {
    const ruleIds = [...new Set(lintJson([initFile])[0]!.messages.map((m) => m.ruleId!))];
    expect(ruleIds.length).toBeGreaterThan(0);
    const some = lintJson(['--rule', `${ruleIds[0]}:off`, initFile]);
    expect(some[0]!.messages.some((m) => m.ruleId === ruleIds[0])).toBe(false);
    const run = cli([...ruleIds.flatMap((id) => ['--rule', `${id}:off`]), initFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('--rule id:info turns warnings into info', () => {
    const [ruleId] = lintJson([initFile])[0]!.messages.map((m) => m.ruleId!);
    const results = lintJson(['--rule', `${ruleId}:info`, initFile]);
    const severities = results[0]!.messages.filter((m) => m.ruleId === ruleId).map((m) => m.severity);
    expect(severities.length).toBeGreaterThan(0);
    expect(new Set(severities)).toEqual(new Set([0]));
  });

  it('--max-warnings sets the exit code', () => {
    const warnings = lintJson([initFile])[0]!.warningCount;
    expect(warnings).toBeGreaterThan(0);
    expect(cli(['--max-warnings', String(warnings - 1), initFile]).status).toBe(1);
    expect(cli(['--max-warnings', String(warnings), initFile]).status).toBe(0);
    expect(cli(['--max-warnings=-1', initFile]).status).toBe(0);
  });

  it('--quiet hides warnings', () => {
    const run = cli(['--quiet', initFile]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
  });

  it('--quiet keeps errors', () => {
    const errors = lintJson([FIXABLE])[0]!.errorCount;
    const run = cli(['--quiet', FIXABLE]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`✖ ${errors} problems (${errors} errors, 0 warnings)`);
    expect(run.stdout).not.toMatch(/^ +\d+:\d+ +warning /m);
  });

  it('--job-variables names the scenario after the file', () => {
    const directory = folder();
    writeFileSync(
      path.join(directory, 'nightly-run.json'),
      JSON.stringify({ capacity_provider_strategy: [{ capacityProvider: 'example-asg-provider', weight: 1, base: 0 }] }),
    );
    const results = lintJson(['--job-variables', 'nightly-run.json', initFile], directory);
    const scenarios = results[0]!.messages.map((m) => m.scenario).filter((s) => s !== undefined);
    expect(scenarios.length).toBeGreaterThan(0);
    expect(new Set(scenarios)).toEqual(new Set(['nightly-run']));

    const stylish = cli(['--job-variables', 'nightly-run.json', initFile], directory);
    expect(stylish.stdout).toMatch(/\(scenario: nightly-run\) +[a-z-]+$/m);
  });

  it('--job-variables points at the offending value in that file', () => {
    const directory = folder();
    writeFileSync(path.join(directory, 'bad-vars.json'), '{\n  "cpu": "lots",\n  "launch_type": "FARGATE"\n}\n');
    const results = lintJson(['--job-variables', 'bad-vars.json', CLEAN], directory);
    const cpu = results[0]!.messages.find((m) => m.source?.pointer === '/cpu');
    expect(cpu?.pointer).toBe('/job_configuration/task_definition/cpu');
    expect(cpu?.scenario).toBe('bad-vars');
    expect(cpu?.source).toEqual({
      filePath: 'bad-vars.json',
      scenario: 'bad-vars',
      pointer: '/cpu',
      line: 2,
      column: 3,
      endLine: 2,
      endColumn: 16,
    });

    const stylish = cli(['--job-variables', 'bad-vars.json', CLEAN], directory);
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).toContain('(scenario: bad-vars, bad-vars.json:2:3)');
  });

  it('--target push gives the push warning on the stock template', () => {
    const results = lintJson(['--target', 'push', initFile]);
    expect(results[0]!.target).toEqual({ kind: 'push' });
    const push = results[0]!.messages.filter((m) => m.ruleId === 'no-launch-type-with-capacity-provider-strategy');
    expect(push.map((m) => m.severity)).toEqual([1]);
    expect(push[0]!.pointer.startsWith('/job_configuration/task_run_request/')).toBe(true);
  });

  it('gives no push warning for the hybrid worker', () => {
    const results = lintJson([initFile]);
    expect(results[0]!.messages.some((m) => m.ruleId === 'no-launch-type-with-capacity-provider-strategy')).toBe(false);
  });

  it('a work pool of type ecs:push gives the push warning', () => {
    const directory = folder();
    const pool = { name: 'example-push-pool', type: 'ecs:push', base_job_template: defaultTemplate() };
    writeFileSync(path.join(directory, 'pool.json'), JSON.stringify(pool, null, 2) + '\n');
    const results = lintJson(['pool.json'], directory);
    expect(results[0]!.target).toEqual({ kind: 'push' });
    const push = results[0]!.messages.filter((m) => m.ruleId === 'no-launch-type-with-capacity-provider-strategy');
    expect(push.map((m) => m.severity)).toEqual([1]);
    expect(push[0]!.pointer.startsWith('/base_job_template/job_configuration/task_run_request/')).toBe(true);
  });
});

describe('real templates', () => {
  const directory = path.join(FIXTURES, 'real-templates');

  function templateFiles(): string[] {
    return readdirSync(directory, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.json'))
      .map((name) => path.join('fixtures', 'real-templates', name))
      .sort();
  }

  it('reports positions that match each message pointer', () => {
    const run = cli(['--format', 'json', '--report-info', path.join('fixtures', 'real-templates')], ROOT);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.status);
    const results = JSON.parse(run.stdout) as LintResult[];
    expect(results.map((r) => r.filePath).sort()).toEqual(templateFiles());

    let checked = 0;
    for (const result of results) {
      const document = JsonDocument.parse(readFileSync(path.join(ROOT, result.filePath), 'utf8'));
      for (const message of result.messages) {
        const where = `${result.filePath} ${message.ruleId} ${message.pointer}`;
        expect(document.has(message.pointer), where).toBe(true);
        const { range } = document.locate(message.pointer);
        expect([message.line, message.column, message.endLine, message.endColumn], where).toEqual([
          range.start.line,
          range.start.column,
          range.end.line,
          range.end.column,
        ]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('--no-error-on-non-template', () => {
  it('skips a named file that is not a template', () => {
    const run = cli(['--no-error-on-non-template', NOT_TEMPLATE]);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  it('still lints the named templates', () => {
    const directory = folder({ 'ecs-pool.json': FIXABLE, 'ecs-package.json': NOT_TEMPLATE });
    const results = lintJson(['--no-error-on-non-template', 'ecs-package.json', 'ecs-pool.json'], directory);
    expect(results.map((r) => r.filePath)).toEqual(['ecs-pool.json']);
    expect(results[0]!.errorCount).toBeGreaterThan(0);
  });

  it('skips a named UTF-16 file that is not a template', () => {
    const directory = folder();
    writeFileSync(path.join(directory, 'ecs.json'), utf16le(readFileSync(NOT_TEMPLATE, 'utf8')));
    const run = cli(['--no-error-on-non-template', 'ecs.json'], directory);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('still rejects a named UTF-16 template', () => {
    const directory = folder();
    writeFileSync(path.join(directory, 'ecs.json'), utf16le(readFileSync(CLEAN, 'utf8')));
    const run = cli(['--no-error-on-non-template', 'ecs.json'], directory);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'prefect-ecs-lint: ecs.json is not UTF-8 text (UTF-16 little-endian, with a byte order mark); save it as UTF-8.\n',
    );
  });
});

describe('pre-commit hooks', () => {
  interface Hook {
    id: string;
    entry: string;
    files: string;
    types: string[];
  }

  const hooks = parseYaml(readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  /**
   * pre-commit matches `files` with Python's re.search. JavaScript has no
   * leading `(?i)`, so the test strips it and sets the `i` flag; the rest
   * of the pattern means the same in both.
   */
  function filesPattern(hook: Hook): RegExp {
    expect(hook.files.startsWith('(?i)')).toBe(true);
    return new RegExp(hook.files.slice('(?i)'.length), 'i');
  }

  it('defines the lint and fix hooks', () => {
    expect(hooks.map((hook) => hook.id)).toEqual(['prefect-ecs-lint', 'prefect-ecs-lint-fix']);
    expect(hooks.map((hook) => hook.entry)).toEqual([
      'prefect-ecs-lint --no-error-on-non-template',
      'prefect-ecs-lint --fix --no-error-on-non-template',
    ]);
    for (const hook of hooks) {
      expect(hook.types).toEqual(['json']);
    }
  });

  it.each([
    ['ecs/pool.json', true],
    ['ECS-pool.json', true],
    ['infra/ecs/work-pools/prod.json', true],
    ['infra/Work_Pools/prod.json', true],
    ['pools/WorkPool.json', true],
    ['job-template.json', true],
    ['templates/job_template/base.json', true],
    ['JobTemplate.json', true],
    ['prefect-ecs.json', true],
    ['my_ecs_pool.json', true],
    ['ecs2/pool.json', true],
    ['specs/data.json', false],
    ['codecs.json', false],
    ['package.json', false],
    ['ecs/pool.yaml', false],
    ['ecs.json.bak', false],
  ])('file pattern on %s is %s', (file, matches) => {
    for (const hook of hooks) {
      expect(filesPattern(hook).test(file), hook.id).toBe(matches);
    }
  });

  it('lint entry passes a staged non-template', () => {
    const directory = folder({ 'ecs/pool.json': CLEAN, 'ecs/package.json': NOT_TEMPLATE });
    const [, ...entryArgs] = hooks[0]!.entry.split(' ');
    const run = cli([...entryArgs, 'ecs/package.json', 'ecs/pool.json'], directory);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  it('fix entry fixes templates and leaves other files', () => {
    const directory = folder({ 'ecs/pool.json': FIXABLE, 'ecs/package.json': NOT_TEMPLATE });
    const [, ...entryArgs] = hooks[1]!.entry.split(' ');
    const run = cli([...entryArgs, 'ecs/package.json', 'ecs/pool.json'], directory);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('prefect-ecs-lint: applied 2 fixes.\n');
    expect(readFileSync(path.join(directory, 'ecs', 'pool.json'), 'utf8')).toBe(readFileSync(CLEAN, 'utf8'));
    expect(readFileSync(path.join(directory, 'ecs', 'package.json'), 'utf8')).toBe(readFileSync(NOT_TEMPLATE, 'utf8'));
  });
});

describe('patterns with no template', () => {
  const allowHint = 'or pass --no-error-on-unmatched-pattern to allow none.';

  it('exits 2 on an empty folder', () => {
    const run = cli(['.'], folder());
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      "prefect-ecs-lint: No Prefect ECS templates were found in '.' (JSON files with job_configuration and variables, or work pool objects). Name the folder that contains the templates, " +
        `${allowHint}\n`,
    );
  });

  it('exits 2 on a folder of other JSON', () => {
    const run = cli(['config'], folder({ 'config/package.json': NOT_TEMPLATE }));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("No Prefect ECS templates were found in 'config'");
  });

  it('exits 2 with no arguments and no template', () => {
    const run = cli([], folder({ 'package.json': NOT_TEMPLATE }));
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'prefect-ecs-lint: No Prefect ECS templates were found under the current folder. Name the template files or the folder that contains them, ' +
        `${allowHint}\n`,
    );
  });

  it('names the first empty pattern', () => {
    const directory = folder({ 'pools/clean.json': CLEAN });
    mkdirSync(path.join(directory, 'empty'));
    const run = cli(['pools', 'empty'], directory);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("No Prefect ECS templates were found in 'empty'");
  });

  it.each([
    ['an empty folder', ['.']],
    ['no arguments', []],
    ['an unmatched glob', ['nowhere/*.json']],
    ['a missing file', ['missing.json']],
  ])('allows %s with --no-error-on-unmatched-pattern', (_name, args) => {
    const run = cli(['--no-error-on-unmatched-pattern', ...args], folder({ 'package.json': NOT_TEMPLATE }));
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('');
  });

  it('lints the other patterns with --no-error-on-unmatched-pattern', () => {
    const directory = folder({ 'pools/clean.json': CLEAN });
    mkdirSync(path.join(directory, 'empty'));
    const results = lintJson(['--no-error-on-unmatched-pattern', 'empty', 'pools'], directory);
    expect(results.map((r) => r.filePath)).toEqual([path.join('pools', 'clean.json')]);
  });
});

describe('symbolic links', () => {
  const posixOnly = process.platform === 'win32' ? it.skip : it;

  posixOnly('--fix writes through a link and keeps it', () => {
    const directory = folder({ 'shared/pool.json': FIXABLE });
    mkdirSync(path.join(directory, 'pools'));
    const link = path.join(directory, 'pools', 'ecs-pool.json');
    symlinkSync(path.join('..', 'shared', 'pool.json'), link);

    const run = cli(['--fix', path.join('pools', 'ecs-pool.json')], directory);

    expect(run.status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('..', 'shared', 'pool.json'));
    expect(readFileSync(path.join(directory, 'shared', 'pool.json'), 'utf8')).toBe(readFileSync(CLEAN, 'utf8'));
    expect(readdirSync(path.join(directory, 'pools'))).toEqual(['ecs-pool.json']);
    expect(readdirSync(path.join(directory, 'shared'))).toEqual(['pool.json']);
  });

  posixOnly('a folder scan does not follow a link loop', () => {
    const directory = folder({ 'pools/clean.json': CLEAN });
    symlinkSync('..', path.join(directory, 'pools', 'loop'));
    const results = lintJson(['.'], directory);
    expect(results.map((r) => r.filePath)).toEqual([path.join('pools', 'clean.json')]);
  });

  posixOnly('a folder scan skips linked folders and keeps linked files', () => {
    const directory = folder({ 'pools/clean.json': CLEAN });
    symlinkSync('pools', path.join(directory, 'linked-pools'));
    symlinkSync(path.join('pools', 'clean.json'), path.join(directory, 'ecs-link.json'));
    const results = lintJson(['.'], directory);
    expect(results.map((r) => r.filePath)).toEqual(['ecs-link.json', path.join('pools', 'clean.json')]);
  });

  posixOnly('a named linked folder is scanned', () => {
    const directory = folder({ 'pools/clean.json': CLEAN });
    symlinkSync('pools', path.join(directory, 'linked-pools'));
    const results = lintJson(['linked-pools'], directory);
    expect(results.map((r) => r.filePath)).toEqual([path.join('linked-pools', 'clean.json')]);
  });
});

/** Encodes text as UTF-16 little-endian with a byte order mark. */
function utf16le(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** Encodes text as UTF-16 big-endian, with a byte order mark unless `bom` is false. */
function utf16be(text: string, bom = true): Buffer {
  const bytes = Buffer.from(text, 'utf16le').swap16();
  return bom ? Buffer.concat([Buffer.from([0xfe, 0xff]), bytes]) : bytes;
}

/** Encodes the fixable template as Latin-1, with a "café" member on line 11, so it is not UTF-8. */
function latin1Template(): Buffer {
  const text = readFileSync(FIXABLE, 'utf8');
  const lines = text.split('\n');
  expect(lines[10]).toBe('          "image": "{{ image }}",');
  lines[10] = '          "image": "{{ image }}", "x-note": "café",';
  return Buffer.from(lines.join('\n'), 'latin1');
}

describe('file encodings', () => {
  it.each([
    ['UTF-16 LE with a BOM', utf16le, 'UTF-16 little-endian, with a byte order mark'],
    ['UTF-16 BE with a BOM', (text: string) => utf16be(text), 'UTF-16 big-endian, with a byte order mark'],
    ['UTF-16 BE without a BOM', (text: string) => utf16be(text, false), 'UTF-16 big-endian, without a byte order mark'],
  ])('rejects a named %s file', (_name, encode, reason) => {
    const directory = folder();
    writeFileSync(path.join(directory, 'pool.json'), encode(readFileSync(CLEAN, 'utf8')));
    const run = cli(['pool.json'], directory);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`prefect-ecs-lint: pool.json is not UTF-8 text (${reason}); save it as UTF-8.\n`);
  });

  it('rejects named invalid UTF-8 and names the line', () => {
    const directory = folder();
    writeFileSync(path.join(directory, 'pool.json'), latin1Template());
    const run = cli(['pool.json'], directory);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'prefect-ecs-lint: pool.json is not UTF-8 text (invalid UTF-8 byte sequence on line 11); save it as UTF-8.\n',
    );
  });

  it('rejects a UTF-16 template found in a folder', () => {
    const directory = folder({ 'clean.json': CLEAN });
    writeFileSync(path.join(directory, 'pool.json'), utf16le(readFileSync(CLEAN, 'utf8')));
    const run = cli(['.'], directory);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'prefect-ecs-lint: pool.json is not UTF-8 text (UTF-16 little-endian, with a byte order mark); save it as UTF-8.\n',
    );
  });

  it('skips other non-UTF-8 JSON found in a folder', () => {
    const directory = folder({ 'clean.json': CLEAN });
    writeFileSync(path.join(directory, 'package.json'), utf16le(readFileSync(NOT_TEMPLATE, 'utf8')));
    writeFileSync(path.join(directory, 'names.json'), Buffer.from('{"name": "café"}\n', 'latin1'));
    const results = lintJson(['.'], directory);
    expect(results.map((r) => r.filePath)).toEqual(['clean.json']);
  });

  it('--fix rewrites nothing when a template is not UTF-8', () => {
    const directory = folder({ 'fixable.json': FIXABLE });
    const latin1 = latin1Template();
    writeFileSync(path.join(directory, 'latin1.json'), latin1);
    const run = cli(['--fix', '.'], directory);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('latin1.json is not UTF-8 text (invalid UTF-8 byte sequence on line 11)');
    expect(readFileSync(path.join(directory, 'latin1.json'))).toEqual(latin1);
    expect(readFileSync(path.join(directory, 'fixable.json'), 'utf8')).toBe(readFileSync(FIXABLE, 'utf8'));
  });

  it('--fix keeps a UTF-8 byte order mark', () => {
    const directory = folder();
    const file = path.join(directory, 'pool.json');
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    writeFileSync(file, Buffer.concat([bom, readFileSync(FIXABLE)]));
    const run = cli(['--fix', 'pool.json'], directory);
    expect(run.status).toBe(0);
    expect(readFileSync(file)).toEqual(Buffer.concat([bom, readFileSync(CLEAN)]));
  });

  it('rejects a UTF-16 job-variables file', () => {
    const directory = folder();
    writeFileSync(path.join(directory, 'vars.json'), utf16le('{"cpu": 1024}\n'));
    const run = cli(['--job-variables', 'vars.json', CLEAN], directory);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `prefect-ecs-lint: ${path.join(directory, 'vars.json')} is not UTF-8 text (UTF-16 little-endian, with a byte order mark); save it as UTF-8.\n`,
    );
  });
});

describe('--stdin', () => {
  const fixable = (): string => readFileSync(FIXABLE, 'utf8');

  it('lints standard input as <stdin>', () => {
    const run = cliWithInput(['--stdin'], fixable());
    expect(run.status).toBe(1);
    expect(run.stdout.split('\n')[1]).toBe('<stdin>');
    expect(run.stdout).toMatch(/^ {2}16:7 +error +.+ valid-placeholder$/m);
  });

  it('shows --stdin-filename in results', () => {
    const run = cliWithInput(['--stdin', '--stdin-filename', 'pools/ecs.json', '--format', 'json'], fixable());
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as LintResult[];
    expect(results.map((r) => r.filePath)).toEqual(['pools/ecs.json']);
    expect(results[0]!.fixableErrorCount).toBe(2);
  });

  it('puts the fixed text in output with --fix-dry-run', () => {
    const run = cliWithInput(['--stdin', '--fix-dry-run', '--format', 'json'], fixable());
    expect(run.status).toBe(0);
    const results = JSON.parse(run.stdout) as LintResult[];
    expect(results[0]!.output).toBe(readFileSync(CLEAN, 'utf8'));
  });

  it('skips other input with --no-error-on-non-template', () => {
    const run = cliWithInput(['--stdin', '--no-error-on-non-template', '--format', 'json'], '{"name": "app"}\n');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('[]\n');
  });

  it.each([
    ['--fix', ['--stdin', '--fix'], '{}', ['--fix cannot write to standard input', 'Use --fix-dry-run with --format json']],
    ['a file pattern', ['--stdin', 'pool.json'], '{}', ["name no files with it (got 'pool.json')"]],
    ['--stdin-filename alone', ['--stdin-filename', 'pool.json', CLEAN], '', ['--stdin-filename names the template read with --stdin']],
    ['input that is not a template', ['--stdin'], '{"name": "app"}', ['<stdin> is not a Prefect ECS base job template or ECS work pool']],
  ])('exits 2 on %s', (_name, args, input, fragments) => {
    const run = cliWithInput(args, input);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    for (const fragment of fragments) {
      expect(run.stderr).toContain(fragment);
    }
  });

  it('exits 2 on UTF-16 input', () => {
    const run = cliWithInput(['--stdin'], utf16le(fixable()));
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'prefect-ecs-lint: Standard input is not UTF-8 text (UTF-16 little-endian, with a byte order mark); send UTF-8.\n',
    );
  });
});

describe('output safety and fix failures', () => {
  it('escapes control characters from a template', () => {
    const directory = folder();
    const template = JSON.parse(readFileSync(CLEAN, 'utf8')) as { variables: { properties: Record<string, { default?: unknown }> } };
    template.variables.properties.family!.default = 'pool\u001b[2J\u202e';
    writeFileSync(path.join(directory, 'pool.json'), JSON.stringify(template, null, 2));
    const run = cli(['pool.json'], directory);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('"pool\\u{001B}[2J\\u{202E}"');
    expect(run.stdout).not.toMatch(/[\u001b\u202e]/);
  });

  it('prints a fix failure once per file', () => {
    const directory = folder();
    // Two "family" keys: the fix edits the text of the first, but the value
    // comes from the last, so it fails in every pass, while the cluster fix
    // succeeds and makes a second pass.
    const text = readFileSync(FIXABLE, 'utf8').replace(
      '"family": " {{ family }}",',
      '"family": " {{ family }}",\n      "family": "{{ family }} ",',
    );
    writeFileSync(path.join(directory, 'pool.json'), text);
    const run = cli(['--fix-dry-run', 'pool.json'], directory);
    const failures = run.stderr.split('\n').filter((line) => line.includes('a fix from valid-placeholder was not applied'));
    expect(failures).toHaveLength(1);
    expect(failures[0]!.startsWith('prefect-ecs-lint: pool.json: a fix from valid-placeholder was not applied: ')).toBe(true);
  });
});

describe('option values', () => {
  it('--rule accepts warning for warn', () => {
    const results = lintJson(['--rule', 'valid-placeholder:warning', FIXABLE]);
    const severities = results[0]!.messages.filter((m) => m.ruleId === 'valid-placeholder').map((m) => m.severity);
    expect(severities).toEqual([1, 1]);
  });

  it('--rule suggests the closest rule id', () => {
    const run = cli(['--rule', 'valid-tag:off', CLEAN]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'prefect-ecs-lint: Unknown rule "valid-tag" in --rule. Did you mean "valid-tags"? docs/rules/ and the README list the rules.\n',
    );
  });

  it('--rule without a close id only points at the list', () => {
    const run = cli(['--rule', 'no-such-rule:off', CLEAN]);
    expect(run.stderr).toBe('prefect-ecs-lint: Unknown rule "no-such-rule" in --rule. docs/rules/ and the README list the rules.\n');
  });

  it.each(['0.3.0', '0.2.9', '0.1.0'])('--prefect-aws rejects %s', (version) => {
    const run = cli(['--prefect-aws', version, CLEAN]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `prefect-ecs-lint: Invalid --prefect-aws "${version}": the ECS worker first shipped in prefect-aws 0.3.1; give 0.3.1 or later.\n`,
    );
  });

  it('--prefect-aws accepts 0.3.1', () => {
    const results = lintJson(['--prefect-aws', '0.3.1', CLEAN]);
    expect(results[0]!.target).toEqual({ kind: 'hybrid', prefectAws: '0.3.1' });
  });
});

describe('--max-warnings message', () => {
  let template: string;

  beforeAll(() => {
    template = path.join(folder(), 'template.json');
    writeFileSync(template, cli(['init']).stdout);
  });

  it('says how many warnings were found', () => {
    const run = cli(['--max-warnings', '0', template]);
    expect(run.status).toBe(1);
    expect(run.stderr).toBe('prefect-ecs-lint: 1 warning found, more than --max-warnings 0 allows.\n');
  });

  it('is printed with --quiet', () => {
    const run = cli(['--quiet', '--max-warnings', '0', template]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('prefect-ecs-lint: 1 warning found, more than --max-warnings 0 allows.\n');
  });

  it('counts warnings in plural', () => {
    const directory = folder();
    writeFileSync(path.join(directory, 'a.json'), readFileSync(template));
    writeFileSync(path.join(directory, 'b.json'), readFileSync(template));
    const run = cli(['--max-warnings', '1', '.'], directory);
    expect(run.stderr).toBe('prefect-ecs-lint: 2 warnings found, more than --max-warnings 1 allows.\n');
  });

  it('is silent within the limit', () => {
    const run = cli(['--max-warnings', '1', template]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('--work-pool with prefect.yaml', () => {
  const prefectYaml = [
    'deployments:',
    '  - name: etl',
    '    work_pool:',
    '      name: ecs-prod',
    '      job_variables:',
    '        cpu: 2048',
    '        memory: 4096',
    '  - name: report',
    '    work_pool:',
    '      name: ecs-staging',
    '      job_variables:',
    '        cpu: 1024',
    '        memory: 2048',
    '',
  ].join('\n');

  function project(yaml = prefectYaml): string {
    const directory = folder({ 'pool.json': CLEAN });
    writeFileSync(path.join(directory, 'prefect.yaml'), yaml);
    return directory;
  }

  it('notes the pools the deployments name', () => {
    const run = cli(['--work-pool', 'ecs-pord', '--job-variables', 'prefect.yaml', 'pool.json'], project());
    expect(run.status).toBe(0);
    expect(run.stderr).toBe(
      'prefect-ecs-lint: note: no prefect.yaml deployment with job variables names work pool "ecs-pord" (given with --work-pool); those deployments name "ecs-prod", "ecs-staging". Deployments of other pools add no scenario.\n',
    );
  });

  it('gives no note when a deployment names the pool', () => {
    const run = cli(['--work-pool', 'ecs-prod', '--job-variables', 'prefect.yaml', 'pool.json'], project());
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('gives no note without --work-pool', () => {
    const run = cli(['--job-variables', 'prefect.yaml', 'pool.json'], project());
    expect(run.stderr).toBe('');
  });

  it('notes deployments without job variables', () => {
    const yaml = 'deployments:\n  - name: etl\n    work_pool:\n      name: ecs-prod\n';
    const directory = project(yaml);
    copyFileSync(FIXABLE, path.join(directory, 'fixable.json'));

    const clean = cli(['--job-variables', 'prefect.yaml', 'pool.json'], directory);
    expect(clean.status).toBe(0);
    expect(clean.stderr).toBe(
      'prefect-ecs-lint: note: prefect.yaml: no deployment has work_pool.job_variables, so it adds no scenario.\n',
    );

    const fixable = cli(['--job-variables', 'prefect.yaml', 'fixable.json'], directory);
    expect(fixable.status).toBe(1);
    expect(fixable.stdout).toContain('valid-placeholder');
  });

  it('rejects a YAML file without deployments', () => {
    const run = cli(['--job-variables', 'prefect.yaml', 'pool.json'], project('name: my-project\n'));
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'prefect-ecs-lint: prefect.yaml has no deployments list, so it is not a prefect.yaml. Give the prefect.yaml that defines the deployments.\n',
    );
  });
});
