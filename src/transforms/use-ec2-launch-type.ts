import { TemplateDraft } from './draft.js';
import { removeCapacityProviderStrategy, setLiteralLaunchType } from './launch-type.js';
import {
  applyAwsvpcConfiguration,
  applyBridgeNetwork,
  checkAwsvpcSettings,
  NETWORK_MODE_OPTION,
  parseNetworkCliOptions,
  resolveEc2NetworkMode,
  SECURITY_GROUP_OPTION,
  setNetworkMode,
  SUBNET_OPTION,
  VPC_OPTION,
  type NetworkOptions,
} from './network.js';
import { makeEc2Compatible, removePlatformVersion } from './task-definition.js';
import type { Transform } from './types.js';

export type UseEc2LaunchTypeOptions = Omit<NetworkOptions, 'assignPublicIp'>;

export const useEc2LaunchType: Transform<UseEc2LaunchTypeOptions> = {
  id: 'use-ec2-launch-type',
  description:
    'Run tasks with launch type EC2 on the cluster\'s container instances: no capacity provider strategy, an EC2-only task definition, and bridge or awsvpc networking without a public IP.',
  options: [NETWORK_MODE_OPTION, SUBNET_OPTION, SECURITY_GROUP_OPTION, VPC_OPTION],
  parseCliOptions(values) {
    const { assignPublicIp: _ignored, ...options } = parseNetworkCliOptions(values);
    return options;
  },
  apply(document, options) {
    const networkMode = resolveEc2NetworkMode(options ?? {});
    const settings = checkAwsvpcSettings(options ?? {});
    const draft = TemplateDraft.open(document);

    const runRequest = draft.section('task_run_request', true) ?? {};
    setLiteralLaunchType(draft, runRequest, 'EC2');
    removeCapacityProviderStrategy(
      draft,
      runRequest,
      'AWS rejects a capacity provider strategy next to a launch type.',
    );
    removePlatformVersion(draft, runRequest);

    const taskDefinition = draft.section('task_definition', false);
    if (!taskDefinition) {
      draft.note(
        'job_configuration has no task_definition, so runs use an existing task definition; it must be registered with EC2 compatibility.',
      );
    } else {
      makeEc2Compatible(draft, taskDefinition);
    }
    if (networkMode === 'bridge') {
      if (taskDefinition) {
        applyBridgeNetwork(draft, taskDefinition);
      }
    } else {
      if (taskDefinition) {
        setNetworkMode(draft, taskDefinition, 'awsvpc');
      }
      applyAwsvpcConfiguration(draft, settings, false);
    }
    return draft.result();
  },
};
