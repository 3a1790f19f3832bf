// Type declarations for generate-types.mjs, so TypeScript tests can import it.

/** Schema names: `schemas/<name>.schema.json` becomes `generated/<name>.ts`. */
export declare const schemaNames: readonly [
  'base-job-template',
  'ecs-job-configuration',
  'work-pool',
];

/** Returns the TypeScript source generated for `schemas/<name>.schema.json`. */
export declare function generateTypes(
  name: (typeof schemaNames)[number],
): Promise<string>;
