// Sign-in through the local OpenID Provider in a real browser, for every role, and the pages around it.
import { seededRoles } from '../scripts/oidc/seed-role-users.ts';
import { expect, expectNoSeriousA11yViolations, saveScreenshot, test } from './support/fixtures.ts';

test.describe('login', () => {
  for (const role of seededRoles) {
    test(`${role} signs in through the provider and lands on the overview`, async ({ page, loginAs }) => {
      const user = await loginAs(role);
      await expect(page).toHaveURL('/');
      await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
      const me = await page.request.get('/api/me');
      expect(me.status()).toBe(200);
      const body = (await me.json()) as { user: { email: string }; memberships: { role: string }[] };
      expect(body.user.email).toBe(user.email);
      expect(body.memberships.map((m) => m.role)).toEqual([role]);
    });
  }

  test('an anonymous request to a protected API gets 401', async ({ request }) => {
    const response = await request.get('/api/me');
    expect(response.status()).toBe(401);
    expect(((await response.json()) as { error: string }).error).toBe('UNAUTHORIZED');
  });

  test('the login page and the overview have no serious accessibility violations', async ({
    page,
    loginAs,
  }) => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'login');

    await loginAs('viewer');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    await saveScreenshot(page, 'overview');
  });
});
