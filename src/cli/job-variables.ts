import path from 'node:path';

import type { JobVariablesDocument } from '../linter/lint.js';
import { JsonDocument, JsonSyntaxError } from '../parse/json-document.js';
import { isPlainObject } from '../parse/pointer.js';
import { UsageError } from './errors.js';
import { readText } from './files.js';

/**
 * Reads a `--job-variables` file: a JSON object of job variables (one
 * scenario named after the file), or a `prefect.yaml` (one scenario per
 * deployment with job variables, named after the deployment).
 */
export async function loadJobVariables(file: string, cwd: string): Promise<JobVariablesDocument[]> {
  const absolute = path.resolve(cwd, file);
  const text = await readText(absolute);
  const relative = path.relative(cwd, absolute);
  const filePath = relative && !relative.startsWith('..') ? relative : absolute;
  if (/\.ya?ml$/i.test(file)) {
    return await loadPrefectYaml(text, file, filePath);
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
async function loadPrefectYaml(text: string, file: string, filePath: string): Promise<JobVariablesDocument[]> {
  const { PrefectYamlError, readPrefectYamlJobVariables } = await import('../job-variables/prefect-yaml.js');
  try {
    const documents = readPrefectYamlJobVariables(text, filePath);
    if (documents.length === 0) {
      throw new UsageError(`${file}: no deployment has work_pool.job_variables, so it adds no scenario.`);
    }
    return documents;
  } catch (error) {
    if (error instanceof PrefectYamlError) {
      throw new UsageError(`${file}:${error.line}:${error.column}: ${error.message}`);
    }
    throw error;
  }
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
