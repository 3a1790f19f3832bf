/**
 * Prefect's placeholder grammar: `{{`, optional whitespace, a name of word
 * characters, `.`, `-`, `[`, `]` or `$`, optional whitespace, `}}`.
 *
 * Python's `\w` matches Unicode letters, digits and the underscore, so the
 * JavaScript form spells that out with Unicode property classes.
 * NOTE: Python also counts a few other numeric and mark characters as word
 * characters; names that use them are not found here.
 */
const NAME_CHARACTER = String.raw`[\p{L}\p{N}_.\-\[\]$]`;

/**
 * Python's `\s`: JavaScript's `\s` also matches U+FEFF, and lacks U+001C to
 * U+001F and U+0085, which Python counts as whitespace.
 */
const PYTHON_SPACE = String.raw`[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]`;

export const PLACEHOLDER_PATTERN = new RegExp(
  String.raw`\{\{${PYTHON_SPACE}*(${NAME_CHARACTER}+)${PYTHON_SPACE}*\}\}`,
  'gu',
);

export type PlaceholderKind = 'job-variable' | 'prefect-variable' | 'prefect-block' | 'env';

export interface PlaceholderMatch {
  /** The whole matched text, `{{ name }}`. */
  text: string;
  name: string;
  kind: PlaceholderKind;
  /** Offset of the match inside the string value. */
  index: number;
}

export function classifyPlaceholderName(name: string): PlaceholderKind {
  if (name.startsWith('prefect.blocks.')) {
    return 'prefect-block';
  }
  if (name.startsWith('prefect.variables.')) {
    return 'prefect-variable';
  }
  if (name.startsWith('$')) {
    return 'env';
  }
  return 'job-variable';
}

const NO_MATCHES: readonly PlaceholderMatch[] = Object.freeze([]);
const CACHE_LIMIT = 10_000;
const matchCache = new Map<string, readonly PlaceholderMatch[]>();

/**
 * Finds every placeholder in a string, in order, duplicates included. The
 * same strings are scanned by the renderer in every scenario and by several
 * rules, so results are cached (frozen, since callers share them).
 */
export function findPlaceholders(text: string): readonly PlaceholderMatch[] {
  if (!text.includes('{{')) {
    return NO_MATCHES;
  }
  const cached = matchCache.get(text);
  if (cached) {
    return cached;
  }
  if (matchCache.size >= CACHE_LIMIT) {
    matchCache.clear();
  }
  const matches = scanText(text);
  matchCache.set(text, matches);
  return matches;
}

function scanText(text: string): readonly PlaceholderMatch[] {
  const matches: PlaceholderMatch[] = [];
  for (const match of text.matchAll(PLACEHOLDER_PATTERN)) {
    const name = match[1] ?? '';
    matches.push({
      text: match[0],
      name,
      kind: classifyPlaceholderName(name),
      index: match.index ?? 0,
    });
  }
  return Object.freeze(matches.map((match) => Object.freeze(match)));
}

/**
 * Returns the placeholder when the whole string is exactly one job-variable
 * placeholder, which Prefect replaces by the value with its JSON type kept.
 * Surrounding whitespace makes it inline text. `$ENV`, `prefect.variables.*`
 * and `prefect.blocks.*` placeholders never qualify: Prefect leaves the last
 * two for a later pass and renders `$ENV` as text.
 */
export function wholeValuePlaceholder(text: string): PlaceholderMatch | undefined {
  const matches = findPlaceholders(text);
  const first = matches[0];
  if (!first || first.text !== text || first.kind !== 'job-variable') {
    return undefined;
  }
  return first;
}
