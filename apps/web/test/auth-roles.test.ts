// The pure parts of authorization: group-to-role mapping and the role ordering behind requireRole.
import { describe, expect, it } from 'vitest';
import { isAppError } from '@suture/core';
import { highestRole, isRoleAtLeast, rolesAscending } from '../src/server/auth/compare-roles.ts';
import { decideAccess, type AccessMembership } from '../src/server/auth/decide-access.ts';
import { mapGroupsToOrgRoles } from '../src/server/auth/map-groups-to-org-roles.ts';
import { defaultRoleMapping, mapGroupsToRole } from '../src/server/auth/map-groups-to-role.ts';

const codeOf = (run: () => unknown) => {
  try {
    run();
    return 'allowed';
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
};

describe('mapGroupsToRole', () => {
  it('maps the default group names to their roles', () => {
    for (const role of rolesAscending)
      expect(mapGroupsToRole({ groups: [role], mapping: defaultRoleMapping })).toBe(role);
  });

  it('lets the highest mapped role win and ignores unmapped groups', () => {
    const mapping = {
      'suture-viewers': 'viewer',
      'suture-admins': 'admin',
      'ci-approvers': 'approver',
    } as const;
    expect(
      mapGroupsToRole({ groups: ['suture-viewers', 'staff', 'suture-admins', 'ci-approvers'], mapping }),
    ).toBe('admin');
    expect(mapGroupsToRole({ groups: ['staff', 'owner'], mapping })).toBeNull();
  });

  it('accepts a single group string and refuses anything that is not a list of names', () => {
    expect(mapGroupsToRole({ groups: 'approver', mapping: defaultRoleMapping })).toBe('approver');
    expect(mapGroupsToRole({ groups: undefined, mapping: defaultRoleMapping })).toBeNull();
    expect(mapGroupsToRole({ groups: { owner: true }, mapping: defaultRoleMapping })).toBeNull();
    expect(mapGroupsToRole({ groups: [42, null, 'viewer'], mapping: defaultRoleMapping })).toBe('viewer');
  });

  it('does not treat inherited object keys as group names', () => {
    expect(
      mapGroupsToRole({ groups: ['constructor', 'toString', '__proto__'], mapping: defaultRoleMapping }),
    ).toBeNull();
  });
});

describe('role ordering', () => {
  it('orders viewer < approver < admin < owner', () => {
    expect(rolesAscending).toEqual(['viewer', 'approver', 'admin', 'owner']);
    expect(highestRole(['approver', 'owner', 'viewer'])).toBe('owner');
    expect(highestRole([])).toBeNull();
    for (const [i, role] of rolesAscending.entries())
      for (const [j, minimum] of rolesAscending.entries())
        expect(isRoleAtLeast({ role, minimum })).toBe(i >= j);
  });
});

describe('decideAccess (the decision inside requireRole)', () => {
  const member = (role: AccessMembership['role'], slug = 'default'): AccessMembership[] => [
    { organizationId: `org-${slug}`, organizationSlug: slug, role },
  ];
  const decide = (
    memberships: AccessMembership[] | null,
    minimum: AccessMembership['role'],
    organizationId?: string,
  ) =>
    codeOf(() =>
      decideAccess({
        memberships,
        minimum,
        defaultOrganizationSlug: 'default',
        ...(organizationId ? { organizationId } : {}),
      }),
    );

  it('is UNAUTHORIZED without a session, whatever the minimum', () => {
    for (const minimum of rolesAscending) expect(decide(null, minimum)).toBe('UNAUTHORIZED');
  });

  it('allows exactly the roles at or above the minimum, FORBIDDEN below', () => {
    for (const [i, role] of rolesAscending.entries())
      for (const [j, minimum] of rolesAscending.entries())
        expect(decide(member(role), minimum), `${role} asking for ${minimum}`).toBe(
          i >= j ? 'allowed' : 'FORBIDDEN',
        );
  });

  it('looks at the requested organisation only', () => {
    const memberships = [...member('owner', 'acme'), ...member('viewer')];
    expect(decide(memberships, 'admin')).toBe('FORBIDDEN');
    expect(decide(memberships, 'admin', 'org-acme')).toBe('allowed');
    expect(decide(memberships, 'viewer', 'org-elsewhere')).toBe('FORBIDDEN');
    expect(decide([], 'viewer')).toBe('FORBIDDEN');
  });
});

describe('mapGroupsToOrgRoles', () => {
  const map = (groups: unknown) =>
    Object.fromEntries(
      mapGroupsToOrgRoles({ groups, mapping: defaultRoleMapping, defaultOrganizationSlug: 'default' }),
    );

  it('grants the mapped role in the default organisation and suture:<org>:<role> groups in theirs', () => {
    expect(map(['viewer', 'suture:acme:approver', 'suture:acme:viewer', 'suture:octo-org:admin'])).toEqual({
      default: 'viewer',
      acme: 'approver',
      'octo-org': 'admin',
    });
  });

  it('ignores malformed organisation groups and unknown roles', () => {
    expect(map(['suture:acme:superuser', 'suture::admin', 'suture:Bad Org:admin', 'acme:admin', 7])).toEqual(
      {},
    );
    expect(map('suture:acme:owner')).toEqual({ acme: 'owner' });
  });
});
