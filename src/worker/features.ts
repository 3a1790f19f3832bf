import type { Target } from '../model/template.js';

/**
 * Worker behaviours that changed between prefect-aws releases. Each flag
 * names the release that introduced it. A push pool is treated as having
 * none of the newer worker fixes, because Prefect Cloud's push executor is
 * not public and is known to lag behind the hybrid worker.
 */
export interface WorkerFeatures {
  /** 0.4.14: `launchType` is dropped from RunTask when a strategy is present. */
  dropsLaunchTypeWithStrategy: boolean;
  /** 0.6.0: `launchType` defaults to FARGATE only when no strategy is given. */
  defaultsLaunchTypeOnlyWithoutStrategy: boolean;
  /**
   * 0.7.1: a missing or empty run request `launchType` is set to FARGATE
   * (push pools always fill it in). Older workers send none, so the
   * cluster's default capacity provider strategy applies.
   */
  defaultsRunRequestLaunchType: boolean;
  /** 0.5.11: empty values are removed from the task definition before it is registered. */
  removesEmptyValues: boolean;
  /** 0.6.0: a missing `launchType` no longer prepares the task definition for Fargate. */
  missingLaunchTypeIsNotFargate: boolean;
  /** 0.7.1: the run request's `cluster` is filled from `job_configuration.cluster`. */
  fillsRunRequestCluster: boolean;
  /** 0.7.2: an EC2-compatible definition with no launch type uses the cluster default strategy. */
  omitsLaunchTypeForEc2Compatibility: boolean;
  /** 0.7.4: `false` values such as `essential: false` survive the empty-value cleanup. */
  keepsFalseValues: boolean;
  /** 0.7.11: Prefect's secret ARNs are merged into existing container secrets. */
  mergesSecrets: boolean;
  /** Up to 0.5.10 the worker dropped falsy variable values before rendering. */
  dropsFalsyVariables: boolean;
  /** The release whose `job_configuration` keys the worker accepts. */
  knownKeysVersion: string;
}

export function compareVersions(left: string, right: string): number {
  const a = left.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  const b = right.split(/[.+-]/).map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length, 3); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) {
      return Math.sign(difference);
    }
  }
  return 0;
}

export function isValidVersion(version: string): boolean {
  return /^\d+\.\d+\.\d+$/.test(version);
}

const featuresByTarget = new Map<string, WorkerFeatures>();

export function workerFeatures(target: Target): WorkerFeatures {
  const key = target.kind === 'push' ? 'push' : target.prefectAws;
  let features = featuresByTarget.get(key);
  if (!features) {
    // Frozen because every lint for this target shares the object.
    features = Object.freeze(computeWorkerFeatures(target));
    featuresByTarget.set(key, features);
  }
  return features;
}

function computeWorkerFeatures(target: Target): WorkerFeatures {
  if (target.kind === 'push') {
    return {
      dropsLaunchTypeWithStrategy: false,
      defaultsLaunchTypeOnlyWithoutStrategy: false,
      defaultsRunRequestLaunchType: true,
      removesEmptyValues: true,
      missingLaunchTypeIsNotFargate: false,
      fillsRunRequestCluster: false,
      omitsLaunchTypeForEc2Compatibility: false,
      keepsFalseValues: false,
      mergesSecrets: false,
      dropsFalsyVariables: false,
      // Push pools are served the current template, so every current key is known.
      knownKeysVersion: '999.0.0',
    };
  }
  const atLeast = (version: string): boolean => compareVersions(target.prefectAws, version) >= 0;
  return {
    dropsLaunchTypeWithStrategy: atLeast('0.4.14'),
    defaultsLaunchTypeOnlyWithoutStrategy: atLeast('0.6.0'),
    defaultsRunRequestLaunchType: atLeast('0.7.1'),
    removesEmptyValues: atLeast('0.5.11'),
    missingLaunchTypeIsNotFargate: atLeast('0.6.0'),
    fillsRunRequestCluster: atLeast('0.7.1'),
    omitsLaunchTypeForEc2Compatibility: atLeast('0.7.2'),
    keepsFalseValues: atLeast('0.7.4'),
    mergesSecrets: atLeast('0.7.11'),
    dropsFalsyVariables: !atLeast('0.5.11'),
    knownKeysVersion: target.prefectAws,
  };
}

/** The `job_configuration` keys of the ECS worker and the release that added each. */
export const JOB_CONFIGURATION_KEYS: Record<string, string> = {
  command: '0.3.1',
  env: '0.3.1',
  labels: '0.3.1',
  name: '0.3.1',
  aws_credentials: '0.3.1',
  task_definition: '0.3.1',
  task_run_request: '0.3.1',
  configure_cloudwatch_logs: '0.3.1',
  cloudwatch_logs_options: '0.3.1',
  stream_output: '0.3.1',
  task_start_timeout_seconds: '0.3.1',
  task_watch_poll_interval: '0.3.1',
  auto_deregister_task_definition: '0.3.1',
  vpc_id: '0.3.1',
  container_name: '0.3.1',
  cluster: '0.3.1',
  network_configuration: '0.3.7',
  match_latest_revision_in_family: '0.4.10',
  cloudwatch_logs_prefix: '0.4.14',
  execution_role_arn: '0.5.0',
  prefect_api_key_secret_arn: '0.5.12',
  prefect_api_auth_string_secret_arn: '0.5.13',
};

export function isKeyKnownTo(key: string, version: string): boolean {
  const since = JOB_CONFIGURATION_KEYS[key];
  return since !== undefined && compareVersions(version, since) >= 0;
}
