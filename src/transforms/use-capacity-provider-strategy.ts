import { checkStrategy, parseProviderSpec, type CapacityProviderItem, type ProviderKind } from './capacity-providers.js';
import { placeholder, TemplateDraft, wholePlaceholderName } from './draft.js';
import { removeLaunchType } from './launch-type.js';
import {
  applyAwsvpcConfiguration,
  applyBridgeNetwork,
  ASSIGN_PUBLIC_IP_OPTION,
  checkAwsvpcSettings,
  NETWORK_MODE_OPTION,
  parseNetworkCliOptions,
  resolveEc2NetworkMode,
  SECURITY_GROUP_OPTION,
  setNetworkMode,
  SUBNET_OPTION,
  VPC_OPTION,
  type AwsvpcSettings,
  type NetworkOptions,
} from './network.js';
import { cliList } from './option-values.js';
import { variableSchema } from './schemas.js';
import { makeEc2Compatible, makeFargateReady, removePlatformVersion } from './task-definition.js';
import { TransformError, type Transform } from './types.js';

export interface UseCapacityProviderStrategyOptions extends NetworkOptions {
  /** The strategy written as the `capacity_provider_strategy` default, in order. */
  providers: CapacityProviderItem[];
}

const STRATEGY_VARIABLE = 'capacity_provider_strategy';

export const useCapacityProviderStrategy: Transform<UseCapacityProviderStrategyOptions> = {
  id: 'use-capacity-provider-strategy',
  description:
    'Place tasks with a capacity provider strategy instead of a launch type: the run request reads capacity_provider_strategy, whose default lists the given providers, and the task definition fits them.',
  options: [
    {
      name: 'provider',
      valueName: 'NAME[:weight[:base]]',
      multiple: true,
      required: true,
      description:
        'Capacity provider for the default strategy (repeatable); weight defaults to 1 and base to 0. FARGATE and FARGATE_SPOT are Fargate providers, any other name an Auto Scaling group provider.',
    },
    NETWORK_MODE_OPTION,
    SUBNET_OPTION,
    SECURITY_GROUP_OPTION,
    VPC_OPTION,
    ASSIGN_PUBLIC_IP_OPTION,
  ],
  parseCliOptions(values) {
    const specs = cliList(values, 'provider') ?? [];
    if (specs.length === 0) {
      throw new TransformError(
        'invalid-option',
        'use-capacity-provider-strategy needs at least one --provider NAME[:weight[:base]].',
      );
    }
    return { ...parseNetworkCliOptions(values), providers: specs.map(parseProviderSpec) };
  },
  apply(document, options) {
    const kind = checkStrategy(options?.providers);
    const providers = options.providers.map(({ capacityProvider, weight, base }) => ({ capacityProvider, weight, base }));
    const settings = checkAwsvpcSettings(options);
    const networkMode = kind === 'fargate' ? checkFargateNetworkMode(options) : resolveEc2NetworkMode(options);
    const draft = TemplateDraft.open(document);
    if (draft.isPushPool) {
      throw new TransformError(
        'unsupported-template',
        `This is an ${draft.poolType} work pool: Prefect Cloud's push executor adds launchType FARGATE next to a capacity provider strategy, and AWS rejects the pair. Use a hybrid ecs pool with a worker for capacity providers.`,
      );
    }

    const runRequest = draft.section('task_run_request', true) ?? {};
    removeLaunchType(draft, runRequest, 'AWS rejects a launch type next to a capacity provider strategy.');
    templateStrategy(draft, runRequest, providers);

    const taskDefinition = draft.section('task_definition', false);
    if (kind === 'fargate') {
      fitFargate(draft, taskDefinition, settings);
    } else {
      removePlatformVersion(draft, runRequest);
      fitAutoScalingGroups(draft, taskDefinition, networkMode, settings);
    }
    draft.note(workerNote(kind));
    return draft.result();
  },
};

function checkFargateNetworkMode(options: NetworkOptions): 'awsvpc' {
  if (options.networkMode === 'bridge') {
    throw new TransformError(
      'invalid-option',
      'Fargate runs tasks in awsvpc mode only; leave out --network-mode or use awsvpc.',
    );
  }
  return 'awsvpc';
}

/**
 * Points the run request's strategy at the `capacity_provider_strategy`
 * variable and makes the providers its default. An existing declaration
 * keeps its schema (the stock one refers to the CapacityProvider definition).
 */
function templateStrategy(
  draft: TemplateDraft,
  runRequest: Record<string, unknown>,
  providers: CapacityProviderItem[],
): void {
  const previous = runRequest.capacityProviderStrategy;
  const previousVariable = wholePlaceholderName(previous);
  runRequest.capacityProviderStrategy = placeholder(STRATEGY_VARIABLE);
  draft.setDefault(STRATEGY_VARIABLE, variableSchema(STRATEGY_VARIABLE), providers);
  if (previous === undefined || previousVariable === STRATEGY_VARIABLE) {
    return;
  }
  if (previousVariable !== undefined && draft.removeVariableIfUnused(previousVariable)) {
    draft.note(
      `Replaced ${placeholder(previousVariable)} in task_run_request.capacityProviderStrategy with ${placeholder(STRATEGY_VARIABLE)} and removed the "${previousVariable}" variable.`,
    );
    return;
  }
  draft.note(
    `Replaced task_run_request.capacityProviderStrategy ${JSON.stringify(previous)} with ${placeholder(STRATEGY_VARIABLE)}.`,
  );
}

function fitFargate(
  draft: TemplateDraft,
  taskDefinition: Record<string, unknown> | undefined,
  settings: AwsvpcSettings,
): void {
  if (taskDefinition) {
    makeFargateReady(draft, taskDefinition);
  } else {
    draft.note(
      'job_configuration has no task_definition, so runs use an existing task definition; it must be registered with FARGATE compatibility and awsvpc.',
    );
  }
  const givesNetwork =
    settings.subnets !== undefined ||
    settings.securityGroups !== undefined ||
    settings.vpcId !== undefined ||
    settings.assignPublicIp !== undefined;
  if (givesNetwork) {
    applyAwsvpcConfiguration(draft, settings, true);
  }
}

function fitAutoScalingGroups(
  draft: TemplateDraft,
  taskDefinition: Record<string, unknown> | undefined,
  networkMode: 'bridge' | 'awsvpc',
  settings: AwsvpcSettings,
): void {
  if (taskDefinition) {
    makeEc2Compatible(draft, taskDefinition);
  } else {
    draft.note(
      'job_configuration has no task_definition, so runs use an existing task definition; it must be registered with EC2 compatibility.',
    );
  }
  if (networkMode === 'bridge') {
    if (taskDefinition) {
      applyBridgeNetwork(draft, taskDefinition);
    }
    return;
  }
  if (taskDefinition) {
    setNetworkMode(draft, taskDefinition, 'awsvpc');
  }
  applyAwsvpcConfiguration(draft, settings, false);
}

/**
 * Returns the note on which workers send this template as intended.
 * prefect-aws 0.4.14 added dropping the launch type next to a strategy, and
 * 0.6.0 stopped treating a missing launch type as Fargate when it prepares
 * the task definition.
 */
function workerNote(kind: ProviderKind): string {
  return kind === 'fargate'
    ? 'The template needs a hybrid worker with prefect-aws 0.4.14 or later; push pools and older workers send a launch type next to the strategy.'
    : 'The template needs a hybrid worker with prefect-aws 0.6.0 or later; push pools and older workers prepare the task definition for Fargate or send a launch type next to the strategy.';
}
