/**
 * The one catalog of codes (core/model/codes.ts) and the officials' guide that explains them: every code a command
 * stops with or a check finds is in the guide's tables (sections 5.3 and 5.4), and the guide names no code that is not.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUE_CODES, ISSUE_LABELS, STOP_CODES } from '../../core/index';

const GUIDE = readFileSync(new URL('../../docs/huong-dan/5-thong-bao-loi.md', import.meta.url), 'utf8');

/** The codes in the first column of the guide's tables, between "## 5.3" and "## 5.5". */
function guideCodes(): string[] {
  const tables = GUIDE.slice(GUIDE.indexOf('## 5.3'), GUIDE.indexOf('## 5.5'));
  return tables
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!));
}

describe('the catalog of codes', () => {
  it('is what the officials’ guide explains, no more and no less', () => {
    const catalog = new Set<string>([...STOP_CODES, ...ISSUE_CODES]);
    const guide = new Set(guideCodes());
    expect([...catalog].filter((c) => !guide.has(c))).toEqual([]);
    expect([...guide].filter((c) => !catalog.has(c))).toEqual([]);
  });

  it('names each kind of problem in Vietnamese where the sidebar groups them', () => {
    for (const code of ISSUE_CODES) expect(ISSUE_LABELS[code], code).toMatch(/^\p{Lu}[\p{Ll} ,\d]+/u);
  });

  it('lists each code once', () => {
    expect(new Set(STOP_CODES).size).toBe(STOP_CODES.length);
    expect(new Set(ISSUE_CODES).size).toBe(ISSUE_CODES.length);
  });
});
