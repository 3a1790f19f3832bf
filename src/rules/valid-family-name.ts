import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-family-name',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require task definition family names that AWS accepts.',
    },
    levels: ['error'],
    fixable: false,
    hasSuggestions: true,
    messages: {},
  },
  check() {},
});
