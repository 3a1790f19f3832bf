import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'launch-type-compatibility',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a launch type that the task definition supports.',
    },
    levels: ['error'],
    fixable: true,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
