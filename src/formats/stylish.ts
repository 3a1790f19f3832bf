import type { LintMessage, LintResult } from '../linter/lint.js';

export interface FormatOptions {
  color?: boolean;
  /** Working directory that file paths are shown relative to; absolute paths when omitted. */
  cwd?: string;
}

const SEVERITY_LABEL = { 0: 'info', 1: 'warning', 2: 'error' } as const;

/**
 * Formats results the way ESLint's default `stylish` formatter does: one
 * block per file with problems, `line:column  severity  message  rule`,
 * and a summary with counts and how many problems `--fix` can fix.
 */
export function formatStylish(results: readonly LintResult[], options: FormatOptions = {}): string {
  const paint = painter(options.color ?? false);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;

  for (const result of results) {
    errors += result.errorCount;
    warnings += result.warningCount;
    infos += result.infoCount;
    fixableErrors += result.fixableErrorCount;
    fixableWarnings += result.fixableWarningCount;
    if (result.messages.length === 0) {
      continue;
    }
    lines.push('', paint.underline(escapeForTerminal(result.filePath)));
    const rows = result.messages.map((message) => formatRow(message, paint));
    const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => visibleLength(row[column] ?? ''))));
    for (const row of rows) {
      // The position column is right-aligned, as ESLint prints it.
      const cells = row
        .slice(0, 3)
        .map((cell, column) => (column === 0 ? padStart(cell, widths[0] ?? 0) : pad(cell, widths[column] ?? 0)));
      lines.push(`  ${cells.join('  ')}  ${row[3] ?? ''}`.trimEnd());
    }
  }

  const total = errors + warnings + infos;
  if (total === 0) {
    return '';
  }
  const summaryParts = [`${errors} ${plural(errors, 'error')}`, `${warnings} ${plural(warnings, 'warning')}`];
  if (infos > 0) {
    summaryParts.push(`${infos} info`);
  }
  const mark = errors > 0 ? paint.red('✖') : paint.yellow('✖');
  lines.push('', `${mark} ${total} ${plural(total, 'problem')} (${summaryParts.join(', ')})`);
  if (fixableErrors + fixableWarnings > 0) {
    lines.push(
      `  ${fixableErrors} ${plural(fixableErrors, 'error')} and ${fixableWarnings} ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`,
    );
  }
  return lines.join('\n') + '\n';
}

type Painter = Record<'red' | 'yellow' | 'blue' | 'dim' | 'underline', (text: string) => string>;

function formatRow(message: LintMessage, paint: Painter): string[] {
  const severity = SEVERITY_LABEL[message.severity];
  const colored =
    message.severity === 2 ? paint.red(severity) : message.severity === 1 ? paint.yellow(severity) : paint.blue(severity);
  let text = message.message;
  if (message.scenario !== undefined) {
    text += ` (scenario: ${message.scenario}`;
    const source = message.source;
    if (source?.filePath && source.line !== undefined) {
      text += `, ${source.filePath}:${source.line}:${source.column ?? 1}`;
    }
    text += ')';
  }
  return [
    paint.dim(`${message.line}:${message.column}`),
    colored,
    escapeForTerminal(text),
    paint.dim(escapeForTerminal(message.ruleId ?? '')),
  ];
}

/**
 * C0 controls, DEL, C1 controls, and the bidirectional embedding, override
 * and isolate characters (U+202A to U+202E, U+2066 to U+2069). Messages
 * quote values from templates, and a terminal would act on the controls
 * (escape sequences, carriage returns) or reorder the text around the
 * bidirectional characters.
 */
const TERMINAL_UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Replaces terminal-unsafe characters with visible escapes such as `\u{001B}`. */
function escapeForTerminal(text: string): string {
  return text.replace(TERMINAL_UNSAFE_CHARACTERS, (character) => {
    const code = character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return `\\u{${code}}`;
  });
}

function painter(enabled: boolean): Painter {
  const wrap = (open: number, close: number) => (text: string) =>
    enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  return { red: wrap(31, 39), yellow: wrap(33, 39), blue: wrap(34, 39), dim: wrap(2, 22), underline: wrap(4, 24) };
}

function visibleLength(text: string): number {
  return text.replace(/\u001b\[\d+m/g, '').length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - visibleLength(text)));
}

function padStart(text: string, width: number): string {
  return ' '.repeat(Math.max(0, width - visibleLength(text))) + text;
}

function plural(count: number, word: string): string {
  return count === 1 ? word : `${word}s`;
}
