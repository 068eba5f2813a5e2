// Runs the Playwright e2e suite (playwright.config.ts; its global setup starts the dashboard, the worker
// and the OpenID Provider on the services in `env`) with inherited output, and resolves with its exit
// code. Its JSON report lands in reports/playwright.json, which test-summary.ts counts.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall } from './apt.ts';
import { repoRoot } from './config.ts';

export type RunE2eOptions = {
  /** Must carry DATABASE_URL and TEMPORAL_ADDRESS of running services. */
  env: NodeJS.ProcessEnv;
  /** Extra `playwright test` arguments (a spec file, --grep ...). */
  args?: string[];
};

/** Playwright cannot download its browsers here, so the suite drives Debian's Chromium (see the config). */
const ensureChromium = (env: NodeJS.ProcessEnv) => {
  const browser = env.SUTURE_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(browser)) aptInstall(['chromium'], `the dashboard's browser tests need ${browser}`);
};

export const runE2e = ({ env, args = [] }: RunE2eOptions): Promise<number> => {
  try {
    ensureChromium(env);
  } catch (error) {
    console.error(`suture: ${error instanceof Error ? error.message : String(error)}`);
    return Promise.resolve(1);
  }
  return new Promise((done) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'playwright'), ['test', ...args], {
      cwd: repoRoot,
      env,
      stdio: 'inherit',
    });
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    child.on('error', () => done(127));
  });
};
