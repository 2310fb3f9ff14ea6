import AxeBuilder from '@axe-core/playwright';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Page } from '@playwright/test';

/** axe-core for the accessibility suite: WCAG 2.x A and AA rules plus axe's best practices. */
export const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];
const BLOCKING = new Set(['serious', 'critical']);

/** Runs axe on the page as it is now; fails with each violation's id, targets and help URL. */
export async function expectAccessible(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const blocking = violations.filter((v) => BLOCKING.has(v.impact ?? ''));
  const report = blocking.map((v) =>
    [
      `${v.id} (${v.impact}): ${v.help}`,
      `  ${v.helpUrl}`,
      ...v.nodes.map(
        (n) => `  - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ')}`,
      ),
    ].join('\n'),
  );
  expect(
    blocking.length,
    `Serious or critical violations on ${state} (${page.url()}):\n${report.join('\n')}`,
  ).toBe(0);
}

/** The route of every page.tsx under app/, with route groups left out: /w/[workspaceId]/... */
export function appPages(dir = path.join(__dirname, '..', 'app'), route = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) {
      const segment = /^\(.*\)$/.test(entry.name) || entry.name.startsWith('_') ? '' : `/${entry.name}`;
      return appPages(path.join(dir, entry.name), route + segment);
    }
    if (entry.name === 'page.tsx') return [route || '/'];
    // The app-wide special pages: not-found.tsx and error.tsx at the root.
    if (!route && ['not-found.tsx', 'error.tsx', 'global-error.tsx'].includes(entry.name))
      return [`!${entry.name}`];
    return [];
  });
}
