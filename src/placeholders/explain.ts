import { createRequire } from 'node:module';

import { findPlaceholders } from './grammar.js';

/**
 * Text that looks like template syntax but is not a placeholder Prefect
 * renders, with the reason.
 */
export interface UnsupportedSyntax {
  text: string;
  index: number;
  reason:
    | 'filter'
    | 'expression'
    | 'space-in-name'
    | 'empty'
    | 'block-tag'
    | 'comment-tag'
    | 'unbalanced';
  /** The variable the author most likely meant, when one can be read off. */
  variable?: string;
}

const CANDIDATE = /\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}|\{#[\s\S]*?#\}/g;

/**
 * Finds `{{ }}`, `{% %}` and `{# #}` text that Prefect leaves untouched.
 *
 * nunjucks is used only to *parse* the text into an AST so the reason can be
 * named (a filter, an expression). Nothing is ever compiled or rendered:
 * template text comes from pull requests and nunjucks templates can run code.
 */
export function findUnsupportedSyntax(text: string): UnsupportedSyntax[] {
  if (!text.includes('{{') && !text.includes('{%') && !text.includes('{#')) {
    return [];
  }
  const found: UnsupportedSyntax[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    const candidate = match[0];
    const index = match.index ?? 0;
    if (findPlaceholders(candidate)[0]?.text === candidate) {
      continue;
    }
    found.push({ text: candidate, index, ...classify(candidate) });
  }
  const unclosed = /\{\{(?![\s\S]*\}\})/.exec(text);
  if (found.length === 0 && unclosed) {
    found.push({ text, index: unclosed.index, reason: 'unbalanced' });
  }
  return found;
}

/** Words that make `{{ a or b }}` a Jinja expression rather than a name with spaces. */
const JINJA_KEYWORDS = new Set(['and', 'or', 'not', 'if', 'else', 'in', 'is', 'for', 'recursive']);

function classify(candidate: string): Pick<UnsupportedSyntax, 'reason' | 'variable'> {
  if (candidate.startsWith('{%')) {
    return { reason: 'block-tag' };
  }
  if (candidate.startsWith('{#')) {
    return { reason: 'comment-tag' };
  }
  const inner = candidate.slice(2, -2).trim();
  if (inner === '') {
    return { reason: 'empty' };
  }
  const tree = parseOutput(candidate);
  const expression = tree?.children?.[0]?.children?.[0];
  const variable = firstSymbol(expression);
  if (expression?.typename === 'Filter') {
    return { reason: 'filter', variable };
  }
  const words = inner.split(/\s+/);
  const hasKeyword = words.some((word) => JINJA_KEYWORDS.has(word));
  if (!hasKeyword && /^[\p{L}\p{N}_.\-[\]$]+(\s+[\p{L}\p{N}_.\-[\]$]+)+$/u.test(inner)) {
    return { reason: 'space-in-name', variable: inner.split(/\s+/).join('_') };
  }
  return { reason: 'expression', variable };
}

interface TemplateNode {
  typename?: string;
  value?: unknown;
  children?: TemplateNode[];
  name?: TemplateNode;
  args?: TemplateNode;
  target?: TemplateNode;
  left?: TemplateNode;
  right?: TemplateNode;
  cond?: TemplateNode;
  body?: TemplateNode;
}

type NunjucksParser = { parse(source: string): unknown };
let nunjucksParser: NunjucksParser | undefined;

/** Loads nunjucks on first use: most templates never need it, and it is slow to load. */
function loadParser(): NunjucksParser {
  if (!nunjucksParser) {
    const require = createRequire(import.meta.url);
    nunjucksParser = (require('nunjucks') as { parser: NunjucksParser }).parser;
  }
  return nunjucksParser;
}

function parseOutput(candidate: string): TemplateNode | undefined {
  try {
    return normalize(loadParser().parse(candidate));
  } catch {
    return undefined;
  }
}

/** Copies the parts of a nunjucks AST node that classification reads. */
function normalize(node: unknown, depth = 0): TemplateNode | undefined {
  if (typeof node !== 'object' || node === null || depth > 32) {
    return undefined;
  }
  const raw = node as Record<string, unknown>;
  const children = Array.isArray(raw.children)
    ? raw.children.map((child) => normalize(child, depth + 1)).filter((c) => c !== undefined)
    : undefined;
  return {
    typename: typeof raw.typename === 'string' ? raw.typename : undefined,
    value: raw.value,
    children,
    name: normalize(raw.name, depth + 1),
    args: normalize(raw.args, depth + 1),
    target: normalize(raw.target, depth + 1),
    left: normalize(raw.left, depth + 1),
    right: normalize(raw.right, depth + 1),
    cond: normalize(raw.cond, depth + 1),
    body: normalize(raw.body, depth + 1),
  };
}

function firstSymbol(node: TemplateNode | undefined, depth = 0): string | undefined {
  if (!node || depth > 32) {
    return undefined;
  }
  if (node.typename === 'Symbol' && typeof node.value === 'string') {
    return node.value;
  }
  if (node.typename === 'Filter') {
    return firstSymbol(node.args?.children?.[0], depth + 1);
  }
  for (const child of [node.target, node.left, node.body, node.cond, node.right, node.name, ...(node.children ?? [])]) {
    const symbol = firstSymbol(child, depth + 1);
    if (symbol) {
      return symbol;
    }
  }
  return undefined;
}
