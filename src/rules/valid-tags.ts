import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-tags',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require ECS tags within AWS limits and character rules.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: true,
    messages: {},
  },
  check() {},
});
