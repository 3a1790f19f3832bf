/**
 * Schemas for the variables that transforms declare when a template lacks
 * them. They follow the prefect-aws 0.7.11 types (nullable strings with a
 * `null` default, an object for the awsvpc configuration, complete strategy
 * items), and the transform then sets the default it was given.
 */
export const TRANSFORM_VARIABLE_SCHEMAS = {
  network_configuration: {
    title: 'Network Configuration',
    description:
      'The awsvpcConfiguration RunTask receives: subnets, securityGroups and assignPublicIp. The worker uses it only together with vpc_id.',
    type: 'object',
    additionalProperties: true,
  },
  vpc_id: {
    title: 'VPC ID',
    description: 'The VPC that every subnet in network_configuration belongs to.',
    anyOf: [{ type: 'string' }, { type: 'null' }],
    default: null,
  },
  execution_role_arn: {
    title: 'Execution Role ARN',
    description: 'The IAM role ECS uses to pull the image, read secrets and write logs when it starts the task.',
    anyOf: [{ type: 'string' }, { type: 'null' }],
    default: null,
  },
  capacity_provider_strategy: {
    title: 'Capacity Provider Strategy',
    description: 'The capacity providers RunTask places the task on. The run request sends no launch type with it.',
    type: 'array',
    items: {
      type: 'object',
      properties: {
        capacityProvider: { type: 'string' },
        weight: { type: 'integer' },
        base: { type: 'integer' },
      },
      required: ['capacityProvider', 'weight', 'base'],
    },
  },
} as const satisfies Record<string, Record<string, unknown>>;

export type TransformVariableName = keyof typeof TRANSFORM_VARIABLE_SCHEMAS;

/** Returns a copy of the schema that the caller may change. */
export function variableSchema(name: TransformVariableName): Record<string, unknown> {
  return structuredClone(TRANSFORM_VARIABLE_SCHEMAS[name]) as Record<string, unknown>;
}
