import 'server-only';
import { timingSafeEqual, createHash } from 'node:crypto';
import { AppError } from '@suture/core';
import { webEnv } from './env.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Machine API authentication: `Authorization: Bearer <SUTURE_API_TOKEN>`, compared in constant time. */
export const requireApiToken = (request: Request) => {
  const expected = webEnv().SUTURE_API_TOKEN;
  if (!expected) throw new AppError('UNAVAILABLE', 'the machine API is disabled: set SUTURE_API_TOKEN');
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1] || !timingSafeEqual(digest(match[1]), digest(expected)))
    throw new AppError('UNAUTHORIZED', 'missing or invalid API token');
};
