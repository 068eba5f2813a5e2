// next-auth's storage over our Prisma client. Ours rather than @auth/prisma-adapter: that package is
// written against another Prisma major and next-auth v5's types. It also never stores the provider's
// access, refresh or ID tokens: Suture only needs the identity, so bearer secrets never reach Postgres.
import 'server-only';
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from 'next-auth/adapters';
import type { Database } from '@suture/db';

export type CreatePrismaAdapterOptions = { db: Database };

type UserRow = {
  id: string;
  email: string | null;
  emailVerified: Date | null;
  name: string | null;
  image: string | null;
};

const userSelect = { id: true, email: true, emailVerified: true, name: true, image: true } as const;

const toAdapterUser = (row: UserRow): AdapterUser => ({
  id: row.id,
  // next-auth's type says string; OIDC users without an email are refused before they get here.
  email: row.email ?? '',
  emailVerified: row.emailVerified,
  name: row.name,
  image: row.image,
});

const toAdapterSession = (row: AdapterSession): AdapterSession => ({
  sessionToken: row.sessionToken,
  userId: row.userId,
  expires: row.expires,
});

const sessionSelect = { sessionToken: true, userId: true, expires: true } as const;

export const createPrismaAdapter = ({ db }: CreatePrismaAdapterOptions): Adapter => ({
  createUser: async (user: Omit<AdapterUser, 'id'>) =>
    toAdapterUser(
      await db.user.create({
        data: {
          email: user.email,
          emailVerified: user.emailVerified,
          name: user.name ?? null,
          image: user.image ?? null,
        },
        select: userSelect,
      }),
    ),
  getUser: async (id) => {
    const row = await db.user.findUnique({ where: { id }, select: userSelect });
    return row ? toAdapterUser(row) : null;
  },
  getUserByEmail: async (email) => {
    const row = await db.user.findUnique({ where: { email }, select: userSelect });
    return row ? toAdapterUser(row) : null;
  },
  getUserByAccount: async ({ provider, providerAccountId }) => {
    const account = await db.account.findUnique({
      where: { provider_providerAccountId: { provider, providerAccountId } },
      select: { user: { select: userSelect } },
    });
    return account ? toAdapterUser(account.user) : null;
  },
  updateUser: async ({ id, ...changes }) =>
    toAdapterUser(
      await db.user.update({
        where: { id },
        data: {
          ...(changes.email !== undefined ? { email: changes.email } : {}),
          ...(changes.emailVerified !== undefined ? { emailVerified: changes.emailVerified } : {}),
          ...(changes.name !== undefined ? { name: changes.name } : {}),
          ...(changes.image !== undefined ? { image: changes.image } : {}),
        },
        select: userSelect,
      }),
    ),
  deleteUser: async (userId) => {
    await db.user.delete({ where: { id: userId } });
  },
  linkAccount: async (account: AdapterAccount) => {
    await db.account.create({
      data: {
        userId: account.userId,
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        expires_at: account.expires_at ?? null,
        token_type: account.token_type ?? null,
        scope: account.scope ?? null,
        // Deliberately dropped: access_token, refresh_token, id_token, session_state.
        access_token: null,
        refresh_token: null,
        id_token: null,
        session_state: null,
      },
    });
  },
  unlinkAccount: async ({
    provider,
    providerAccountId,
  }: Pick<AdapterAccount, 'provider' | 'providerAccountId'>) => {
    await db.account.delete({ where: { provider_providerAccountId: { provider, providerAccountId } } });
  },
  createSession: async (session) =>
    toAdapterSession(await db.session.create({ data: session, select: sessionSelect })),
  getSessionAndUser: async (sessionToken) => {
    const row = await db.session.findUnique({
      where: { sessionToken },
      select: { ...sessionSelect, user: { select: userSelect } },
    });
    if (!row) return null;
    return { session: toAdapterSession(row), user: toAdapterUser(row.user) };
  },
  updateSession: async ({ sessionToken, ...changes }) => {
    const rows = await db.session.updateManyAndReturn({
      where: { sessionToken },
      data: {
        ...(changes.expires ? { expires: changes.expires } : {}),
        ...(changes.userId ? { userId: changes.userId } : {}),
      },
      select: sessionSelect,
    });
    return rows[0] ? toAdapterSession(rows[0]) : null;
  },
  deleteSession: async (sessionToken) => {
    // deleteMany: signing out twice (two tabs) must not throw.
    await db.session.deleteMany({ where: { sessionToken } });
  },
  createVerificationToken: async (token) => db.verificationToken.create({ data: token }),
  useVerificationToken: async ({ identifier, token }) => {
    const rows = await db.verificationToken.findMany({ where: { identifier, token } });
    await db.verificationToken.deleteMany({ where: { identifier, token } });
    return rows[0] ?? null;
  },
});
