// Our own interaction (login) handler instead of oidc-provider's devInteractions: it checks the seeded
// password and hands the account id back to the provider, which then issues the code.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { renderLoginPage } from './render-login-page.ts';
import type { LocalOidcUser } from './seed-role-users.ts';

export type HandleInteractionOptions = {
  provider: Provider;
  users: LocalOidcUser[];
  request: IncomingMessage;
  response: ServerResponse;
};

const MAX_FORM_BYTES = 16 * 1024;

const readForm = async (request: IncomingMessage) => {
  let body = '';
  for await (const chunk of request) {
    body += (chunk as Buffer).toString('utf8');
    if (body.length > MAX_FORM_BYTES) throw new Error('form too large');
  }
  return new URLSearchParams(body);
};

const digest = (value: string) => createHash('sha256').update(value).digest();
const samePassword = (given: string, expected: string) => timingSafeEqual(digest(given), digest(expected));

const sendHtml = (response: ServerResponse, status: number, html: string) => {
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  response.end(html);
};

/** Serves GET /interaction/:uid (the form) and POST /interaction/:uid/login (its submission). */
export const handleInteraction = async ({ provider, users, request, response }: HandleInteractionOptions) => {
  const details = await provider.interactionDetails(request, response);
  const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : 'unknown client';
  const action = `/interaction/${details.uid}/login`;
  if (details.prompt.name !== 'login') {
    // Consent is granted by loadExistingGrant (first-party clients only), so only login reaches here.
    sendHtml(response, 400, `unexpected prompt ${details.prompt.name}`);
    return;
  }
  if (request.method === 'GET') {
    sendHtml(response, 200, renderLoginPage({ action, clientId }));
    return;
  }
  const form = await readForm(request);
  const email = (form.get('email') ?? '').trim().toLowerCase();
  const password = form.get('password') ?? '';
  const user = users.find((candidate) => candidate.email.toLowerCase() === email);
  // Compare even for an unknown email, so both failures take the same path.
  const valid = samePassword(password, user?.password ?? '\u0000unknown') && user !== undefined;
  if (!valid || !user) {
    sendHtml(
      response,
      401,
      renderLoginPage({ action, clientId, email, error: 'Unknown email or wrong password.' }),
    );
    return;
  }
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.sub } },
    { mergeWithLastSubmission: false },
  );
};
