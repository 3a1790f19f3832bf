import { promises as fs } from 'node:fs';
import path from 'node:path';

import { classifyDocument } from '../model/template.js';
import { UsageError } from './errors.js';
import { decodeUtf8, notUtf8Message } from './text.js';

export interface LintTarget {
  /** Absolute path. */
  path: string;
  text: string;
}

export interface ResolveOptions {
  /** Exit 2 when a named file is not a template; pre-commit hooks turn this off. */
  errorOnNonTemplate: boolean;
  /** Exit 2 when a folder, glob or the default folder contains no template. */
  errorOnUnmatchedPattern: boolean;
}

const IGNORED_DIRECTORIES = ['**/node_modules/**', '**/.git/**'];

const ALLOW_EMPTY_HINT = 'or pass --no-error-on-unmatched-pattern to allow none';

/**
 * Resolves file, directory and glob arguments to the files to lint. A file
 * named on the command line must be a template or work pool unless
 * `errorOnNonTemplate` is off. JSON files found through a directory or
 * glob that are neither are skipped, as are unparseable ones that do not
 * mention a template key. Each folder or glob must yield a template unless
 * `errorOnUnmatchedPattern` is off.
 */
export async function resolveLintTargets(
  patterns: readonly string[],
  cwd: string,
  options: ResolveOptions,
): Promise<LintTarget[]> {
  const targets: LintTarget[] = [];
  const seen = new Set<string>();
  const resolved: LintTarget[] = [];
  if (patterns.length === 0) {
    resolved.push(...(await resolveDefaultFolder(cwd, options)));
  }
  // One pattern at a time, so the first failing pattern is the one reported.
  for (const pattern of patterns) {
    resolved.push(...(await resolvePattern(pattern, cwd, options)));
  }
  for (const target of resolved) {
    if (!seen.has(target.path)) {
      seen.add(target.path);
      targets.push(target);
    }
  }
  return targets;
}

async function resolveDefaultFolder(cwd: string, options: ResolveOptions): Promise<LintTarget[]> {
  const targets = await findTemplates(`${await globBase(cwd)}/**/*.json`, cwd);
  if (targets.length === 0 && options.errorOnUnmatchedPattern) {
    throw new UsageError(
      `No Prefect ECS templates were found under the current folder. Name the template files or the folder that contains them, ${ALLOW_EMPTY_HINT}.`,
    );
  }
  return targets;
}

async function resolvePattern(pattern: string, cwd: string, options: ResolveOptions): Promise<LintTarget[]> {
  const absolute = path.resolve(cwd, pattern);
  const stats = await fs.stat(absolute).catch(() => undefined);
  if (stats?.isFile()) {
    const target = await readCandidate(absolute, pattern, options.errorOnNonTemplate);
    return target ? [target] : [];
  }
  const { default: fastGlob } = await import('fast-glob');
  if (stats?.isDirectory()) {
    const targets = await findTemplates(`${await globBase(absolute)}/**/*.json`, cwd);
    if (targets.length === 0 && options.errorOnUnmatchedPattern) {
      throw new UsageError(
        `No Prefect ECS templates were found in '${pattern}' (JSON files with job_configuration and variables, or work pool objects). Name the folder that contains the templates, ${ALLOW_EMPTY_HINT}.`,
      );
    }
    return targets;
  }
  if (!fastGlob.isDynamicPattern(pattern)) {
    if (!options.errorOnUnmatchedPattern) {
      return [];
    }
    throw new UsageError(`No files matching '${pattern}' were found. Check the path, or quote a glob pattern.`);
  }
  const targets = await findTemplates(pattern, cwd);
  if (targets.length === 0 && options.errorOnUnmatchedPattern) {
    throw new UsageError(
      `No Prefect ECS templates matching '${pattern}' were found. Check the pattern, or name the folder that contains the templates, ${ALLOW_EMPTY_HINT}.`,
    );
  }
  return targets;
}

/** fast-glob is loaded only for folders and patterns, to keep start-up short. */
async function globBase(directory: string): Promise<string> {
  const { default: fastGlob } = await import('fast-glob');
  return fastGlob.convertPathToPattern(directory);
}

/**
 * Lists the templates a glob matches. Symbolic links to folders are not
 * followed, so a link back to a parent folder cannot list a file again and
 * again. Links to files are kept.
 */
async function findTemplates(globPattern: string, cwd: string): Promise<LintTarget[]> {
  const { default: fastGlob } = await import('fast-glob');
  // With followSymbolicLinks off, fast-glob reports a link to a file as a
  // link and onlyFiles would drop it, so files are picked out with stat.
  const entries = await fastGlob(globPattern, {
    cwd,
    absolute: true,
    ignore: IGNORED_DIRECTORIES,
    onlyFiles: false,
    followSymbolicLinks: false,
  });
  const targets: LintTarget[] = [];
  for (const file of entries.sort()) {
    const stats = await fs.stat(file).catch(() => undefined);
    if (!stats?.isFile()) {
      continue;
    }
    const target = await readCandidate(file, displayName(file, cwd), false);
    if (target) {
      targets.push(target);
    }
  }
  return targets;
}

/**
 * Reads a file that may be a template. With `required`, a file that is
 * not one is a usage error; otherwise it is skipped. A file that is not
 * UTF-8 is an error when it is required or looks like a template, so a
 * template saved as UTF-16 is never skipped silently.
 */
async function readCandidate(file: string, name: string, required: boolean): Promise<LintTarget | undefined> {
  const decoded = decodeUtf8(await readBytes(file));
  if (!decoded.ok) {
    if (required || mentionsTemplateKey(decoded.lenientText)) {
      throw new UsageError(notUtf8Message(name, decoded.reason));
    }
    return undefined;
  }
  if (looksLikeTemplate(decoded.text)) {
    return { path: file, text: decoded.text };
  }
  if (required) {
    throw new UsageError(notATemplateMessage(name));
  }
  return undefined;
}

/** Formats the usage error for input that is not a template, ending with `advice` on what to do instead. */
export function notATemplateMessage(
  name: string,
  advice = 'Name only template files, pass its folder to lint what it contains, or pass --no-error-on-non-template to skip such files.',
): string {
  return `${name} is not a Prefect ECS base job template or ECS work pool: it has no job_configuration, variables or base_job_template key, or it belongs to another worker type. ${advice}`;
}

/** Reads a file strictly as UTF-8 text; a file that is not UTF-8 is a usage error. */
export async function readText(file: string): Promise<string> {
  const decoded = decodeUtf8(await readBytes(file));
  if (!decoded.ok) {
    throw new UsageError(notUtf8Message(file, decoded.reason));
  }
  return decoded.text;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`Cannot read ${file} (${code}). Check that the file exists and is readable.`);
  }
}

function displayName(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') ? relative : file;
}

/**
 * A file is linted when it parses to a template or work pool, or when it
 * does not parse but mentions a template key, so a broken template still
 * gets its parsing error.
 */
export function looksLikeTemplate(text: string): boolean {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return classifyDocument(JSON.parse(withoutBom)) !== 'unknown';
  } catch {
    return /"(job_configuration|base_job_template)"\s*:/.test(withoutBom);
  }
}

function mentionsTemplateKey(text: string): boolean {
  return /job_configuration|base_job_template/.test(text);
}
