// One seeded account per Suture role; each is in the identity-provider group of the same name, which
// the dashboard's default role mapping turns into that role.
export type LocalOidcUser = { sub: string; email: string; name: string; groups: string[]; password: string };

export const seededRoles = ['owner', 'admin', 'approver', 'viewer'] as const;

export type SeedRoleUsersOptions = { password: string; domain?: string };

export const seedRoleUsers = ({ password, domain = 'suture.local' }: SeedRoleUsersOptions): LocalOidcUser[] =>
  seededRoles.map((role) => ({
    sub: `user-${role}`,
    email: `${role}@${domain}`,
    name: `${role[0]!.toUpperCase()}${role.slice(1)} User`,
    groups: [role],
    password,
  }));
