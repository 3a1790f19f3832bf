import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

import type { JobVariablesDocument } from '../linter/lint.js';
import { isPlainObject, joinPointer, parsePointer } from '../parse/pointer.js';
import type { SourceRange } from '../parse/source-range.js';

export class PrefectYamlError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'PrefectYamlError';
  }
}

/**
 * Reads the deployments of a `prefect.yaml` and returns one job-variables
 * document per deployment that has `work_pool.job_variables`, named after
 * the deployment, with positions in the YAML file. Aliases and anchors are
 * resolved as Prefect resolves them. `{{ prefect.variables.* }}`,
 * `{{ prefect.blocks.* }}` and `{{ $ENV }}` values stay as text: Prefect
 * resolves them when it deploys, so the linter treats them as unknown.
 */
export function readPrefectYamlJobVariables(text: string, filePath?: string): JobVariablesDocument[] {
  const lineCounter = new LineCounter();
  // prefect.yaml is read with PyYAML's safe_load, which applies `<<` merge keys.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, merge: true });
  const error = document.errors[0];
  if (error) {
    const position = lineCounter.linePos(error.pos[0]);
    throw new PrefectYamlError(`invalid YAML: ${error.message.split('\n')[0] ?? ''}`, position.line, position.col);
  }

  const value: unknown = document.toJS({ maxAliasCount: 1000 });
  const deployments = isPlainObject(value) && Array.isArray(value.deployments) ? value.deployments : [];
  const documents: JobVariablesDocument[] = [];
  deployments.forEach((deployment, index) => {
    if (!isPlainObject(deployment) || !isPlainObject(deployment.work_pool)) {
      return;
    }
    const jobVariables = deployment.work_pool.job_variables;
    if (!isPlainObject(jobVariables)) {
      return;
    }
    const pointer = joinPointer('', 'deployments', index, 'work_pool', 'job_variables');
    const name = typeof deployment.name === 'string' ? deployment.name : `deployment-${index + 1}`;
    const workPool = typeof deployment.work_pool.name === 'string' ? deployment.work_pool.name : undefined;
    documents.push({
      name,
      values: jobVariables,
      pointer,
      filePath,
      workPool,
      locate: (target) => locateInYaml(document, lineCounter, target),
    });
  });
  return documents;
}

/** The range of the mapping entry (key and value) or sequence item at `pointer`. */
function locateInYaml(document: Document, lineCounter: LineCounter, pointer: string): SourceRange | undefined {
  let node: unknown = document.contents;
  let range: [number, number] | undefined;
  for (const segment of parsePointer(pointer)) {
    node = resolveAlias(document, node);
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) {
        return toRange(lineCounter, range);
      }
      const keyRange = (pair.key as Node).range;
      const valueRange = (pair.value as Node | null)?.range;
      range = [keyRange?.[0] ?? 0, valueRange?.[1] ?? keyRange?.[1] ?? 0];
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)] as Node | undefined;
      if (!item?.range) {
        return toRange(lineCounter, range);
      }
      range = [item.range[0], item.range[1]];
      node = item;
    } else {
      break;
    }
  }
  return toRange(lineCounter, range);
}

function resolveAlias(document: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(document) : node;
}

function toRange(lineCounter: LineCounter, range: [number, number] | undefined): SourceRange | undefined {
  if (!range) {
    return undefined;
  }
  const start = lineCounter.linePos(range[0]);
  const end = lineCounter.linePos(range[1]);
  return {
    start: { line: start.line, column: start.col, offset: range[0] },
    end: { line: end.line, column: end.col, offset: range[1] },
  };
}
