// Maps domain errors to HTTP at the edge: the one place route handlers turn AppError into a response.
import 'server-only';
import { NextResponse } from 'next/server';
import { AppError, httpStatusFor, isAppError } from '@suture/core';

export const errorResponse = (error: unknown) => {
  if (isAppError(error))
    return NextResponse.json(
      { error: error.code, message: error.message },
      { status: httpStatusFor(error.code) },
    );
  console.error('unhandled error in route handler', error);
  return NextResponse.json({ error: 'INTERNAL', message: 'internal error' }, { status: 500 });
};

/** Reads a request body, refusing (413) once it passes `limit` bytes, whatever Content-Length says. */
export const readBodyWithLimit = async (request: Request, limit: number): Promise<Buffer> => {
  const declared = Number(request.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > limit)
    throw new AppError('TOO_LARGE', `body is ${declared} bytes; the limit is ${limit}`);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError('TOO_LARGE', `body exceeds the limit of ${limit} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
};
