import { readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

// @ts-expect-error The generator script is plain JavaScript without type declarations.
import { generateMetaValidator } from '../../scripts/generate-meta-validator.mjs';
import { metaValidateVariablesSchema } from '../../src/model/schemas.js';

const GENERATED = path.join(import.meta.dirname, '..', '..', 'src', 'model', 'generated', 'variables-meta-validator.ts');

describe('precompiled meta-schema validator', () => {
  it('matches what the generator produces', () => {
    const committed = readFileSync(GENERATED, 'utf8');
    expect(committed === (generateMetaValidator() as string), 'stale: run npm run generate:meta-validator').toBe(true);
  });

  it('rejects an unknown type name', () => {
    const result = metaValidateVariablesSchema({ type: 'object', properties: { cpu: { type: 'integr' } } });
    expect(result.valid).toBe(false);
    expect(result.errors.some((error) => error.instancePath === '/properties/cpu/type')).toBe(true);
  });

  it('accepts a variables schema with definitions', () => {
    const result = metaValidateVariablesSchema({
      type: 'object',
      properties: { strategy: { type: 'array', items: { $ref: '#/definitions/Item' } } },
      definitions: { Item: { type: 'object', required: ['capacityProvider'] } },
    });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
