import { createRule } from './create-rule.js';

// TODO: placeholder until the rule is written; it reports nothing yet.
export default createRule({
  id: 'valid-aws-identifiers',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require well-formed ARNs, image URIs and VPC, subnet and security group ids.',
    },
    levels: ['warning'],
    fixable: false,
    hasSuggestions: false,
    messages: {},
  },
  check() {},
});
