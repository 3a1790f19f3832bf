import path from 'node:path';

import type { JobVariablesDocument } from '../linter/lint.js';
import { JsonDocument, JsonSyntaxError } from '../parse/json-document.js';
import { isPlainObject } from '../parse/pointer.js';
import { UsageError } from './errors.js';
import { readText } from './files.js';

export interface LoadJobVariablesOptions {
  /**
   * Receives notes about the file. Without it, a prefect.yaml whose
   * deployments have no job variables is a usage error. With it, that is
   * a note, and the file adds no scenario.
   */
  note?: (text: string) => void;
}

/** Tells whether a `--job-variables` file is read as a prefect.yaml (by its extension). */
export function isPrefectYamlFile(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

/**
 * Reads a `--job-variables` file: a JSON object of job variables (one
 * scenario named after the file), or a `prefect.yaml` (one scenario per
 * deployment with job variables, named after the deployment).
 */
export async function loadJobVariables(
  file: string,
  cwd: string,
  options: LoadJobVariablesOptions = {},
): Promise<JobVariablesDocument[]> {
  const absolute = path.resolve(cwd, file);
  const text = await readText(absolute);
  const relative = path.relative(cwd, absolute);
  const filePath = relative && !relative.startsWith('..') ? relative : absolute;
  if (isPrefectYamlFile(file)) {
    return await loadPrefectYaml(text, file, filePath, options);
  }
  let document: JsonDocument;
  try {
    document = JsonDocument.parse(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) {
      throw new UsageError(
        `${file}:${error.position.line}:${error.position.column}: invalid job variables file: ${error.message}`,
      );
    }
    throw error;
  }
  if (!isPlainObject(document.value)) {
    throw new UsageError(`${file}: job variables must be a JSON object of variable names and values.`);
  }
  return [
    {
      name: path.basename(file).replace(/\.json$/i, ''),
      values: document.value,
      filePath,
      locate: (pointer) => document.locate(pointer).range,
    },
  ];
}

/** Loads the YAML reader only when a prefect.yaml is given; it is slow to load. */
async function loadPrefectYaml(
  text: string,
  file: string,
  filePath: string,
  options: LoadJobVariablesOptions,
): Promise<JobVariablesDocument[]> {
  const { PrefectYamlError, readPrefectYamlJobVariables } = await import('../job-variables/prefect-yaml.js');
  try {
    const documents = readPrefectYamlJobVariables(text, filePath);
    if (documents.length > 0) {
      return documents;
    }
    const noScenario = `${file}: no deployment has work_pool.job_variables, so it adds no scenario.`;
    if (options.note === undefined) {
      throw new UsageError(noScenario);
    }
    // A YAML file without a deployments list is most likely not a prefect.yaml at all.
    if (!(await hasDeploymentsList(text))) {
      throw new UsageError(`${file} has no deployments list, so it is not a prefect.yaml. Give the prefect.yaml that defines the deployments.`);
    }
    options.note(noScenario);
    return [];
  } catch (error) {
    if (error instanceof PrefectYamlError) {
      throw new UsageError(`${file}:${error.line}:${error.column}: ${error.message}`);
    }
    throw error;
  }
}

async function hasDeploymentsList(text: string): Promise<boolean> {
  const { parse } = await import('yaml');
  const value: unknown = parse(text, { maxAliasCount: 1000, uniqueKeys: false });
  return isPlainObject(value) && Array.isArray(value.deployments);
}

/**
 * Loads every `--job-variables` file as the lint command does: notes go to
 * `note`, and a `workPool` that no prefect.yaml deployment names gets a
 * note listing the pools they do name.
 */
export async function loadScenarios(
  files: readonly string[],
  cwd: string,
  options: { workPool: string | undefined; note: (text: string) => void },
): Promise<JobVariablesDocument[]> {
  // One file at a time, so notes come in the order of the files.
  const loaded: { fromPrefectYaml: boolean; documents: JobVariablesDocument[] }[] = [];
  for (const file of files) {
    const documents = await loadJobVariables(file, cwd, { note: options.note });
    loaded.push({ fromPrefectYaml: isPrefectYamlFile(file), documents });
  }
  if (options.workPool !== undefined) {
    const deployments = loaded.filter((file) => file.fromPrefectYaml).flatMap((file) => file.documents);
    const poolNote = unmatchedWorkPoolNote(options.workPool, deployments);
    if (poolNote !== undefined) {
      options.note(poolNote);
    }
  }
  return uniqueScenarioNames(loaded.flatMap((file) => file.documents));
}

/**
 * Returns a note when no prefect.yaml deployment with job variables names
 * the --work-pool pool. Deployments that name other pools then add no
 * scenario, and the pool name may be misspelt.
 */
function unmatchedWorkPoolNote(workPool: string, deployments: readonly JobVariablesDocument[]): string | undefined {
  if (deployments.some((deployment) => deployment.workPool === workPool)) {
    return undefined;
  }
  const pools = [...new Set(deployments.map((deployment) => deployment.workPool))].filter(
    (pool): pool is string => pool !== undefined,
  );
  if (pools.length === 0) {
    return undefined;
  }
  const names = pools.map((pool) => `"${pool}"`).join(', ');
  return `no prefect.yaml deployment with job variables names work pool "${workPool}" (given with --work-pool); those deployments name ${names}. Deployments of other pools add no scenario.`;
}

/** Gives each scenario a unique name by numbering repeats. */
export function uniqueScenarioNames(documents: JobVariablesDocument[]): JobVariablesDocument[] {
  const counts = new Map<string, number>();
  return documents.map((document) => {
    const count = (counts.get(document.name) ?? 0) + 1;
    counts.set(document.name, count);
    return count === 1 ? document : { ...document, name: `${document.name}-${count}` };
  });
}
