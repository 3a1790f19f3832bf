import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-network-configuration',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require network configurations in the shape and limits awsvpc accepts.',
    },
    levels: ['error', 'warning', 'info'],
    fixable: true,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
