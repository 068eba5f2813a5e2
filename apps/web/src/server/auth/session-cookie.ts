// The session cookie next-auth writes (build-auth-options.ts) and the dashboard reads back
// (get-current-user.ts): one definition, so the two never disagree on its name.
// SameSite=Strict: no request another site starts carries it, not even a top-level navigation (Lax
// would send it there). On https it has next-auth's `__Secure-` name and the Secure flag.

export const sessionCookie = ({ secure }: { secure: boolean }) => ({
  name: `${secure ? '__Secure-' : ''}next-auth.session-token`,
  options: { httpOnly: true, sameSite: 'strict' as const, path: '/', secure },
});
