/**
 * Name and value heuristics for secrets written as plain text. A name looks
 * secret when, case-insensitively, it ends in `_KEY` or contains `TOKEN`,
 * `SECRET` or `PASSWORD`, unless its last word shows that it names, locates or
 * sizes the secret rather than holding it (`*_ARN`, `*_KEY_ID`,
 * `*_SECRET_NAME`, `*_TOKEN_URL`, `MAX_TOKENS`, ...).
 */

const SECRET_WORDS = ['TOKEN', 'SECRET', 'PASSWORD', 'PASSWD', 'PASSPHRASE'];

/** A last word that makes the name refer to a secret or describe it. */
const REFERENCE_WORDS = new Set([
  'ARN',
  'ARNS',
  'ID',
  'IDS',
  'NAME',
  'NAMES',
  'PATH',
  'FILE',
  'DIR',
  'URL',
  'URI',
  'ENDPOINT',
  'HOST',
  'REGION',
  'TYPE',
  'TTL',
  'EXPIRY',
  'EXPIRATION',
  'LENGTH',
  'LIMIT',
  'COUNT',
  'SIZE',
  'TIMEOUT',
  'HEADER',
  'PARAMETER',
  'PARAM',
  'ENABLED',
  'FIELD',
  'VERSION',
]);

/** Words before `_KEY` that make it a lookup or public key, not a secret. */
const NON_SECRET_KEY_QUALIFIERS = new Set([
  'PUBLIC',
  'S3',
  'OBJECT',
  'PARTITION',
  'SORT',
  'PRIMARY',
  'FOREIGN',
  'CACHE',
  'ROUTING',
  'GROUP',
  'IDEMPOTENCY',
  'LOOKUP',
  'HASH',
  'RANGE',
  'DEDUPLICATION',
  'KMS',
]);

/** Words that contain `TOKEN` but count or split tokens (LLM settings). */
const NON_SECRET_TOKEN_WORD = /^(?:TOKENS|TOKENIZERS?|TOKENIZATION)$/;

/** Splits `apiKey`, `api-key`, `API_KEY` and `api.key` into upper-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '')
    .map((word) => word.toUpperCase());
}

export function isSecretLikeName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1];
  if (last === undefined || REFERENCE_WORDS.has(last)) {
    return false;
  }
  if (endsWithSecretKey(words)) {
    return true;
  }
  return words.some(
    (word) =>
      !NON_SECRET_TOKEN_WORD.test(word) &&
      SECRET_WORDS.some((secret) => word.includes(secret)),
  );
}

function endsWithSecretKey(words: string[]): boolean {
  const last = words[words.length - 1] ?? '';
  if (last.endsWith('APIKEY')) {
    return true;
  }
  const qualifier = words[words.length - 2];
  return (
    last === 'KEY' &&
    qualifier !== undefined &&
    !NON_SECRET_KEY_QUALIFIERS.has(qualifier)
  );
}

const NOT_SECRET_WORDS = new Set([
  'true',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'none',
  'null',
]);

/**
 * True for a value that would expose a secret: a number or non-empty text
 * that is not a switch word (`true`, `off` ...), an ARN, a `${...}` or
 * `$NAME` reference, or placeholder text.
 */
export function isPlaintextValue(value: unknown): boolean {
  if (typeof value === 'number') {
    return true;
  }
  if (typeof value !== 'string') {
    return false;
  }
  const text = value.trim();
  if (text === '' || NOT_SECRET_WORDS.has(text.toLowerCase())) {
    return false;
  }
  if (text.startsWith('arn:') || text.includes('{{')) {
    return false;
  }
  return !/^\$\{[^}]*\}$|^\$[A-Za-z_][A-Za-z0-9_]*$/.test(text);
}

/** True when the variable's schema makes Prefect's UI mask the value. */
export function isMaskedSchema(schema: Record<string, unknown>): boolean {
  return schema.writeOnly === true || schema.format === 'password';
}

/** True when the schema can hold a string, so a secret value could be typed into it. */
export function acceptsString(schema: Record<string, unknown>): boolean {
  const types = schemaTypes(schema);
  return types.size === 0 || types.has('string');
}

function schemaTypes(schema: Record<string, unknown>): Set<string> {
  const types = new Set<string>();
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      types.add(value);
    } else if (Array.isArray(value)) {
      value.forEach(add);
    }
  };
  add(schema.type);
  for (const keyword of ['anyOf', 'oneOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) {
      for (const branch of branches) {
        if (typeof branch === 'object' && branch !== null) {
          add((branch as Record<string, unknown>).type);
        }
      }
    }
  }
  if (
    types.size === 0 &&
    ('$ref' in schema || 'allOf' in schema || 'properties' in schema)
  ) {
    types.add('object');
  }
  return types;
}
