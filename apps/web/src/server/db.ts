import 'server-only';
import { getDatabase } from '@suture/db';
import { webEnv } from './env.ts';

export const db = () => getDatabase({ databaseUrl: webEnv().DATABASE_URL, connectionTimeoutMs: 2_000 });
