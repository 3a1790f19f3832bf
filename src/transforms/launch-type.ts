import { placeholder, wholePlaceholderName, type TemplateDraft } from './draft.js';

/**
 * Removes `launchType` from the run request. Its variable goes too when no
 * other placeholder reads it, so the template declares nothing that
 * deployments could set without effect.
 */
export function removeLaunchType(draft: TemplateDraft, runRequest: Record<string, unknown>, reason: string): void {
  if (!('launchType' in runRequest)) {
    return;
  }
  const variable = wholePlaceholderName(runRequest.launchType);
  delete runRequest.launchType;
  const removedVariable = variable !== undefined && draft.removeVariableIfUnused(variable);
  draft.note(
    removedVariable
      ? `Removed task_run_request.launchType and the "${variable}" variable: ${reason}`
      : `Removed task_run_request.launchType: ${reason}`,
  );
}

/** Removes the run request's capacity provider strategy and its now unread variable. */
export function removeCapacityProviderStrategy(
  draft: TemplateDraft,
  runRequest: Record<string, unknown>,
  reason: string,
): void {
  if (!('capacityProviderStrategy' in runRequest)) {
    return;
  }
  const variable = wholePlaceholderName(runRequest.capacityProviderStrategy);
  delete runRequest.capacityProviderStrategy;
  const removedVariable = variable !== undefined && draft.removeVariableIfUnused(variable);
  draft.note(
    removedVariable
      ? `Removed task_run_request.capacityProviderStrategy and the "${variable}" variable: ${reason}`
      : `Removed task_run_request.capacityProviderStrategy: ${reason}`,
  );
}

/**
 * Sets the run request's launch type to a literal. A launch type variable
 * that nothing else reads is removed, because a deployment that switched it
 * would run a task definition registered for another launch type. A
 * variable still read elsewhere keeps its declaration with the new default.
 */
export function setLiteralLaunchType(
  draft: TemplateDraft,
  runRequest: Record<string, unknown>,
  launchType: string,
): void {
  const previous = runRequest.launchType;
  if (previous === launchType) {
    return;
  }
  runRequest.launchType = launchType;
  const variable = wholePlaceholderName(previous);
  if (variable === undefined) {
    if (previous !== undefined) {
      draft.note(`Changed task_run_request.launchType from ${JSON.stringify(previous)} to "${launchType}".`);
    }
    return;
  }
  if (draft.removeVariableIfUnused(variable)) {
    draft.note(
      `Replaced ${placeholder(variable)} in task_run_request.launchType with "${launchType}" and removed the "${variable}" variable: the task definition now registers for ${launchType} only.`,
    );
    return;
  }
  const schema = draft.property(variable);
  if (schema) {
    schema.default = launchType;
  }
  draft.note(
    `Replaced ${placeholder(variable)} in task_run_request.launchType with "${launchType}"; "${variable}" is still read elsewhere, so it stays declared with the default "${launchType}".`,
  );
}
