import { promises as fs } from 'node:fs';
import path from 'node:path';

import { classifyDocument } from '../model/template.js';
import { UsageError } from './errors.js';

export interface LintTarget {
  /** Absolute path. */
  path: string;
  text: string;
}

const IGNORED_DIRECTORIES = ['**/node_modules/**', '**/.git/**'];

/**
 * Resolves file, directory and glob arguments to the files to lint. A file
 * named on the command line must be a template or work pool; JSON files
 * found through a directory or glob that are neither are skipped, as are
 * unparseable ones that do not mention a template key.
 */
export async function resolveLintTargets(patterns: readonly string[], cwd: string): Promise<LintTarget[]> {
  const targets: LintTarget[] = [];
  const seen = new Set<string>();
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    const found = await resolvePattern(pattern, cwd);
    for (const target of found) {
      if (!seen.has(target.path)) {
        seen.add(target.path);
        targets.push(target);
      }
    }
  }
  return targets;
}

async function resolvePattern(pattern: string, cwd: string): Promise<LintTarget[]> {
  const absolute = path.resolve(cwd, pattern);
  const stats = await fs.stat(absolute).catch(() => undefined);
  if (stats?.isFile()) {
    return [await readNamedFile(absolute, pattern)];
  }
  // fast-glob is loaded only for folders and patterns, to keep start-up short.
  const { default: fastGlob } = await import('fast-glob');
  const globPattern = stats?.isDirectory()
    ? `${fastGlob.convertPathToPattern(absolute)}/**/*.json`
    : fastGlob.isDynamicPattern(pattern)
      ? pattern
      : undefined;
  if (globPattern === undefined) {
    throw new UsageError(`No files matching '${pattern}' were found. Check the path, or quote a glob pattern.`);
  }
  const files = await fastGlob(globPattern, { cwd, absolute: true, ignore: IGNORED_DIRECTORIES, onlyFiles: true });
  const targets: LintTarget[] = [];
  for (const file of files.sort()) {
    const text = await readText(file);
    if (looksLikeTemplate(text)) {
      targets.push({ path: file, text });
    }
  }
  if (targets.length === 0 && !stats?.isDirectory()) {
    throw new UsageError(
      `No Prefect ECS templates matching '${pattern}' were found. Check the pattern, or name the folder that holds the templates.`,
    );
  }
  return targets;
}

async function readNamedFile(file: string, pattern: string): Promise<LintTarget> {
  const text = await readText(file);
  if (!looksLikeTemplate(text)) {
    throw new UsageError(
      `${pattern} is not a Prefect base job template or work pool: it has no job_configuration, variables or base_job_template key. Name only template files, or pass its folder to lint what it holds.`,
    );
  }
  return { path: file, text };
}

export async function readText(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`Cannot read ${file} (${code}). Check that the file exists and is readable.`);
  }
}

/**
 * A file is linted when it parses to a template or work pool, or when it
 * does not parse but mentions a template key, so a broken template still
 * gets its parsing error.
 */
function looksLikeTemplate(text: string): boolean {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return classifyDocument(JSON.parse(withoutBom)) !== 'unknown';
  } catch {
    return /"(job_configuration|base_job_template)"\s*:/.test(withoutBom);
  }
}
