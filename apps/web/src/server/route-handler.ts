// Thin route handlers: every handler runs inside `handleRoute`, which maps AppError (and anything
// unexpected) to a JSON error response, so no handler repeats the try/catch.
import 'server-only';
import { AppError } from '@suture/core';
import { errorResponse, readBodyWithLimit } from './http-errors.ts';

export const handleRoute =
  <A extends unknown[]>(handler: (...args: A) => Promise<Response>) =>
  async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (error) {
      return errorResponse(error);
    }
  };

/** A JSON body of at most `limit` bytes; 400 when it is not JSON, 413 when it is too large. */
export const readJsonBody = async (request: Request, limit = 64 * 1024): Promise<unknown> => {
  const body = await readBodyWithLimit(request, limit);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new AppError('BAD_INPUT', 'the body must be JSON');
  }
};

export const searchParamsOf = (request: Request) => new URL(request.url).searchParams;
