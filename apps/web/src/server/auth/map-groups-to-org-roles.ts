// Roles per organisation from the groups claim. The configured mapping (or the role-named defaults)
// grants roles in the default organisation; a group named `suture:<org-slug>:<role>` grants that role
// in that organisation (GitHub installations live in organisations named after their account). Pure.
import type { Role } from '@suture/db';
import { highestRole, rolesAscending } from './compare-roles.ts';
import { mapGroupsToRole, type RoleMapping } from './map-groups-to-role.ts';

const ORG_GROUP = /^suture:([a-z0-9][a-z0-9-]{0,99}):(owner|admin|approver|viewer)$/;

export type MapGroupsToOrgRolesOptions = {
  groups: unknown;
  mapping: RoleMapping;
  defaultOrganizationSlug: string;
};

/** Organisation slug -> highest role granted there; organisations the claim grants nothing in are absent. */
export const mapGroupsToOrgRoles = ({
  groups,
  mapping,
  defaultOrganizationSlug,
}: MapGroupsToOrgRolesOptions): Map<string, Role> => {
  const granted = new Map<string, Role[]>();
  const grant = (slug: string, role: Role) => granted.set(slug, [...(granted.get(slug) ?? []), role]);
  const defaultRole = mapGroupsToRole({ groups, mapping });
  if (defaultRole) grant(defaultOrganizationSlug, defaultRole);
  const names = Array.isArray(groups) ? groups : typeof groups === 'string' ? [groups] : [];
  for (const name of names) {
    const match = typeof name === 'string' ? ORG_GROUP.exec(name.toLowerCase()) : null;
    if (match && (rolesAscending as readonly string[]).includes(match[2]!))
      grant(match[1]!, match[2] as Role);
  }
  return new Map([...granted].map(([slug, roles]) => [slug, highestRole(roles)!]));
};
