import type { PatchOperation, RuleContext } from '../../linter/types.js';
import { joinPointer } from '../../parse/pointer.js';
import type { TemplateModel } from '../../model/template.js';

/**
 * Schemas for the ECS worker's stock variables (prefect-aws 0.7.11), used
 * when a fix or suggestion declares a variable. They carry no default, so
 * declaring one never changes what a run does.
 */
export const STOCK_VARIABLE_SCHEMAS: Record<string, Record<string, unknown>> = {
  launch_type: {
    title: 'Launch Type',
    description: 'ECS launch type; FARGATE_SPOT becomes a capacity provider strategy.',
    type: 'string',
    enum: ['FARGATE', 'EC2', 'EXTERNAL', 'FARGATE_SPOT'],
  },
  network_configuration: {
    title: 'Network Configuration',
    description: 'The awsvpcConfiguration for the task: subnets, securityGroups and assignPublicIp. Needs vpc_id.',
    type: 'object',
    additionalProperties: true,
  },
  vpc_id: {
    title: 'VPC ID',
    description: 'The VPC the subnets belong to.',
    anyOf: [{ type: 'string' }, { type: 'null' }],
    default: null,
  },
  execution_role_arn: {
    title: 'Execution Role ARN',
    description: 'Role ECS uses to pull images, read secrets and send logs when it starts the task.',
    anyOf: [{ type: 'string' }, { type: 'null' }],
    default: null,
  },
  capacity_provider_strategy: {
    title: 'Capacity Provider Strategy',
    description: 'Capacity providers to run the task on; the launch type is then left out.',
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
  cluster: {
    title: 'Cluster',
    description: 'ECS cluster name or ARN.',
    anyOf: [{ type: 'string' }, { type: 'null' }],
    default: null,
  },
};

export function stockVariableSchema(name: string): Record<string, unknown> {
  return structuredClone(STOCK_VARIABLE_SCHEMAS[name] ?? { type: 'string' });
}

/**
 * Operations that declare each of `names` that is not declared yet in
 * `variables.properties`, with its stock schema, creating the `properties`
 * object when the template has none.
 */
export function declareVariablesOperations(model: TemplateModel, names: readonly string[]): PatchOperation[] {
  const missing = names.filter((name) => !(name in model.properties));
  if (missing.length === 0) {
    return [];
  }
  const variablesPointer = joinPointer(model.base, 'variables');
  const hasProperties =
    model.variables !== undefined &&
    typeof model.variables.properties === 'object' &&
    model.variables.properties !== null &&
    !Array.isArray(model.variables.properties);
  const properties = Object.fromEntries(missing.map((name) => [name, stockVariableSchema(name)]));
  if (model.variables === undefined) {
    return [{ op: 'add', path: variablesPointer, value: { type: 'object', properties } }];
  }
  if (!hasProperties) {
    return [{ op: 'add', path: joinPointer(variablesPointer, 'properties'), value: properties }];
  }
  return missing.map((name) => ({
    op: 'add' as const,
    path: joinPointer(variablesPointer, 'properties', name),
    value: stockVariableSchema(name),
  }));
}

/** True when the variable is declared with a non-null default, so wiring it gives a value. */
export function hasDefault(model: TemplateModel, name: string): boolean {
  const schema = model.properties[name];
  return schema !== undefined && 'default' in schema && schema.default !== null;
}

/**
 * The source text of `variables`, used as a cache key for its compiled
 * schema: equal text means an equal schema, and slicing is cheaper than
 * serialising.
 */
export function variablesSourceKey(context: RuleContext): string | undefined {
  const node = context.document.nodeAt(joinPointer(context.template.base, 'variables'));
  return node ? context.document.text.slice(node.offset, node.offset + node.length) : undefined;
}
