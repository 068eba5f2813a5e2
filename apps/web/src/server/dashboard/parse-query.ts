// Query strings and JSON bodies from outside: a bad field is a 400 naming it.
import type { z } from 'zod';
import { AppError } from '@suture/core';

/** `label` names the input in a root-level error ('query' for search params, 'body' for a JSON body). */
export const parseQuery = <T extends z.ZodType>(schema: T, params: unknown, label = 'query') => {
  const raw = params instanceof URLSearchParams ? Object.fromEntries(params) : params;
  const parsed = schema.safeParse(raw);
  if (!parsed.success)
    throw new AppError(
      'BAD_INPUT',
      parsed.error.issues.map((i) => `${i.path.join('.') || label}: ${i.message}`).join('; '),
    );
  return parsed.data;
};

/** Empty form fields arrive as '' (or null): treat them as absent before validating. */
export const blankToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
