import { describe, expect, it } from 'vitest';
import { AppError, httpStatusFor, isAppError } from './app-error.ts';

describe('AppError', () => {
  it('keeps code, message, cause and details', () => {
    const cause = new Error('socket hang up');
    const error = new AppError('UNAVAILABLE', 'database is down', {
      cause,
      details: { service: 'postgres' },
    });
    expect(error.code).toBe('UNAVAILABLE');
    expect(error.message).toBe('database is down');
    expect(error.cause).toBe(cause);
    expect(error.details).toEqual({ service: 'postgres' });
    expect(isAppError(error)).toBe(true);
    expect(isAppError(cause)).toBe(false);
  });

  it('marks only transient codes as retryable', () => {
    expect(new AppError('TIMEOUT', 't').retryable).toBe(true);
    expect(new AppError('UNAVAILABLE', 'u').retryable).toBe(true);
    expect(new AppError('POLICY_REJECTED', 'p').retryable).toBe(false);
    expect(new AppError('BAD_INPUT', 'b').retryable).toBe(false);
  });

  it('maps codes to HTTP statuses at the edge', () => {
    expect(httpStatusFor('BAD_INPUT')).toBe(400);
    expect(httpStatusFor('TOO_LARGE')).toBe(413);
    expect(httpStatusFor('UNSUPPORTED_MEDIA_TYPE')).toBe(415);
    expect(httpStatusFor('UNAVAILABLE')).toBe(503);
  });
});
