import { isEcsClusterReference } from '../aws/identifiers.js';
import type { PatchOperation, RuleContext, Scenario } from '../linter/types.js';
import { isPlainObject } from '../parse/pointer.js';
import { findPlaceholders } from '../placeholders/grammar.js';
import { isUnknown } from '../render/unknown.js';
import { createRule } from './utils/create-rule.js';

const RUN_REQUEST = '/job_configuration/task_run_request';
const CLUSTER_ARN_NAME = /^arn:[^:]+:ecs:[^:]*:[^:]*:cluster\/(.+)$/;

export default createRule({
  id: 'require-run-request-cluster',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require the RunTask request to use the configured cluster.',
    },
    levels: ['warning'],
    fixable: true,
    hasSuggestions: false,
    messages: {
      missing:
        'job_configuration.cluster is {{cluster}} but task_run_request has no cluster, and {{target}} does not copy it over, so RunTask starts the task in the "default" cluster.',
      different:
        'task_run_request.cluster is {{requested}} but job_configuration.cluster is {{cluster}}, so the task starts in a different cluster from the one the work pool configures.',
    },
  },
  check(context) {
    const jobConfiguration = context.template.jobConfiguration;
    if (
      !jobConfiguration ||
      !('cluster' in jobConfiguration) ||
      !isPlainObject(jobConfiguration.task_run_request)
    ) {
      return;
    }
    // Copying the cluster is safe only when every scenario has one: a
    // scenario without it would otherwise lose the run request's literal
    // cluster and start the task in the default cluster.
    const everyScenarioHasCluster = context.scenarios.every((scenario) =>
      isKnownCluster(scenario.rendered.value.cluster),
    );
    const fix = everyScenarioHasCluster ? copyClusterOperations(context, jobConfiguration) : undefined;
    for (const scenario of context.scenarios) {
      checkScenario(context, scenario, fix);
    }
  },
});

function checkScenario(
  context: RuleContext,
  scenario: Scenario,
  fix: PatchOperation[] | undefined,
): void {
  const configured = scenario.rendered.value.cluster;
  const runRequest = scenario.rendered.value.task_run_request;
  if (!isKnownCluster(configured) || !isPlainObject(runRequest)) {
    return;
  }
  const requested = runRequest.cluster;
  if (requested === undefined || requested === null || requested === '') {
    // prefect-aws 0.7.1 and later fill a missing run request cluster in.
    if (context.features.fillsRunRequestCluster) {
      return;
    }
    context.report({
      messageId: 'missing',
      data: {
        cluster: JSON.stringify(configured),
        target: describeWorker(context),
      },
      at: context.pointer(RUN_REQUEST),
      scenario,
      fix,
    });
    return;
  }
  if (
    !isKnownCluster(requested) ||
    clusterName(requested) === clusterName(configured)
  ) {
    return;
  }
  context.report({
    messageId: 'different',
    data: {
      cluster: JSON.stringify(configured),
      requested: JSON.stringify(requested),
    },
    at: scenario.locate('/task_run_request/cluster'),
    scenario,
    fix,
  });
}

/**
 * Writes `job_configuration.cluster` as the template writes it (a
 * placeholder or a literal) into the run request, so both render the same
 * value in every scenario. Only a missing or literal run request cluster
 * is replaced: a placeholder there is a variable someone sets on purpose.
 * A literal is copied only when it is a valid cluster name or ARN, so the
 * copy adds no second report about the same bad value.
 */
function copyClusterOperations(
  context: RuleContext,
  jobConfiguration: Record<string, unknown>,
): PatchOperation[] | undefined {
  const source = jobConfiguration.cluster;
  const runRequest = jobConfiguration.task_run_request;
  if (typeof source !== 'string' || !isPlainObject(runRequest)) {
    return undefined;
  }
  const isLiteral = findPlaceholders(source).length === 0;
  if (isLiteral && !isEcsClusterReference(source)) {
    return undefined;
  }
  const path = context.pointer(`${RUN_REQUEST}/cluster`);
  const current = runRequest.cluster;
  if (current === undefined) {
    return [{ op: 'add', path, value: source }];
  }
  if (typeof current === 'string' && findPlaceholders(current).length === 0) {
    return [{ op: 'replace', path, value: source }];
  }
  return undefined;
}

function isKnownCluster(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && !isUnknown(value);
}

/** Returns a cluster's name, so that a name and the ARN of the same cluster compare equal. */
function clusterName(reference: string): string {
  return CLUSTER_ARN_NAME.exec(reference)?.[1] ?? reference;
}

function describeWorker(context: RuleContext): string {
  return context.target.kind === 'push'
    ? 'a push pool'
    : `prefect-aws ${context.target.prefectAws} (the worker fills it in only from 0.7.1)`;
}
