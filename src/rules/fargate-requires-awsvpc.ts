import { FARGATE_LOG_DRIVERS, isFargateLogDriver } from '../aws/limits.js';
import type { PatchOperation, RuleContext, Scenario } from '../linter/types.js';
import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import { findPlaceholders } from '../placeholders/grammar.js';
import { isUnknown } from '../render/unknown.js';
import { isTruthy } from '../worker/prepare.js';
import { createRule } from './utils/create-rule.js';
import {
  containerLabel,
  preparedContainers,
  registeredTaskDefinition,
} from './utils/valid-container-definitions.js';
import {
  declaresFargate,
  nearestWrittenLocation,
  registersFargateTask,
} from './utils/valid-fargate-task-size.js';
import {
  awsvpcModeFindings,
  effectiveAwsvpcPointer,
} from './utils/valid-network-configuration.js';

const NETWORK_MODE = '/task_definition/networkMode';

export default createRule({
  id: 'fargate-requires-awsvpc',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require the awsvpc network mode and Fargate-supported settings on Fargate.',
    },
    levels: ['error'],
    fixable: true,
    hasSuggestions: false,
    messages: {
      networkModeWorker:
        'The task runs on Fargate with network mode {{networkMode}}; the worker raises "{{workerMessage}}"',
      networkMode:
        'The task runs on Fargate with network mode {{networkMode}}; AWS rejects it with "Fargate only supports network mode \'awsvpc\'."',
      networkModeOnCapacity:
        'The task runs on Fargate capacity with network mode {{networkMode}}, but Fargate supports only awsvpc.',
      networkModeMissingOnCapacity:
        'The task runs on Fargate capacity but its task definition sets no networkMode, so ECS uses bridge, and Fargate supports only awsvpc.',
      networkModeMissing:
        'The task runs on Fargate but its task definition sets no networkMode, so ECS uses bridge; AWS rejects it with "Fargate only supports network mode \'awsvpc\'."',
      hostname:
        'Container "{{container}}" sets hostname {{hostname}}, which Fargate does not support; AWS rejects it with "hostname is not supported on container when networkMode=awsvpc."',
      ipcMode:
        'The task definition sets ipcMode {{ipcMode}}; AWS rejects it with "Tasks using the Fargate launch type do not support ipcMode."',
      logDriver:
        'Container "{{container}}" uses log driver {{logDriver}}; Fargate supports only {{allowed}}.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    for (const scenario of context.scenarios) {
      if (!registersFargateTask(scenario)) {
        continue;
      }
      checkNetworkMode(context, scenario);
      checkIpcMode(context, scenario);
      checkContainers(context, scenario);
    }
  },
});

function checkNetworkMode(context: RuleContext, scenario: Scenario): void {
  const taskDefinition = registeredTaskDefinition(scenario);
  const networkMode = taskDefinition?.networkMode;
  if (!taskDefinition || networkMode === 'awsvpc' || isUnknown(networkMode)) {
    return;
  }
  const workerError = scenario.prepared.workerErrors.find(
    (error) => error.code === 'network-mode-incompatible',
  );
  const messageId = workerError
    ? 'networkModeWorker'
    : networkModeMessageId(networkMode, declaresFargate(taskDefinition));
  const data: Record<string, string> = {
    networkMode: JSON.stringify(networkMode),
  };
  if (workerError) {
    data.workerMessage = workerError.message;
  }
  context.report({
    messageId,
    data,
    at: nearestWrittenLocation(context, scenario.locate(NETWORK_MODE)),
    scenario,
    fix: networkModeFix(context),
  });
}

/**
 * Picks the message for a network mode AWS rejects: at registration when
 * the definition declares FARGATE compatibility, else when the task is
 * placed on Fargate capacity.
 */
function networkModeMessageId(networkMode: unknown, declared: boolean): string {
  if (networkMode === undefined) {
    return declared ? 'networkModeMissing' : 'networkModeMissingOnCapacity';
  }
  return declared ? 'networkMode' : 'networkModeOnCapacity';
}

/**
 * Replaces a literal `networkMode` with `awsvpc`, but only when that is
 * all it changes. Every scenario that registers a task definition must run
 * it on Fargate, so no EC2 task loses its mode. Each of them must also give
 * a network configuration that raises nothing once it is used in awsvpc
 * mode, so the worker infers nothing and no new problem appears.
 */
function networkModeFix(context: RuleContext): PatchOperation[] | undefined {
  const pointer = context.pointer(`/job_configuration${NETWORK_MODE}`);
  const written = getAtPointer(context.document.value, pointer);
  if (typeof written !== 'string' || findPlaceholders(written).length > 0) {
    return undefined;
  }
  const registering = context.scenarios.filter(
    (scenario) => registeredTaskDefinition(scenario) !== undefined,
  );
  const safe =
    registering.every(registersFargateTask) &&
    registering.every(quietInAwsvpcMode);
  if (!safe) {
    return undefined;
  }
  return [{ op: 'replace', path: pointer, value: 'awsvpc' }];
}

/**
 * True when the scenario's network configuration raises nothing new once the
 * task is in awsvpc mode.
 */
function quietInAwsvpcMode(scenario: Scenario): boolean {
  const pointer = effectiveAwsvpcPointer(scenario, { assumeAwsvpc: true });
  if (pointer === undefined) {
    // The worker would infer a configuration from the VPC, which changes
    // what the run depends on.
    return false;
  }
  const config = getAtPointer(scenario.rendered.value, pointer);
  if (!isPlainObject(config)) {
    return true;
  }
  return awsvpcModeFindings(config, pointer, scenario).length === 0;
}

function checkIpcMode(context: RuleContext, scenario: Scenario): void {
  const ipcMode = registeredTaskDefinition(scenario)?.ipcMode;
  if (!isTruthy(ipcMode) || isUnknown(ipcMode)) {
    return;
  }
  context.report({
    messageId: 'ipcMode',
    data: { ipcMode: JSON.stringify(ipcMode) },
    at: scenario.locate('/task_definition/ipcMode'),
    scenario,
  });
}

function checkContainers(context: RuleContext, scenario: Scenario): void {
  preparedContainers(scenario).forEach(({ container, pointer }, index) => {
    if (pointer === undefined) {
      return;
    }
    const label = containerLabel(container, index);
    const hostname = container.hostname;
    if (isTruthy(hostname) && !isUnknown(hostname)) {
      context.report({
        messageId: 'hostname',
        data: { container: label, hostname: JSON.stringify(hostname) },
        at: scenario.locate(joinPointer(pointer, 'hostname')),
        scenario,
      });
    }
    // Containers come from the prepared task definition, where the worker
    // has already replaced the orchestration container's log configuration
    // when CloudWatch logs are on.
    const logConfiguration = container.logConfiguration;
    const logDriver = isPlainObject(logConfiguration)
      ? logConfiguration.logDriver
      : undefined;
    if (logDriver === undefined || isUnknown(logDriver)) {
      return;
    }
    if (!isFargateLogDriver(logDriver)) {
      context.report({
        messageId: 'logDriver',
        data: {
          container: label,
          logDriver: JSON.stringify(logDriver),
          allowed: FARGATE_LOG_DRIVERS.join(', '),
        },
        at: scenario.locate(
          joinPointer(pointer, 'logConfiguration', 'logDriver'),
        ),
        scenario,
      });
    }
  });
}
