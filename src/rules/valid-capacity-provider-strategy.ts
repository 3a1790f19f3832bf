import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-capacity-provider-strategy',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require capacity provider strategies that ECS and Prefect accept.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
