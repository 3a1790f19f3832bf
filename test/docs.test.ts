import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { RULE_TABLE_END, RULE_TABLE_START, renderRuleTable } from '../src/docs/rule-table.js';
import { rules } from '../src/rules/index.js';

const ROOT = path.join(import.meta.dirname, '..');
const RULE_DOCS = path.join(ROOT, 'docs', 'rules');
const REQUIRED_HEADINGS = ['## Rule details', '## Why', '## Examples', '## Options', '## Known limitations'];

describe('rule documentation', () => {
  const pages = readdirSync(RULE_DOCS)
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.replace(/\.md$/, ''));
  const ids = rules.map((rule) => rule.id);

  it('has a page for every rule', () => {
    expect(ids.filter((id) => !pages.includes(id))).toEqual([]);
  });

  it('has no page for a rule that does not exist', () => {
    expect(pages.filter((page) => !ids.includes(page))).toEqual([]);
  });

  for (const rule of rules) {
    it(`${rule.id} page has the standard headings in order`, () => {
      const text = readFileSync(path.join(RULE_DOCS, `${rule.id}.md`), 'utf8');
      expect(text.startsWith(`# ${rule.id}\n`)).toBe(true);
      const positions = REQUIRED_HEADINGS.map((heading) => text.indexOf(`\n${heading}\n`));
      expect(positions.every((position) => position > 0), `missing one of ${REQUIRED_HEADINGS.join(', ')}`).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    });

    it(`${rule.id} docs URL names its page`, () => {
      expect(rule.meta.docs.url.endsWith(`/docs/rules/${rule.id}.md`)).toBe(true);
    });
  }
});

describe('README rule table', () => {
  it('matches the rules meta', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf(RULE_TABLE_START);
    const end = readme.indexOf(RULE_TABLE_END);
    expect(start, 'README.md lacks the rule table markers').toBeGreaterThan(0);
    const table = readme.slice(start + RULE_TABLE_START.length, end).trim();
    expect(table, 'run npm run generate:rule-table').toBe(renderRuleTable(rules));
  });
});
