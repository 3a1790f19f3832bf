import type { RuleContext, Scenario } from '../linter/types.js';
import { isPlainObject, isPointerWithin } from '../parse/pointer.js';
import type { PlaceholderOccurrence } from '../placeholders/scan.js';
import { isUnknown } from '../render/unknown.js';
import { createRule } from './utils/create-rule.js';

export default createRule({
  id: 'no-ignored-task-definition',
  meta: {
    type: 'suggestion',
    docs: {
      description:
        'Disallow task definition placeholders that a task definition ARN makes the worker ignore.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: false,
    messages: {
      ignored:
        'task_run_request.taskDefinition is {{arn}}, so the worker registers nothing and ignores task_definition, including the values it takes from {{variables}}.',
      jobVariablesIgnored:
        'This deployment sets {{variables}}, which only task_definition reads, but task_run_request.taskDefinition is {{arn}}, so they change nothing.',
    },
  },
  check(context) {
    const taskDefinitionPointer = context.pointer(
      '/job_configuration/task_definition',
    );
    const occurrences = context.placeholders.filter(
      (occurrence) =>
        occurrence.kind === 'job-variable' &&
        isPointerWithin(occurrence.pointer, taskDefinitionPointer),
    );
    if (occurrences.length === 0) {
      return;
    }
    const variables = unique(
      occurrences.map((occurrence) => rootName(occurrence.name)),
    );
    const onlyInTaskDefinition = variables.filter(
      (name) =>
        !context.placeholders.some(
          (occurrence) =>
            rootName(occurrence.name) === name &&
            !isPointerWithin(occurrence.pointer, taskDefinitionPointer),
        ),
    );
    for (const scenario of context.scenarios) {
      const arn = existingTaskDefinition(scenario);
      if (arn === undefined) {
        continue;
      }
      // Only variables that have a value here lose it; an unset one changes
      // nothing, and one also read outside the task definition still works.
      const ignored = onlyInTaskDefinition.filter((name) => scenario.values.values[name] !== undefined);
      if (ignored.length === 0) {
        continue;
      }
      context.report({
        messageId: 'ignored',
        data: { arn: JSON.stringify(arn), variables: ignored.join(', ') },
        at: scenario.locate('/task_run_request/taskDefinition'),
        scenario,
      });
      reportJobVariables(
        context,
        scenario,
        arn,
        onlyInTaskDefinition,
        occurrences,
      );
    }
  },
});

/**
 * Returns the task definition a scenario runs by ARN or family, when it is
 * known.
 */
function existingTaskDefinition(scenario: Scenario): string | undefined {
  if (!scenario.prepared.usesExistingTaskDefinition) {
    return undefined;
  }
  const runRequest = scenario.rendered.value.task_run_request;
  const value = isPlainObject(runRequest)
    ? runRequest.taskDefinition
    : undefined;
  // A Prefect variable or block may still resolve to an empty value.
  return value === undefined || isUnknown(value) ? undefined : String(value);
}

/**
 * Points at the job variables of a deployment that feed only
 * task_definition, since those are the settings the deployment's author
 * expects to take effect.
 */
function reportJobVariables(
  context: RuleContext,
  scenario: Scenario,
  arn: string,
  onlyInTaskDefinition: string[],
  occurrences: PlaceholderOccurrence[],
): void {
  const set = onlyInTaskDefinition.filter((name) =>
    scenario.values.jobVariableNames.has(name),
  );
  const [first] = set;
  if (first === undefined) {
    return;
  }
  const source = scenario.values.sourceOf(first, []);
  const occurrence = occurrences.find(
    (candidate) => rootName(candidate.name) === first,
  );
  if (!source || source.document === '' || !occurrence) {
    return;
  }
  context.report({
    messageId: 'jobVariablesIgnored',
    data: { arn: JSON.stringify(arn), variables: set.join(', ') },
    at: { ...source, templatePointer: occurrence.pointer },
    scenario,
  });
}

function rootName(name: string): string {
  return name.split(/[.[]/)[0] ?? name;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
