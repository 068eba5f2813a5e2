// The dashboard as people use it, on runs the real workflow produced: viewers watch, approvers decide,
// reviewers' feedback moves the accuracy figure, admins export the audit log. Every page gets an axe
// check and a screenshot. The specs run in order and change the seeded runs: the prettier-drift run is
// rejected, the ts-missing-import run approved; ts-renamed-export stays waiting.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import { expect, expectNoSeriousA11yViolations, saveScreenshot, test } from './support/fixtures.ts';

test.describe.configure({ mode: 'serial' });

const runOf = (
  stack: { runs: { fixture: string; healingRunId: string; repoPath: string }[] },
  id: string,
) => {
  const run = stack.runs.find((r) => r.fixture === id);
  if (!run) throw new Error(`the e2e stack seeded no ${id} run`);
  return run;
};

test('a viewer sees runs and their detail but cannot approve', async ({ page, loginAs, stack }) => {
  await loginAs('viewer');
  await page.getByRole('link', { name: 'Runs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  const rows = page.locator('tbody tr[data-run-id]');
  await expect(rows).toHaveCount(stack.runs.length);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'runs');

  // Filtering is live and lands in the URL.
  await page.getByLabel('Status').selectOption('rejected');
  await expect(page.getByText('No runs match these filters')).toBeVisible();
  await expect(page).toHaveURL(/status=rejected/);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(rows).toHaveCount(stack.runs.length);

  const run = runOf(stack, 'ts-missing-import');
  await page.locator(`tr[data-run-id="${run.healingRunId}"] a`).click();
  await expect(page.getByRole('heading', { name: 'Timeline' })).toBeVisible();
  await expect(page.getByText('Only approvers can approve or reject this patch.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await page
    .getByRole('button', { name: /^Jump to evidence/ })
    .first()
    .click();
  await expect(page.locator('[data-evidence="true"]').first()).toBeInViewport();
  await expect(page.getByRole('region', { name: /^Diff of / }).first()).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'run-detail');

  // With the dashboard's Origin, as its own pages send it, so the 403 is the role check's.
  const refused = await page.request.post(`/api/runs/${run.healingRunId}/decision`, {
    headers: { origin: stack.baseURL },
    data: { decision: 'approve', reason: 'viewers cannot do this' },
  });
  expect(refused.status()).toBe(403);
  expect(((await refused.json()) as { message: string }).message).not.toMatch(/cross-origin/);
  await page.goto('/approvals');
  await expect(page.getByText('You do not have access to this page.')).toBeVisible();
  await saveScreenshot(page, 'approvals-viewer-denied');
});

test('diagnosis feedback changes the accuracy chart', async ({ page, loginAs, stack, db }) => {
  await loginAs('approver');
  const accuracy = page
    .getByTestId('kpis')
    .locator('div', { hasText: 'Diagnosis accuracy' })
    .locator('dd')
    .first();
  await expect(accuracy).toHaveText('—');
  const chart = page.locator('figure', { hasText: 'Diagnosis accuracy' });
  const dots = chart.locator('.recharts-dot');
  await expect(chart).toContainText('0 reviewed');
  // The patch-success line already has its point for today; the accuracy line has none yet.
  await expect(dots.first()).toBeAttached();
  const dotsBefore = await dots.count();
  const run = runOf(stack, 'ts-renamed-export');
  await page.goto(`/runs/${run.healingRunId}`);
  await page.getByRole('button', { name: 'Correct', exact: true }).click();
  await expect(page.getByTestId('diagnosis-feedback')).toContainText('correct');
  const diagnosis = await db.diagnosis.findFirstOrThrow({ where: { healingRunId: run.healingRunId } });
  expect(diagnosis.feedback).toBe('correct');

  await page.getByRole('link', { name: 'Overview' }).click();
  await expect(accuracy).toHaveText('100%');
  await expect(chart).toContainText('1 reviewed');
  // Today now has a reviewed diagnosis: the accuracy line gains its point.
  await expect.poll(() => dots.count()).toBe(dotsBefore + 1);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'overview-with-data');
});

test('an approver rejects with a reason, sees a refused decision roll back, and approves to a fix branch', async ({
  page,
  loginAs,
  stack,
  db,
}) => {
  await loginAs('approver');
  await page.getByRole('link', { name: 'Approvals' }).click();
  const queue = page.getByRole('list', { name: 'Runs waiting for approval' });
  await expect(queue.locator('> li')).toHaveCount(stack.runs.length);
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'approvals');

  const rejected = runOf(stack, 'prettier-drift');
  const rejectItem = queue.locator(`li[data-run-id="${rejected.healingRunId}"]`);
  await rejectItem.getByRole('button', { name: 'Reject' }).click();
  await expect(rejectItem.getByText('Give a reason of at least 3 characters.')).toBeVisible();
  await rejectItem.getByLabel(/Reason/).fill('formatting churn; we fix this in the formatter config');
  await rejectItem.getByRole('button', { name: 'Reject' }).click();
  await expect(rejectItem).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Rejected' })).toBeVisible();
  await expect
    .poll(
      async () => (await db.healingRun.findUniqueOrThrow({ where: { id: rejected.healingRunId } })).outcome,
      {
        timeout: 30_000,
      },
    )
    .toBe('rejected');
  const decision = await db.approval.findFirstOrThrow({ where: { healingRunId: rejected.healingRunId } });
  expect(decision).toMatchObject({
    decision: 'reject',
    reason: 'formatting churn; we fix this in the formatter config',
  });

  // The server refuses (here: simulated at the network layer): the run leaves the list, then comes back.
  const approved = runOf(stack, 'ts-missing-import');
  const approveItem = queue.locator(`li[data-run-id="${approved.healingRunId}"]`);
  await page.route(`**/api/runs/${approved.healingRunId}/decision`, (route) =>
    route.fulfill({ status: 409, json: { error: 'CONFLICT', message: 'simulated: someone decided first' } }),
  );
  await approveItem.getByLabel(/Reason/).fill('compiles, tests pass three times, tiny diff');
  await approveItem.getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'simulated: someone decided first' })).toBeVisible();
  await expect(approveItem).toHaveCount(1);
  expect(await db.approval.count({ where: { healingRunId: approved.healingRunId } })).toBe(0);
  await page.unroute(`**/api/runs/${approved.healingRunId}/decision`);

  await approveItem.getByLabel(/Reason/).fill('compiles, tests pass three times, tiny diff');
  await approveItem.getByRole('button', { name: 'Approve' }).click();
  await expect(approveItem).toHaveCount(0);
  await page.goto(`/runs/${approved.healingRunId}`);
  await expect(page.getByTestId('run-status')).toContainText('branch created', { timeout: 60_000 });
  const run = await db.healingRun.findUniqueOrThrow({ where: { id: approved.healingRunId } });
  expect(run.branchName).toMatch(/^suture\/fix-/);
  const head = execFileSync('git', ['log', '-1', '--format=%an %s', run.branchName!], {
    cwd: approved.repoPath,
    encoding: 'utf8',
  });
  expect(head).toMatch(/^Suture fix: /);
  await saveScreenshot(page, 'run-detail-delivered');
});

test('the approval queue works with the keyboard alone', async ({ page, loginAs, stack, db }) => {
  await loginAs('approver', { next: '/approvals' });
  const run = runOf(stack, 'ts-renamed-export');
  const item = page.locator(`li[data-run-id="${run.healingRunId}"]`);
  await expect(item).toBeVisible();
  const reason = item.getByLabel(/Reason/);
  // Which reason field has focus, read in the page (a string expression: the e2e code has no DOM types).
  const focusedRunId = () =>
    page.evaluate<string>(
      `(() => { const el = document.activeElement; const li = el && el.closest('li[data-run-id]');
        return el && el.tagName === 'TEXTAREA' && li ? 'reason:' + li.getAttribute('data-run-id') : ''; })()`,
    );
  // Tab from the top of the page until the reason field has focus (bounded: the page has few stops).
  for (let stops = 0; stops < 30 && (await focusedRunId()) !== `reason:${run.healingRunId}`; stops++)
    await page.keyboard.press('Tab');
  await expect(reason).toBeFocused();
  await page.keyboard.type('the rename belongs in the caller; fixing it by hand');
  await page.keyboard.press('Tab');
  await expect(item.getByRole('button', { name: 'Approve' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(item.getByRole('button', { name: 'Reject' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(item).toHaveCount(0);
  await expect
    .poll(async () => (await db.approval.findFirst({ where: { healingRunId: run.healingRunId } }))?.decision)
    .toBe('reject');
  await expect(page.getByText('Nothing is waiting for approval')).toBeVisible();
  await saveScreenshot(page, 'approvals-empty');
});

test('an admin edits settings and exports an audit file whose rows match the database', async ({
  page,
  loginAs,
  db,
}) => {
  await loginAs('admin');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Repositories' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'settings');
  await page.getByLabel('Branches never to touch (one per line)').fill('release/*');
  await page.getByRole('button', { name: 'Save as a new version' }).click();
  await expect(page.getByText(/Saved version \d+\./)).toBeVisible();
  const policy = await db.policyVersion.findFirstOrThrow({ where: { active: true } });
  expect(policy.document).toMatchObject({ protectedBranches: ['release/*'] });

  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByTestId('chain-status')).toContainText('verified');
  await expectNoSeriousA11yViolations(page);
  await saveScreenshot(page, 'audit');

  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('From').first().fill(today);
  await page.getByLabel('To').first().fill(today);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download export' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`suture-audit-${today}_${today}.csv`);
  const rows = parseCsv<Record<string, string>>(readFileSync(await download.path(), 'utf8'), {
    columns: true,
  });
  expect(rows.length).toBeGreaterThan(0);
  // Every event of the organisation up to the last exported one, none missing, every column equal.
  // (Events written after the export, such as its own audit record, are not in it.)
  const org = await db.organization.findUniqueOrThrow({ where: { slug: 'default' } });
  const stored = await db.auditEvent.findMany({
    where: { organizationId: org.id, seq: { lte: BigInt(rows.at(-1)!.seq!) } },
    orderBy: { seq: 'asc' },
  });
  const fromToday = stored.filter((e) => e.createdAt.toISOString().slice(0, 10) === today);
  expect(rows).toEqual(
    fromToday.map((e) => ({
      seq: String(e.seq),
      createdAt: e.createdAt.toISOString(),
      organizationId: e.organizationId ?? '',
      actorType: e.actorType,
      actorId: e.actorId ?? '',
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId ?? '',
      data: JSON.stringify(e.data),
      prevHash: e.prevHash,
      hash: e.hash,
    })),
  );
});

test('an owner sees every page', async ({ page, loginAs }) => {
  await loginAs('owner');
  for (const [link, heading] of [
    ['Overview', 'Overview'],
    ['Runs', 'Runs'],
    ['Approvals', 'Approvals'],
    ['Settings', 'Settings'],
    ['Audit', 'Audit'],
  ] as const) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  }
});
