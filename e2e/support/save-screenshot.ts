// A full-page screenshot under reports/screenshots/<name>.png (kept with the test reports, for people
// reviewing the dashboard), also attached to the Playwright report.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, type Page } from '@playwright/test';
import { repoRoot } from './stack-state.ts';

export const screenshotDir = join(repoRoot, 'reports', 'screenshots');

export const saveScreenshot = async (page: Page, name: string) => {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) throw new Error(`screenshot name must be kebab-case: ${name}`);
  mkdirSync(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
  return path;
};
