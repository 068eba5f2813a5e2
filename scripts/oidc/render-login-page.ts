// The provider's own sign-in form: plain HTML with labelled fields, so tests and people use the same page.
export type RenderLoginPageOptions = { action: string; clientId: string; email?: string; error?: string };

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export const renderLoginPage = ({
  action,
  clientId,
  email,
  error,
}: RenderLoginPageOptions) => `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Sign in - local OpenID Provider</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>Sign in to ${escapeHtml(clientId)}</h1>
<p>Local OpenID Provider for development and tests. Use a seeded account.</p>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}">
<p><label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${escapeHtml(email ?? '')}"></p>
<p><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>
</main>
</body>
</html>
`;
