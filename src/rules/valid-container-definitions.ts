import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-container-definitions',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require container definitions that the worker and ECS accept.',
    },
    levels: ['error', 'warning'],
    fixable: true,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
