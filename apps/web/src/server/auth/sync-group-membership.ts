// Runs on every login: the groups claim decides the user's role in the default organisation. Only
// memberships that came from the claim are changed; one granted by hand (fromGroupClaim=false) stays.
import 'server-only';
import type { Database, Role } from '@suture/db';

export type SyncGroupMembershipOptions = {
  db: Database;
  userId: string;
  /** The role the groups map to, or null when no group maps to one. */
  role: Role | null;
  organizationSlug: string;
};

export const syncGroupMembership = async ({
  db,
  userId,
  role,
  organizationSlug,
}: SyncGroupMembershipOptions) =>
  db.$transaction(async (tx) => {
    const organization = await tx.organization.upsert({
      where: { slug: organizationSlug },
      create: { slug: organizationSlug, name: organizationSlug },
      update: {},
    });
    const key = { organizationId_userId: { organizationId: organization.id, userId } };
    const existing = await tx.membership.findUnique({ where: key });
    if (existing && !existing.fromGroupClaim) return existing;
    if (role === null) {
      // The user left every mapped group: the claim-derived access goes with it.
      if (existing) await tx.membership.delete({ where: key });
      return null;
    }
    return tx.membership.upsert({
      where: key,
      create: { organizationId: organization.id, userId, role, fromGroupClaim: true },
      update: { role },
    });
  });
