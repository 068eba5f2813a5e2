// The fixtures every e2e spec imports instead of @playwright/test's own `test`:
//
//   import { expect, expectNoSeriousA11yViolations, saveScreenshot, test } from './support/fixtures.ts';
//
//   test('an approver sees the runs waiting for approval', async ({ page, loginAs, stack, db }) => {
//     await loginAs('approver');                       // real OIDC login, lands on '/'
//     const run = stack.runs.find((r) => r.fixture === 'ts-missing-import')!;
//     await page.goto(`/runs/${run.healingRunId}`);    // relative URLs go to the stack's dashboard
//     await expectNoSeriousA11yViolations(page);
//     await saveScreenshot(page, 'run-detail');        // reports/screenshots/run-detail.png
//     expect((await db.healingRun.findUniqueOrThrow({ where: { id: run.healingRunId } })).status)
//       .toBe('waiting_approval');
//   });
//
// - `stack` (per worker): e2e/.state/stack.json as global-setup.ts wrote it: baseURL, the seeded users
//   (email, password, role), the seeded runs (fixture, healingRunId, workflowId, repoPath), the API token
//   for POST /api/ingest, the temp database's URL and the worker's task queue.
// - `db` (per worker): a Prisma client (`@suture/db`) on the stack's temporary database, for assertions
//   on what the UI did (approvals, audit events). Read it; set data up through the app where possible.
// - `loginAs(role, { page?, next? })` (per test): clears the page's cookies, then signs in as
//   `<role>@suture.local` as a person does (the sign-in button on /login, the provider's email/password
//   form) and waits until the app shows `next` (default '/'). Returns the user. `page.request` then
//   carries the session cookie for API calls as that user. Pass `page` to sign a second browser context
//   in, e.g. an approver and a viewer side by side.
// - `baseURL` is the stack's dashboard, so `page.goto('/runs')` and `request.get('/api/me')` work.
//
// The seeded runs are shared by every spec (one worker, files in name order): a spec that approves or
// rejects one changes it for the specs after it, so such a spec should say which run it takes and why.
import { expect, test as base, type Page } from '@playwright/test';
import { createDatabase, type Database } from '@suture/db';
import { readStackState, stackStatePath, type Role, type StackState, type StackUser } from './stack-state.ts';

export { expect } from '@playwright/test';
export { expectNoSeriousA11yViolations, type A11yOptions } from './expect-no-serious-a11y-violations.ts';
export { saveScreenshot } from './save-screenshot.ts';
export type { Role, SeededRun, StackState, StackUser } from './stack-state.ts';

export type LoginOptions = {
  /** Defaults to the test's own page. */
  page?: Page;
  /** Same-site path to land on after signing in (the login page's callbackUrl); defaults to '/'. */
  next?: string;
};
export type LoginAs = (role: Role, options?: LoginOptions) => Promise<StackUser>;

type TestFixtures = { loginAs: LoginAs };
type WorkerFixtures = { stack: StackState; db: Database };

export const test = base.extend<TestFixtures, WorkerFixtures>({
  stack: [
    async ({}, use) => {
      const state = readStackState();
      if (!state?.ready)
        throw new Error(`${stackStatePath} is missing or incomplete: the e2e global setup did not finish`);
      await use(state);
    },
    { scope: 'worker' },
  ],

  db: [
    async ({ stack }, use) => {
      const db = createDatabase({ databaseUrl: stack.databaseUrl, maxConnections: 2 });
      await use(db);
      await db.$disconnect();
    },
    { scope: 'worker' },
  ],

  baseURL: async ({ stack }, use) => {
    await use(stack.baseURL);
  },

  loginAs: async ({ page: ownPage, stack }, use) => {
    await use(async (role, { page = ownPage, next = '/' } = {}) => {
      const user = stack.users.find((candidate) => candidate.role === role);
      if (!user) throw new Error(`no seeded user with role ${role}`);
      // The provider remembers who signed in last; without clearing, a second loginAs in the same
      // context would come back as the first user without seeing the form.
      await page.context().clearCookies();
      await page.goto(`${stack.baseURL}/login?callbackUrl=${encodeURIComponent(next)}`);
      await page.getByRole('button', { name: /sign in/i }).click();
      await page.waitForURL(
        (url) => url.origin === stack.oidcIssuer && url.pathname.startsWith('/interaction/'),
      );
      await page.getByLabel('Email').fill(user.email);
      await page.getByLabel('Password').fill(user.password);
      await page.getByRole('button', { name: 'Sign in', exact: true }).click();
      await page.waitForURL(new URL(next, stack.baseURL).toString());
      expect(
        (await page.context().cookies(stack.baseURL)).some((c) => c.name.endsWith('next-auth.session-token')),
        `signed in as ${user.email} without a session cookie`,
      ).toBe(true);
      return user;
    });
  },
});
