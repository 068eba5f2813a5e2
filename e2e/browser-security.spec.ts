// The browser -> web trust boundary (docs/security/browser.md) in Chromium: a page on another port of
// 127.0.0.1 (same site as the dashboard, different origin) tries to act with a signed-in admin's cookies
// and to frame the dashboard; every response carries the security headers; the pages still render and
// hydrate under the nonce CSP; the session cookie is SameSite=Strict and sign-in still works.
// It needs a run waiting for approval: ts-renamed-export, which dashboard.spec.ts decides later (spec
// files run in name order, so this file comes first). It must leave that run, and everything else,
// exactly as it found it.
import type { Page } from '@playwright/test';
import type { Database } from '@suture/db';
import { expect, test, type StackState } from './support/fixtures.ts';
import { startHostileSite, type HostileSite } from './support/start-hostile-site.ts';

const targetRun = (stack: StackState) => {
  const run = stack.runs.find((r) => r.fixture === 'ts-renamed-export');
  if (!run) throw new Error('the e2e stack seeded no ts-renamed-export run');
  return run;
};

type Attack = { name: string; url: string; method: 'POST' | 'PUT' | 'PATCH'; body: unknown };

/**
 * The attacker's page: for every target, the classic CSRF that needs no preflight (a `no-cors` fetch of
 * a `text/plain` body that is JSON), the real method with a JSON content type (which needs a CORS
 * preflight), and an auto-submitted `enctype=text/plain` form whose one field spells the JSON body. It
 * writes what happened into `window.attackResults` and sets the title to `done` when all were sent.
 */
const attackPage = (attacks: Attack[]) => {
  const forms = attacks
    .map((attack, index) => {
      // text/plain forms send `name=value`: the name carries the JSON up to a padding field, whose
      // value closes it, so the body parses as the JSON the attacker wants.
      const json = JSON.stringify({ ...(attack.body as object), pad: '' });
      const name = json.slice(0, -2);
      const escape = (value: string) => value.replace(/&/g, '&amp;').replace(/'/g, '&#39;');
      return `<iframe name="sink-${index}" title="sink ${index}"></iframe>
<form id="form-${index}" target="sink-${index}" method="POST" enctype="text/plain" action="${attack.url}">
<input type="hidden" name='${escape(name)}' value='"}'></form>`;
    })
    .join('\n');
  return `<!doctype html><html><head><title>cute cats</title></head><body>
<h1>Cute cats</h1>
${forms}
<script>
const attacks = ${JSON.stringify(attacks)};
const results = [];
const record = (text) => results.push(text);
const withTimeout = (promise, ms) =>
  Promise.race([promise, new Promise((done) => setTimeout(() => done('timed out'), ms))]);
(async () => {
  for (const attack of attacks) {
    const body = JSON.stringify(attack.body);
    try {
      const response = await fetch(attack.url, {
        method: 'POST', mode: 'no-cors', credentials: 'include',
        headers: { 'content-type': 'text/plain' }, body,
      });
      record(attack.name + ' no-cors POST: ' + response.type);
    } catch (error) { record(attack.name + ' no-cors POST: ' + error); }
    try {
      const response = await fetch(attack.url, {
        method: attack.method, mode: 'cors', credentials: 'include',
        headers: { 'content-type': 'application/json' }, body,
      });
      record(attack.name + ' cors ' + attack.method + ': ' + response.status);
    } catch (error) { record(attack.name + ' cors ' + attack.method + ': ' + error); }
  }
  for (let index = 0; index < attacks.length; index++) {
    const frame = document.querySelector('iframe[name="sink-' + index + '"]');
    const loaded = new Promise((done) => frame.addEventListener('load', () => done('loaded'), { once: true }));
    document.getElementById('form-' + index).submit();
    record(attacks[index].name + ' form: ' + (await withTimeout(loaded, 15000)));
  }
  window.attackResults = results;
  document.title = 'done';
})();
</script></body></html>`;
};

/** Everything the attacks would change, read straight from the database. */
const snapshot = async (db: Database, ids: { runId: string; repositoryId: string; membershipId: string }) => {
  const [approvals, diagnoses, policyVersions, repository, membership, auditEvents, run] = await Promise.all([
    db.approval.count({ where: { healingRunId: ids.runId } }),
    db.diagnosis.findMany({
      where: { healingRunId: ids.runId },
      select: { id: true, feedback: true, feedbackById: true },
    }),
    db.policyVersion.count(),
    db.repository.findUniqueOrThrow({ where: { id: ids.repositoryId }, select: { enabled: true } }),
    db.membership.findUniqueOrThrow({ where: { id: ids.membershipId }, select: { role: true } }),
    db.auditEvent.count(),
    db.healingRun.findUniqueOrThrow({ where: { id: ids.runId }, select: { status: true } }),
  ]);
  return { approvals, diagnoses, policyVersions, repository, membership, auditEvents, run };
};

/** CSP violations, from the console (any navigation) and from the page's own violation events. */
const watchCsp = async (page: Page) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|frame|connect)/i.test(message.text()))
      violations.push(`${page.url()}: ${message.text()}`);
  });
  // A string: the e2e project has no DOM types, and this runs in the page before any of its scripts.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => console.error(
      'Content Security Policy violation: ' + event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline')));`,
  });
  return violations;
};

let hostile: HostileSite | undefined;

test.afterAll(async () => {
  await hostile?.stop();
});

test('a page on another port cannot approve, give feedback or change settings with the admin cookie', async ({
  page,
  loginAs,
  stack,
  db,
}) => {
  // Fifteen requests and five frame loads, on a machine the whole stack shares.
  test.setTimeout(180_000);
  const run = targetRun(stack);
  const org = await db.organization.findUniqueOrThrow({ where: { slug: 'default' } });
  const repository = await db.healingRun.findUniqueOrThrow({
    where: { id: run.healingRunId },
    select: { repositoryId: true },
  });
  await loginAs('admin');
  // Signed in for real: the viewer's membership exists once the viewer has signed in at least once.
  const viewer = stack.users.find((u) => u.role === 'viewer')!;
  const viewerMembership =
    (await db.membership.findFirst({
      where: { organizationId: org.id, user: { email: viewer.email } },
      select: { id: true },
    })) ??
    (await (async () => {
      const other = await page.context().browser()!.newContext();
      await loginAs('viewer', { page: await other.newPage() });
      await other.close();
      return db.membership.findFirstOrThrow({
        where: { organizationId: org.id, user: { email: viewer.email } },
        select: { id: true },
      });
    })());
  const ids = {
    runId: run.healingRunId,
    repositoryId: repository.repositoryId,
    membershipId: viewerMembership.id,
  };
  const before = await snapshot(db, ids);
  expect(before.run.status, 'this spec must run before dashboard.spec.ts decides the run').toBe(
    'waiting_approval',
  );

  const api = `${stack.baseURL}/api`;
  const attacks: Attack[] = [
    {
      name: 'decision',
      url: `${api}/runs/${run.healingRunId}/decision`,
      method: 'POST',
      body: { decision: 'approve', reason: 'looks good to me (csrf)' },
    },
    {
      name: 'feedback',
      url: `${api}/runs/${run.healingRunId}/feedback`,
      method: 'POST',
      body: { feedback: 'incorrect' },
    },
    {
      name: 'policy',
      url: `${api}/settings/policy`,
      method: 'PUT',
      body: { maxAutoOpenRisk: 100, requiredApprovals: 1, protectedPaths: [], protectedBranches: [] },
    },
    {
      name: 'repository',
      url: `${api}/settings/repositories/${ids.repositoryId}`,
      method: 'PATCH',
      body: { enabled: false },
    },
    {
      name: 'member',
      url: `${api}/settings/members/${ids.membershipId}`,
      method: 'PATCH',
      body: { role: 'admin' },
    },
  ];
  hostile = await startHostileSite({ '/attack': attackPage(attacks) });
  await page.goto(`${hostile.origin}/attack`);
  await expect(page).toHaveTitle('done', { timeout: 60_000 });
  const results = await page.evaluate<string[]>('window.attackResults');
  await test.info().attach('attack-results', { body: results.join('\n'), contentType: 'text/plain' });
  // Every attempt was made (3 per target), so "nothing changed" below is not "nothing was tried".
  expect(results).toHaveLength(attacks.length * 3);
  expect(hostile.requests).toContain('GET /attack');

  const after = await snapshot(db, ids);
  expect(after, `the attacks changed the database; what the page saw:\n${results.join('\n')}`).toEqual(
    before,
  );

  // The same admin, from the dashboard's own page, gets past the origin check: a decision without a
  // reason reaches validation (400), so the refusals above were the origin check, not a dead session.
  await page.goto('/approvals');
  const own = await page.evaluate(async (url) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', reason: '' }),
    });
    return { status: response.status, body: (await response.json()) as { error: string } };
  }, `/api/runs/${run.healingRunId}/decision`);
  expect(own).toMatchObject({ status: 400, body: { error: 'BAD_INPUT' } });
  expect(await snapshot(db, ids)).toEqual(before);
});

test('another origin cannot frame the dashboard', async ({ page, loginAs, stack }) => {
  await loginAs('approver');
  const framed = (path: string) => `<!doctype html><html><head><title>framing</title></head><body>
<iframe id="victim" title="victim" src="${stack.baseURL}${path}" width="800" height="600"></iframe>
<script>document.getElementById('victim').addEventListener('load', () => { document.title = 'loaded'; });</script>
</body></html>`;
  const site = await startHostileSite({
    '/frame-login': framed('/login'),
    '/frame-approvals': framed('/approvals'),
  });
  try {
    for (const path of ['/frame-login', '/frame-approvals']) {
      await page.goto(`${site.origin}${path}`);
      // The frame finished loading (whatever it shows), so an empty frame below is the browser's refusal.
      await expect(page).toHaveTitle('loaded', { timeout: 30_000 });
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame, 'the iframe exists').toBeDefined();
      expect(frame!.url()).not.toContain(stack.baseURL);
      // Chromium shows its own error page in the frame instead (which has an h1 of its own).
      expect(frame!.url()).toMatch(/^chrome-error:/);
      expect(await frame!.getByText(/Sign in to Suture|Approvals|Suture/).count()).toBe(0);
    }
  } finally {
    await site.stop();
  }
});

const expectSecurityHeaders = (headers: Record<string, string>, where: string) => {
  const csp = headers['content-security-policy'] ?? '';
  const directives = new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
  expect(directives.get('script-src'), `${where}: script-src`).toEqual(
    expect.arrayContaining([expect.stringMatching(/^'nonce-[A-Za-z0-9+/=_-]{16,}'$/), "'strict-dynamic'"]),
  );
  expect(directives.get('script-src'), `${where}: no unsafe-inline scripts`).not.toContain("'unsafe-inline'");
  expect(directives.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(directives.get('object-src'), where).toEqual(["'none'"]);
  expect(directives.get('base-uri'), where).toEqual(["'self'"]);
  expect(directives.get('form-action'), where).toContain("'self'");
  expect(headers['x-frame-options'], where).toBe('DENY');
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('same-origin');
  expect(headers['permissions-policy'], where).toMatch(/camera=\(\)/);
  return csp;
};

test('every response carries the security headers: pages, API, 404s, static files, refusals', async ({
  page,
  stack,
}) => {
  const login = await page.goto('/login');
  const loginCsp = expectSecurityHeaders(login!.headers(), 'the login page');
  const nonce = /'nonce-([^']+)'/.exec(loginCsp)![1]!;
  // Next.js put the request's nonce on its scripts; a second request gets another one.
  expect(await page.locator(`script[nonce]`).count()).toBeGreaterThan(0);
  // Browsers hide the attribute's value from the DOM; the `nonce` property keeps it.
  expect(await page.evaluate<string[]>('[...document.scripts].map((s) => s.nonce)')).toEqual(
    expect.arrayContaining([nonce]),
  );
  const again = await page.request.get('/login');
  expect(expectSecurityHeaders(again.headers(), 'the login page again')).not.toContain(nonce);

  const script = await page.locator('script[src^="/_next/static/"]').first().getAttribute('src');
  const responses = {
    'an API answer': await page.request.get('/api/health'),
    'an API 401': await page.request.get('/api/me'),
    'an API 404': await page.request.get('/api/no-such-route'),
    'a page 404': await page.request.get('/no-such-page'),
    'a static file': await page.request.get(script!),
    'a refused write': await page.request.post(`/api/runs/${targetRun(stack).healingRunId}/decision`, {
      headers: { 'content-type': 'text/plain' },
      data: '{}',
    }),
  };
  expect(responses['an API 404'].status()).toBe(404);
  expect(responses['a page 404'].status()).toBe(404);
  expect(responses['a static file'].status()).toBe(200);
  // No Origin (Playwright's request context sends none): refused before the content type is looked at.
  expect(responses['a refused write'].status()).toBe(403);
  for (const [where, response] of Object.entries(responses)) expectSecurityHeaders(response.headers(), where);
});

test('the pages render and hydrate under the CSP: charts, queries, highlighted diffs, no violations', async ({
  page,
  loginAs,
  stack,
}) => {
  const violations = await watchCsp(page);
  await loginAs('admin');
  // Overview: Recharts draws its SVG in the browser.
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  // Runs: the filter is a client component that writes the URL.
  await page.goto('/runs');
  await page.getByLabel('Status').selectOption('rejected');
  await expect(page).toHaveURL(/status=rejected/);
  // Run detail: highlight.js colours the diff.
  await page.goto(`/runs/${targetRun(stack).healingRunId}`);
  await expect(page.getByRole('region', { name: /^Diff of / }).first()).toBeVisible();
  await expect(page.locator('[class*="hljs-"]').first()).toBeAttached();
  // Approvals: TanStack Query refetches the queue.
  const refetch = page.waitForResponse((r) => r.url().endsWith('/api/approvals') && r.status() === 200, {
    timeout: 20_000,
  });
  await page.goto('/approvals');
  await refetch;
  await page.goto('/audit');
  await expect(page.getByTestId('chain-status')).toContainText('verified');
  await page.goto('/settings');
  await expect(page.getByRole('heading', { name: 'Members' })).toBeVisible();
  expect(violations).toEqual([]);
});

test('the session cookie is SameSite=Strict and HttpOnly; signing in still lands on the page asked for', async ({
  page,
  loginAs,
}) => {
  await loginAs('approver', { next: '/approvals' });
  await expect(page.getByRole('heading', { level: 1, name: 'Approvals' })).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name.endsWith('next-auth.session-token'));
  expect(session).toMatchObject({ sameSite: 'Strict', httpOnly: true, path: '/' });
  for (const cookie of cookies.filter((c) => /next-auth\.(csrf-token|callback-url)/.test(c.name)))
    expect(cookie.sameSite, cookie.name).toBe('Lax');
});
