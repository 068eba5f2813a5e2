// axe-core on the page as it is now (every rule axe enables by default, WCAG 2.x A/AA among them): fails
// on any violation of impact 'serious' or 'critical' and names each rule, its help page and the first
// offending elements; 'moderate' and 'minor' ones are attached to the report without failing.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const FAILING_IMPACTS = new Set(['serious', 'critical']);

export type A11yOptions = { /** CSS selectors axe skips (third-party widgets). */ exclude?: string[] };

export const expectNoSeriousA11yViolations = async (page: Page, { exclude = [] }: A11yOptions = {}) => {
  let builder = new AxeBuilder({ page });
  for (const selector of exclude) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const serious = violations.filter((v) => FAILING_IMPACTS.has(v.impact ?? ''));
  const minor = violations.filter((v) => !FAILING_IMPACTS.has(v.impact ?? ''));
  if (minor.length > 0)
    await test.info().attach(`axe-minor-${new URL(page.url()).pathname}`, {
      body: JSON.stringify(minor, null, 2),
      contentType: 'application/json',
    });
  const described = serious.map(
    (v) =>
      `${v.impact}: ${v.id} (${v.help}, ${v.helpUrl}) on ${v.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}${v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : ''}`,
  );
  expect(described, `serious accessibility violations on ${page.url()}`).toEqual([]);
};
