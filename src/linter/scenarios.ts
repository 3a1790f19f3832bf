import { joinPointer } from '../parse/pointer.js';
import type { TemplateModel } from '../model/template.js';
import { renderJobConfiguration } from '../render/render.js';
import { buildScenarioValues, type JobVariablesInput } from '../render/values.js';
import type { WorkerFeatures } from '../worker/features.js';
import { prepareRequests } from '../worker/prepare.js';
import type { DocumentLocation, Scenario } from './types.js';

/**
 * Builds the defaults scenario and one scenario per job-variables document:
 * values, rendered configuration and the worker's prepared requests.
 */
export function buildScenarios(
  model: TemplateModel,
  jobVariables: readonly JobVariablesInput[],
  features: WorkerFeatures,
): Scenario[] {
  const inputs: (JobVariablesInput | undefined)[] = [undefined, ...jobVariables];
  return inputs.map((input) => buildScenario(model, input, features));
}

export function buildScenario(
  model: TemplateModel,
  input: JobVariablesInput | undefined,
  features: WorkerFeatures,
): Scenario {
  const values = buildScenarioValues(model, input, { dropFalsy: features.dropsFalsyVariables });
  const jobConfigurationPointer = joinPointer(model.base, 'job_configuration');
  const rendered = renderJobConfiguration(model.jobConfiguration ?? {}, jobConfigurationPointer, values);
  const prepared = prepareRequests(rendered.value, features);

  const locate = (pointer: string): DocumentLocation => {
    const origin = rendered.originOf(pointer);
    if (origin?.source) {
      return { ...origin.source, templatePointer: origin.templatePointer };
    }
    return { document: '', pointer: origin?.templatePointer ?? joinPointer(jobConfigurationPointer) };
  };

  return { name: input?.name, jobVariables: input, values, rendered, prepared, locate };
}
