import { isPlainObject, joinPointer } from '../parse/pointer.js';
import type { RuleContext } from '../linter/types.js';
import { findUnsupportedSyntax, type UnsupportedSyntax } from '../placeholders/explain.js';
import { wholeValuePlaceholder } from '../placeholders/grammar.js';
import { createRule } from './utils/create-rule.js';

const TERRAFORM_INTERPOLATION = /\$\{[^}]*\}/;

const UNSUPPORTED_REASON: Record<UnsupportedSyntax['reason'], string> = {
  filter: 'Jinja filters are not supported',
  expression: 'expressions are not supported',
  'space-in-name': 'a name cannot contain spaces',
  empty: 'the placeholder has no name',
  'block-tag': '{% %} tags are not supported',
  'comment-tag': '{# #} comments are not supported',
  unbalanced: 'the braces are not closed',
};

export default createRule({
  id: 'valid-placeholder',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require placeholder text that Prefect renders, with the type the field needs.',
    },
    levels: ['error', 'warning'],
    fixable: true,
    hasSuggestions: true,
    messages: {
      unsupported: '{{text}} is not a placeholder Prefect renders ({{reason}}), so it reaches AWS as literal text.',
      whitespace:
        'Whitespace around "{{placeholder}}" makes Prefect render it as text, so a {{type}} value turns into a string.',
      whitespaceInText:
        'Whitespace around "{{placeholder}}" stays in the rendered value, so AWS receives the text with the extra spaces.',
      inlineValue:
        'Inline placeholder "{{placeholder}}" renders {{outcome}}; use it as the whole value or give "{{name}}" a string default.',
      inKey: 'Placeholder "{{text}}" in an object key is never rendered; move it into a value.',
      terraform: '{{text}} looks like a Terraform interpolation that was never rendered; AWS receives it as literal text.',
    },
  },
  check(context) {
    const jobConfiguration = context.template.jobConfiguration;
    if (!jobConfiguration) {
      return;
    }
    walkStrings(jobConfiguration, context.pointer('/job_configuration'), (text, pointer, inKey) => {
      checkString(context, text, pointer, inKey);
    });
  },
});

function walkStrings(
  value: unknown,
  pointer: string,
  visit: (text: string, pointer: string, inKey: boolean) => void,
): void {
  if (typeof value === 'string') {
    visit(value, pointer, false);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => walkStrings(item, joinPointer(pointer, index), visit));
  } else if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const childPointer = joinPointer(pointer, key);
      visit(key, childPointer, true);
      walkStrings(child, childPointer, visit);
    }
  }
}

function checkString(context: RuleContext, text: string, pointer: string, inKey: boolean): void {
  for (const unsupported of findUnsupportedSyntax(text)) {
    const declared = unsupported.variable && unsupported.variable in context.template.properties;
    context.report({
      messageId: 'unsupported',
      data: { text: JSON.stringify(unsupported.text), reason: UNSUPPORTED_REASON[unsupported.reason] },
      at: pointer,
      suggest:
        declared && !inKey && unsupported.text === text
          ? [
              {
                desc: `Use the placeholder "{{ ${unsupported.variable} }}" instead.`,
                patch: [{ op: 'replace', path: pointer, value: `{{ ${unsupported.variable} }}` }],
              },
            ]
          : [],
    });
  }

  const terraform = TERRAFORM_INTERPOLATION.exec(text);
  if (terraform) {
    context.report({
      messageId: 'terraform',
      data: { text: JSON.stringify(terraform[0]) },
      at: pointer,
      level: 'warning',
    });
  }

  const occurrences = context.placeholders.filter((p) => p.pointer === pointer && p.inKey === inKey);
  if (inKey) {
    for (const occurrence of occurrences) {
      context.report({ messageId: 'inKey', data: { text: occurrence.text }, at: pointer });
    }
    return;
  }
  checkWhitespace(context, text, pointer);
  checkInline(context, text, pointer);
}

function checkWhitespace(context: RuleContext, text: string, pointer: string): void {
  const trimmed = text.trim();
  if (trimmed === text) {
    return;
  }
  const placeholder = wholeValuePlaceholder(trimmed);
  if (!placeholder) {
    return;
  }
  const schema = context.template.properties[placeholder.name];
  const type = describeType(schema);
  context.report({
    messageId: type === 'string' ? 'whitespaceInText' : 'whitespace',
    data: type === 'string' ? { placeholder: trimmed } : { placeholder: trimmed, type },
    at: pointer,
    fix: [{ op: 'replace', path: pointer, value: trimmed }],
  });
}

function checkInline(context: RuleContext, text: string, pointer: string): void {
  if (wholeValuePlaceholder(text) || text.trim() !== text) {
    return;
  }
  const occurrences = context.placeholders.filter(
    (p) => p.pointer === pointer && !p.inKey && p.kind === 'job-variable',
  );
  for (const occurrence of occurrences) {
    const outcome = inlineOutcome(context, occurrence.name);
    if (outcome) {
      context.report({
        messageId: 'inlineValue',
        data: { placeholder: occurrence.text, name: occurrence.name, outcome },
        at: pointer,
        level: 'warning',
      });
    }
  }
}

/** Describes what an inline placeholder turns into when its variable is not plain text, if that is a problem. */
function inlineOutcome(context: RuleContext, name: string): string | undefined {
  const schema = context.template.properties[name];
  if (!schema) {
    return undefined;
  }
  const types = schemaTypes(schema);
  const nonString = types.filter((type) => type !== 'string' && type !== 'null');
  if (nonString.length > 0) {
    return `a Python ${pythonTypeName(nonString[0] ?? '')} as text (for example ${examplePython(nonString[0] ?? '')})`;
  }
  const missingInSomeScenario = context.scenarios.some((scenario) => {
    const value = scenario.values.values[name];
    return value === undefined || value === null;
  });
  if (missingInSomeScenario) {
    return 'an empty string (or "None") when no value is set';
  }
  return undefined;
}

function schemaTypes(schema: Record<string, unknown>): string[] {
  const types: string[] = [];
  const collect = (node: unknown): void => {
    if (!isPlainObject(node)) {
      return;
    }
    if (typeof node.type === 'string') {
      types.push(node.type);
    } else if (Array.isArray(node.type)) {
      types.push(...node.type.filter((t): t is string => typeof t === 'string'));
    }
    for (const key of ['anyOf', 'oneOf', 'allOf']) {
      const branches = node[key];
      if (Array.isArray(branches)) {
        branches.forEach(collect);
      }
    }
  };
  collect(schema);
  return types;
}

function describeType(schema: Record<string, unknown> | undefined): string {
  const types = schema ? schemaTypes(schema).filter((type) => type !== 'null') : [];
  return types[0] ?? 'typed';
}

function pythonTypeName(type: string): string {
  switch (type) {
    case 'integer':
      return 'int';
    case 'number':
      return 'float';
    case 'boolean':
      return 'bool';
    case 'object':
      return 'dict';
    case 'array':
      return 'list';
    default:
      return type;
  }
}

function examplePython(type: string): string {
  switch (type) {
    case 'boolean':
      return '"True"';
    case 'object':
      return `"{'key': 'value'}"`;
    case 'array':
      return `"['a', 'b']"`;
    default:
      return '"1024"';
  }
}
