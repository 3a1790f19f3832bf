import { describe, expect, it } from 'vitest';

import { formatResults, formatStylish } from '../../src/formats/index.js';
import type { LintMessage, LintResult } from '../../src/linter/lint.js';

function result(filePath: string, messages: LintMessage[]): LintResult {
  const count = (severity: number, fixable = false): number =>
    messages.filter((m) => m.severity === severity && (!fixable || m.fix !== undefined)).length;
  return {
    filePath,
    messages,
    errorCount: count(2),
    fatalErrorCount: messages.filter((m) => m.fatal).length,
    warningCount: count(1),
    infoCount: count(0),
    fixableErrorCount: count(2, true),
    fixableWarningCount: count(1, true),
    suppressedMessages: [],
    usedDeprecatedRules: [],
    target: { kind: 'hybrid', prefectAws: '0.7.11' },
  };
}

const error: LintMessage = {
  ruleId: 'valid-placeholder',
  severity: 2,
  message: 'First problem.',
  line: 3,
  column: 7,
  pointer: '/job_configuration/cpu',
  fix: { patch: [{ op: 'replace', path: '/job_configuration/cpu', value: '{{ cpu }}' }] },
};

const warning: LintMessage = {
  ruleId: 'no-unused-variable',
  severity: 1,
  message: 'Second problem.',
  line: 12,
  column: 15,
  pointer: '/variables/properties/x',
  scenario: 'deploy',
  source: { filePath: 'jobs/deploy.json', scenario: 'deploy', pointer: '/cpu', line: 2, column: 3 },
};

const info: LintMessage = {
  ruleId: 'valid-network-configuration',
  severity: 0,
  message: 'Third',
  line: 1,
  column: 1,
  pointer: '',
};

describe('formatStylish layout', () => {
  it('prints aligned blocks and a summary', () => {
    const output = formatStylish([result('template.json', [error, warning, info])]);
    expect(output).toBe(
      [
        '',
        'template.json',
        '    3:7  error    First problem.                                            valid-placeholder',
        '  12:15  warning  Second problem. (scenario: deploy, jobs/deploy.json:2:3)  no-unused-variable',
        '    1:1  info     Third                                                     valid-network-configuration',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '  1 error and 0 warnings potentially fixable with the `--fix` option.',
        '',
      ].join('\n'),
    );
  });

  it('skips files without messages and counts every file', () => {
    const output = formatStylish([
      result('clean.json', []),
      result('a.json', [error]),
      result('b.json', [{ ...error, line: 9, fix: undefined }]),
    ]);
    expect(output).not.toContain('clean.json');
    expect(output).toContain('\na.json\n');
    expect(output).toContain('\nb.json\n');
    expect(output).toContain('✖ 2 problems (2 errors, 0 warnings)\n');
    expect(output).toContain('  1 error and 0 warnings potentially fixable with the `--fix` option.\n');
  });

  it('prints nothing when there are no problems', () => {
    expect(formatStylish([])).toBe('');
    expect(formatStylish([result('clean.json', [])])).toBe('');
  });

  it('uses singular words for one problem', () => {
    const output = formatStylish([result('a.json', [{ ...error, fix: undefined }])]);
    expect(output).toContain(' 1 problem (1 error, 0 warnings)\n');
    expect(output).not.toContain('potentially fixable');
  });

  it('counts fixable warnings', () => {
    const output = formatStylish([
      result('a.json', [
        { ...warning, scenario: undefined, source: undefined, fix: { patch: [] } },
        { ...warning, line: 13, scenario: undefined, source: undefined, fix: { patch: [] } },
      ]),
    ]);
    expect(output).toContain('2 problems (0 errors, 2 warnings)');
    expect(output).toContain('  0 errors and 2 warnings potentially fixable with the `--fix` option.');
  });

  it('leaves out the info count when there is none', () => {
    const output = formatStylish([result('a.json', [error, warning])]);
    expect(output).toContain('2 problems (1 error, 1 warning)\n');
  });

  it('names the scenario without a source file', () => {
    const output = formatStylish([result('a.json', [{ ...warning, source: undefined }])]);
    expect(output).toContain('Second problem. (scenario: deploy)  no-unused-variable');
  });

  it('prints a parsing error without a rule id', () => {
    const parsing: LintMessage = {
      ruleId: null,
      severity: 2,
      fatal: true,
      message: 'Parsing error: Expected a value, but the file ends.',
      line: 1,
      column: 1,
      pointer: '',
    };
    const output = formatStylish([result('broken.json', [parsing])]);
    expect(output.split('\n')[2]).toBe('  1:1  error  Parsing error: Expected a value, but the file ends.');
  });
});

describe('formatStylish colors', () => {
  const results = [result('template.json', [error, warning, info])];

  it('prints no escape codes when colors are off', () => {
    expect(formatStylish(results)).not.toContain('\u001b[');
    expect(formatStylish(results, { color: false })).not.toContain('\u001b[');
  });

  it('colors severities and underlines the file when colors are on', () => {
    const output = formatStylish(results, { color: true });
    expect(output).toContain('\u001b[4mtemplate.json\u001b[24m');
    expect(output).toContain('\u001b[31merror\u001b[39m');
    expect(output).toContain('\u001b[33mwarning\u001b[39m');
    expect(output).toContain('\u001b[34minfo\u001b[39m');
    expect(output).toContain('\u001b[2m3:7\u001b[22m');
  });

  it('aligns columns by visible width', () => {
    const plain = formatStylish(results).split('\n');
    const colored = formatStylish(results, { color: true })
      .split('\n')
      .map((line) => line.replace(/\u001b\[\d+m/g, ''));
    expect(colored).toEqual(plain);
  });
});

describe('formatStylish terminal safety', () => {
  function row(output: string): string {
    return output.split('\n')[2] ?? '';
  }

  it.each([
    ['an escape sequence', 'a\u001b[2Jb', 'a\\u{001B}[2Jb'],
    ['a carriage return', 'a\rb', 'a\\u{000D}b'],
    ['a newline and a tab', 'a\n\tb', 'a\\u{000A}\\u{0009}b'],
    ['a NUL', 'a\u0000b', 'a\\u{0000}b'],
    ['DEL', 'a\u007fb', 'a\\u{007F}b'],
    ['a C1 control sequence introducer', 'a\u009b31mb', 'a\\u{009B}31mb'],
    ['a right-to-left override', 'a\u202eb', 'a\\u{202E}b'],
    ['a left-to-right embedding', 'a\u202ab', 'a\\u{202A}b'],
    ['a first strong isolate and its pop', 'a\u2068b\u2069', 'a\\u{2068}b\\u{2069}'],
  ])('escapes %s in messages', (_name, value, escaped) => {
    const output = formatStylish([result('a.json', [{ ...error, message: `Family "${value}".` }])]);
    expect(row(output)).toBe(`  3:7  error  Family "${escaped}".  valid-placeholder`);
  });

  it('keeps other characters', () => {
    const message = 'Tag "caf\u00e9 \u00a0 \u200f \u{1f600}" is "\\u{0041}".';
    const output = formatStylish([result('a.json', [{ ...error, message }])]);
    expect(row(output)).toBe(`  3:7  error  ${message}  valid-placeholder`);
  });

  it('escapes file paths, scenarios and sources', () => {
    const output = formatStylish([
      result('pools/\u001b]0;title\u0007.json', [
        {
          ...warning,
          scenario: 'etl\u202e',
          source: { filePath: 'jobs/\u0085.json', scenario: 'etl\u202e', pointer: '/cpu', line: 2, column: 3 },
        },
      ]),
    ]);
    const lines = output.split('\n');
    expect(lines[1]).toBe('pools/\\u{001B}]0;title\\u{0007}.json');
    expect(lines[2]).toBe('  12:15  warning  Second problem. (scenario: etl\\u{202E}, jobs/\\u{0085}.json:2:3)  no-unused-variable');
  });

  it('aligns columns by the escaped text', () => {
    const output = formatStylish([
      result('a.json', [
        { ...error, message: '\u001b\u001b' },
        { ...error, line: 4, message: 'abc' },
      ]),
    ]);
    const lines = output.split('\n');
    expect(lines[2]).toBe('  3:7  error  \\u{001B}\\u{001B}  valid-placeholder');
    expect(lines[3]).toBe(`  4:7  error  abc${' '.repeat(13)}  valid-placeholder`);
  });

  it('leaves the json format unescaped', () => {
    const results = [result('a.json', [{ ...error, message: 'a\u001bb' }])];
    const parsed = JSON.parse(formatResults('json', results)) as LintResult[];
    expect(parsed[0]!.messages[0]!.message).toBe('a\u001bb');
  });
});

describe('formatResults', () => {
  it('picks the formatter by name', () => {
    const results = [result('a.json', [error])];
    expect(formatResults('stylish', results)).toBe(formatStylish(results));
    expect(formatResults('json', results)).toBe(JSON.stringify(results) + '\n');
  });
});
