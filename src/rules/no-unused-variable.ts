import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import type { PatchOperation, RuleContext } from '../linter/types.js';
import { createRule } from './utils/create-rule.js';

/**
 * The places, relative to `job_configuration`, where the stock template
 * reads each variable. A literal at one of these places next to a declared,
 * unused variable means the author meant the variable.
 */
const STOCK_PLACES: Record<string, string[]> = {
  cluster: ['/cluster', '/task_run_request/cluster'],
  image: ['/task_definition/containerDefinitions/0/image'],
  vpc_id: ['/vpc_id'],
  network_configuration: ['/network_configuration'],
  execution_role_arn: ['/task_definition/executionRoleArn', '/execution_role_arn'],
  task_role_arn: ['/task_run_request/overrides/taskRoleArn'],
  launch_type: ['/task_run_request/launchType'],
  cpu: ['/task_definition/cpu'],
  memory: ['/task_definition/memory'],
  family: ['/task_definition/family'],
  container_name: ['/container_name'],
  task_definition_arn: ['/task_run_request/taskDefinition'],
  capacity_provider_strategy: ['/task_run_request/capacityProviderStrategy'],
  configure_cloudwatch_logs: ['/configure_cloudwatch_logs'],
  cloudwatch_logs_options: ['/cloudwatch_logs_options'],
};

export default createRule({
  id: 'no-unused-variable',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Disallow declared variables that no placeholder reads, so deployments that set them change nothing.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: true,
    messages: {
      unused: 'Variable "{{name}}" is declared but no placeholder in job_configuration reads it, so setting it has no effect.',
      unusedBesideLiteral:
        'Variable "{{name}}" is never read because job_configuration hard-codes {{value}} at {{place}}; deployments that set "{{name}}" change nothing.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    const used = new Set(
      context.placeholders
        .filter((occurrence) => occurrence.kind === 'job-variable')
        .map((occurrence) => occurrence.name.split(/[.[]/)[0] ?? occurrence.name),
    );
    // Prefect merges the env variable into a literal job_configuration.env
    // object key by key, so no placeholder is needed to read it.
    if (isPlainObject(context.template.jobConfiguration.env)) {
      used.add('env');
    }
    for (const name of Object.keys(context.template.properties)) {
      if (!used.has(name)) {
        reportUnused(context, name);
      }
    }
  },
});

function reportUnused(context: RuleContext, name: string): void {
  const at = context.pointer(`/variables/properties/${escape(name)}`);
  const found = literalPlaces(context, name);
  const first = found[0];
  // Only literals equal to the first one can share one default.
  const literals = found.filter((literal) => JSON.stringify(literal.value) === JSON.stringify(first?.value));
  if (!first) {
    context.report({ messageId: 'unused', data: { name }, at });
    return;
  }
  context.report({
    messageId: 'unusedBesideLiteral',
    data: { name, value: JSON.stringify(first.value), place: first.place.slice(1).replace(/\//g, '.') },
    at,
    suggest: [
      {
        desc: `Read "${name}" with a placeholder and keep ${JSON.stringify(first.value)} as its default.`,
        patch: placeholderPatch(context, name, literals),
      },
    ],
  });
}

function literalPlaces(context: RuleContext, name: string): { place: string; pointer: string; value: unknown }[] {
  const places = STOCK_PLACES[name] ?? [];
  const found: { place: string; pointer: string; value: unknown }[] = [];
  for (const place of places) {
    const value = getAtPointer(context.template.jobConfiguration, place);
    if (value === undefined || (typeof value === 'string' && value.includes('{{'))) {
      continue;
    }
    found.push({ place, pointer: context.pointer(`/job_configuration${place}`), value });
  }
  return found;
}

function placeholderPatch(
  context: RuleContext,
  name: string,
  literals: { pointer: string; value: unknown }[],
): PatchOperation[] {
  const operations: PatchOperation[] = literals.map((literal) => ({
    op: 'replace',
    path: literal.pointer,
    value: `{{ ${name} }}`,
  }));
  const defaultPointer = joinPointer(context.pointer('/variables/properties'), name, 'default');
  const schema = context.template.properties[name] ?? {};
  operations.push({ op: 'default' in schema ? 'replace' : 'add', path: defaultPointer, value: literals[0]?.value });
  return operations;
}

function escape(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}
