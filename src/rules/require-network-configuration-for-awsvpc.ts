import { getAtPointer, isPlainObject } from '../parse/pointer.js';
import type { PatchOperation, RuleContext, Scenario } from '../linter/types.js';
import { isTruthy } from '../worker/prepare.js';
import { createRule } from './utils/create-rule.js';
import { scenarioCapacity, type Capacity } from './utils/capacity.js';
import { declareVariablesOperations, hasDefault } from './utils/variables.js';

export default createRule({
  id: 'require-network-configuration-for-awsvpc',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a network configuration for tasks in awsvpc mode, and none for other modes.',
    },
    levels: ['error', 'warning'],
    fixable: true,
    hasSuggestions: true,
    messages: {
      inferredPublicIp:
        'The task runs in awsvpc mode on {{capacity}} and no scenario gives a network configuration; the worker infers one with assignPublicIp ENABLED, which AWS rejects for {{capacity}}.',
      dependsOnDefaultVpc:
        'The task runs on Fargate, which needs awsvpc mode, and no scenario gives a network configuration; the worker then infers one from {{vpc}} with a public IP in every subnet.',
      missingVpcId:
        'network_configuration is set without a vpc_id; the worker refuses it with "You must provide a `vpc_id` to enable custom `network_configuration`."',
      notAwsvpc:
        'The run request has a networkConfiguration but the task definition uses network mode "{{networkMode}}"; AWS rejects a network configuration outside awsvpc mode.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    checkMissingConfiguration(context);
    for (const scenario of context.scenarios) {
      checkVpcId(context, scenario);
      checkNonAwsvpc(context, scenario);
    }
  },
});

function checkMissingConfiguration(context: RuleContext): void {
  // Fargate only runs awsvpc tasks, so a Fargate strategy counts even when
  // the definition was prepared for another launch type.
  const awsvpcScenarios = context.scenarios.filter(
    (scenario) =>
      scenario.prepared.taskDefinition !== undefined &&
      (scenario.prepared.taskDefinition.networkMode === 'awsvpc' || scenarioCapacity(scenario) === 'FARGATE'),
  );
  const first = awsvpcScenarios[0];
  // Without a task definition the worker fails before networking matters.
  if (!first || first.prepared.workerErrors.some((error) => error.code === 'missing-task-definition')) {
    return;
  }
  const anyConfiguration = context.scenarios.some((scenario) => {
    const rendered = scenario.rendered.value;
    const runRequest = isPlainObject(rendered.task_run_request) ? rendered.task_run_request : {};
    return isTruthy(rendered.network_configuration) || isTruthy(runRequest.networkConfiguration);
  });
  if (anyConfiguration) {
    return;
  }

  const strict = awsvpcScenarios.find((scenario) => isNonFargate(scenarioCapacity(scenario)));
  const scenario = strict ?? first;
  const capacity = scenarioCapacity(scenario);
  const vpcId = scenario.rendered.value.vpc_id;
  const wiring = wiringOperations(context);
  const wiringGivesValues = hasDefault(context.template, 'network_configuration') && hasDefault(context.template, 'vpc_id');

  context.report({
    messageId: strict ? 'inferredPublicIp' : 'dependsOnDefaultVpc',
    data: { capacity, vpc: isTruthy(vpcId) ? `the subnets of VPC ${String(vpcId)}` : 'a default VPC' },
    at: reportPointer(context),
    level: strict ? 'error' : 'warning',
    scenario,
    fix: wiring.length > 0 && wiringGivesValues ? wiring : undefined,
    suggest:
      wiring.length > 0 && !wiringGivesValues
        ? [
            {
              desc: 'Read network_configuration and vpc_id from variables so deployments can set them.',
              patch: wiring,
            },
          ]
        : undefined,
  });
}

function isNonFargate(capacity: Capacity): boolean {
  return capacity === 'EC2' || capacity === 'EXTERNAL' || capacity === 'MANAGED_INSTANCES';
}

/** Picks a report location that fixes to the launch type or network mode do not move. */
function reportPointer(context: RuleContext): string {
  for (const path of ['/network_configuration', '/task_run_request']) {
    const pointer = context.pointer(`/job_configuration${path}`);
    if (context.document.has(pointer)) {
      return pointer;
    }
  }
  return context.pointer('/job_configuration');
}

/**
 * Wires `network_configuration` and `vpc_id` into job_configuration and
 * declares them where missing. No value is invented, so runs only change
 * once a default or a deployment supplies the values.
 */
function wiringOperations(context: RuleContext): PatchOperation[] {
  const jobConfiguration = context.template.jobConfiguration ?? {};
  const operations: PatchOperation[] = [];
  for (const name of ['network_configuration', 'vpc_id']) {
    if (!(name in jobConfiguration)) {
      operations.push({ op: 'add', path: context.pointer(`/job_configuration/${name}`), value: `{{ ${name} }}` });
    }
  }
  if (operations.length === 0) {
    return [];
  }
  operations.push(...declareVariablesOperations(context.template, ['network_configuration', 'vpc_id']));
  return operations;
}

function checkVpcId(context: RuleContext, scenario: Scenario): void {
  const rendered = scenario.rendered.value;
  if (!isTruthy(rendered.network_configuration) || isTruthy(rendered.vpc_id)) {
    return;
  }
  const location = scenario.locate('/network_configuration');
  context.report({
    messageId: 'missingVpcId',
    at: location,
    scenario,
  });
}

function checkNonAwsvpc(context: RuleContext, scenario: Scenario): void {
  const taskDefinition = scenario.prepared.taskDefinition;
  const runRequest = scenario.rendered.value.task_run_request;
  if (!taskDefinition || !isPlainObject(runRequest) || !isTruthy(runRequest.networkConfiguration)) {
    return;
  }
  const networkMode = taskDefinition.networkMode ?? 'bridge';
  if (networkMode === 'awsvpc' || typeof networkMode !== 'string') {
    return;
  }
  const pointer = context.pointer('/job_configuration/task_run_request/networkConfiguration');
  // AWS rejects the request whatever the configuration contains, so
  // dropping a literal one is safe unless some scenario runs in awsvpc mode.
  const literal = isPlainObject(getAtPointer(context.document.value, pointer));
  const neverAwsvpc = context.scenarios.every((each) => each.prepared.taskDefinition?.networkMode !== 'awsvpc');
  context.report({
    messageId: 'notAwsvpc',
    data: { networkMode },
    at: scenario.locate('/task_run_request/networkConfiguration'),
    scenario,
    fix: literal && neverAwsvpc ? [{ op: 'remove', path: pointer }] : undefined,
  });
}
