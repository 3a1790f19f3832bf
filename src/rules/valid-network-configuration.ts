import type {
  DocumentLocation,
  PatchOperation,
  RuleContext,
  Scenario,
} from '../linter/types.js';
import { getAtPointer, isPlainObject, joinPointer } from '../parse/pointer.js';
import { isUnknown } from '../render/unknown.js';
import { isTruthy } from '../worker/prepare.js';
import { createRule } from './utils/create-rule.js';
import {
  checkAwsvpcContent,
  effectiveAwsvpcPointer,
  innerShapeProblem,
  NETWORK_CONFIGURATION,
  outerShapeProblem,
  RUN_REQUEST_AWSVPC,
  RUN_REQUEST_NETWORK_CONFIGURATION,
  type NetworkFinding,
  type ShapeProblem,
} from './utils/valid-network-configuration.js';

/**
 * A configuration in the wrong form, with the scenarios that render it from one
 * place.
 */
interface ShapeReport {
  problem: ShapeProblem;
  location: DocumentLocation;
  /** Rendered pointer of the configuration: the inner or the outer object. */
  pointer: string;
  /** Rendered pointer of the inner object once the form is corrected. */
  innerPointer: string;
  /** Keys that lead from the corrected candidate to the inner object. */
  innerPath: string[];
  scenarios: Scenario[];
}

export default createRule({
  id: 'valid-network-configuration',
  meta: {
    type: 'problem',
    docs: {
      description:
        'Require network configurations in the shape and limits awsvpc accepts.',
    },
    levels: ['error', 'warning', 'info'],
    fixable: true,
    hasSuggestions: false,
    messages: {
      notObject:
        '{{label}} is {{type}}; it must be an object with subnets, securityGroups and assignPublicIp.',
      wrapped:
        '{{label}} is wrapped in {{key}}; the worker adds that wrapper itself, so subnets, securityGroups and assignPublicIp belong at the top of {{label}}.',
      cloudFormationCasing:
        '{{label}} uses the CloudFormation key names {{keys}}; RunTask accepts only awsvpcConfiguration, subnets, securityGroups and assignPublicIp.',
      notWrapped:
        '{{label}} holds {{keys}} directly; RunTask expects them inside networkConfiguration.awsvpcConfiguration.',
      unknownKey:
        'awsvpcConfiguration has the key {{key}}, which RunTask rejects; the allowed keys are subnets, securityGroups and assignPublicIp{{hint}}.',
      unknownOuterKey:
        'task_run_request.networkConfiguration has the key {{key}}, which RunTask rejects; its only key is awsvpcConfiguration.',
      missingSubnets:
        'The network configuration lists no subnets; RunTask requires at least one subnet id.',
      notList: '{{key}} is {{type}}; it must be a list of ids.',
      subnetCount:
        'The network configuration lists {{count}} subnets; RunTask accepts {{min}} to {{max}}.',
      securityGroupCount:
        'The network configuration lists {{count}} security groups; RunTask accepts at most {{max}}.',
      malformedSubnetId:
        'Subnet id {{id}} is not "subnet-" followed by 8 or 17 lower-case hexadecimal digits.',
      malformedSecurityGroupId:
        'Security group id {{id}} is not "sg-" followed by 8 or 17 lower-case hexadecimal digits.',
      invalidAssignPublicIp:
        'assignPublicIp is {{value}}; RunTask accepts only "ENABLED" or "DISABLED".',
      publicIpNotFargate:
        'assignPublicIp is ENABLED but the task runs on {{capacity}}; AWS rejects it with "Assign public IP is not supported for this launch type."',
      defaultSecurityGroup:
        'The network configuration lists no security groups, so ECS attaches the default security group of the VPC.',
    },
  },
  check(context) {
    if (!context.template.jobConfiguration) {
      return;
    }
    const shapeReports = new Map<string, ShapeReport>();
    for (const scenario of context.scenarios) {
      checkNetworkConfiguration(context, scenario, shapeReports);
      checkRunRequestConfiguration(context, scenario, shapeReports);
    }
    for (const shapeReport of shapeReports.values()) {
      reportShape(context, shapeReport);
    }
  },
});

function checkNetworkConfiguration(
  context: RuleContext,
  scenario: Scenario,
  shapeReports: Map<string, ShapeReport>,
): void {
  const value = scenario.rendered.value.network_configuration;
  if (!isTruthy(value) || isUnknown(value)) {
    return;
  }
  const problem = innerShapeProblem(value, 'network_configuration');
  if (problem) {
    collectShape(shapeReports, scenario, problem, {
      pointer: NETWORK_CONFIGURATION,
      innerPointer: NETWORK_CONFIGURATION,
      innerPath: [],
    });
    return;
  }
  checkContent(
    context,
    scenario,
    value as Record<string, unknown>,
    NETWORK_CONFIGURATION,
  );
}

function checkRunRequestConfiguration(
  context: RuleContext,
  scenario: Scenario,
  shapeReports: Map<string, ShapeReport>,
): void {
  const runRequest = scenario.rendered.value.task_run_request;
  if (!isPlainObject(runRequest)) {
    return;
  }
  const value = runRequest.networkConfiguration;
  if (!isTruthy(value) || isUnknown(value)) {
    return;
  }

  const label = 'task_run_request.networkConfiguration';
  const outer = outerShapeProblem(value, label);
  if (outer) {
    collectShape(shapeReports, scenario, outer, {
      pointer: RUN_REQUEST_NETWORK_CONFIGURATION,
      innerPointer: RUN_REQUEST_AWSVPC,
      innerPath: ['awsvpcConfiguration'],
    });
    return;
  }
  const outerValue = value as Record<string, unknown>;
  reportOuterKeys(context, scenario, outerValue);

  const inner = outerValue.awsvpcConfiguration;
  if (isUnknown(inner)) {
    return;
  }
  const problem = innerShapeProblem(inner, `${label}.awsvpcConfiguration`);
  if (problem) {
    collectShape(shapeReports, scenario, problem, {
      pointer: RUN_REQUEST_AWSVPC,
      innerPointer: RUN_REQUEST_AWSVPC,
      innerPath: [],
    });
    return;
  }
  checkContent(
    context,
    scenario,
    inner as Record<string, unknown>,
    RUN_REQUEST_AWSVPC,
  );
}

/**
 * Reports the keys of a run request networkConfiguration besides
 * awsvpcConfiguration.
 */
function reportOuterKeys(
  context: RuleContext,
  scenario: Scenario,
  value: Record<string, unknown>,
): void {
  for (const key of Object.keys(value)) {
    if (key === 'awsvpcConfiguration') {
      continue;
    }
    reportFinding(context, scenario, {
      messageId: 'unknownOuterKey',
      level: 'error',
      pointer: joinPointer(RUN_REQUEST_NETWORK_CONFIGURATION, key),
      data: { key },
    });
  }
}

function checkContent(
  context: RuleContext,
  scenario: Scenario,
  config: Record<string, unknown>,
  pointer: string,
): void {
  const inUse = effectiveAwsvpcPointer(scenario) === pointer;
  for (const finding of checkAwsvpcContent(config, pointer, scenario, inUse)) {
    reportFinding(context, scenario, finding);
  }
}

function reportFinding(
  context: RuleContext,
  scenario: Scenario,
  finding: NetworkFinding,
): void {
  context.report({
    messageId: finding.messageId,
    level: finding.level,
    data: finding.data,
    at: scenario.locate(finding.pointer),
    scenario,
  });
}

/**
 * Groups form problems by the place that supplies the configuration, so a
 * fix there is checked against every scenario that renders it.
 */
function collectShape(
  shapeReports: Map<string, ShapeReport>,
  scenario: Scenario,
  problem: ShapeProblem,
  pointers: Pick<ShapeReport, 'pointer' | 'innerPointer' | 'innerPath'>,
): void {
  const location = scenario.locate(pointers.pointer);
  const key = `${location.document}\u0000${location.pointer}\u0000${problem.messageId}`;
  const existing = shapeReports.get(key);
  if (existing) {
    existing.scenarios.push(scenario);
    return;
  }
  shapeReports.set(key, {
    problem,
    location,
    ...pointers,
    scenarios: [scenario],
  });
}

function reportShape(context: RuleContext, shapeReport: ShapeReport): void {
  const [first] = shapeReport.scenarios;
  context.report({
    messageId: shapeReport.problem.messageId,
    data: shapeReport.problem.data,
    at: shapeReport.location,
    scenario: first,
    fix: shapeFix(context, shapeReport),
  });
}

/**
 * Rewrites the configuration in its right form where it is written: a
 * template literal or a variable default, never a job variable. The
 * literal must hold the rendered value itself (no placeholders), and the
 * rewritten configuration must pass every check in every scenario that
 * renders it, so the fix neither guesses nor exposes a new problem.
 */
function shapeFix(
  context: RuleContext,
  shapeReport: ShapeReport,
): PatchOperation[] | undefined {
  const { candidate } = shapeReport.problem;
  const { location } = shapeReport;
  if (!candidate || location.document !== '') {
    return undefined;
  }
  const written = getAtPointer(context.document.value, location.pointer);
  const clean = shapeReport.scenarios.every((scenario) => {
    const rendered = getAtPointer(scenario.rendered.value, shapeReport.pointer);
    if (JSON.stringify(rendered) !== JSON.stringify(written)) {
      return false;
    }
    const inner = innerOf(candidate, shapeReport.innerPath);
    if (!inner) {
      return false;
    }
    const inUse = effectiveAwsvpcPointer(scenario) === shapeReport.innerPointer;
    return (
      checkAwsvpcContent(inner, shapeReport.innerPointer, scenario, inUse)
        .length === 0
    );
  });
  return clean
    ? [{ op: 'replace', path: location.pointer, value: candidate }]
    : undefined;
}

function innerOf(
  candidate: Record<string, unknown>,
  path: string[],
): Record<string, unknown> | undefined {
  let current: unknown = candidate;
  for (const key of path) {
    current = isPlainObject(current) ? current[key] : undefined;
  }
  return isPlainObject(current) ? current : undefined;
}
