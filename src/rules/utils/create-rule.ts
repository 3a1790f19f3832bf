import type { Rule, RuleContext, RuleMeta } from '../../linter/types.js';

/** Base address of the rule pages; each rule's page is `<base><id>.md`. */
export const RULE_DOCS_BASE_URL =
  'https://github.com/prefect-ecs-lint/prefect-ecs-lint/blob/main/docs/rules/';

export interface RuleDefinition {
  id: string;
  meta: Omit<RuleMeta, 'docs'> & { docs: { description: string } };
  check(context: RuleContext): void;
}

/** Builds a rule and fills in its documentation address from its id. */
export function createRule(definition: RuleDefinition): Rule {
  return {
    id: definition.id,
    meta: {
      ...definition.meta,
      docs: { ...definition.meta.docs, url: `${RULE_DOCS_BASE_URL}${definition.id}.md` },
    },
    check: definition.check,
  };
}
