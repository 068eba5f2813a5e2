// One error type for the whole product. Edges (HTTP routes, Temporal activities, the CLI) map `code`
// to their own vocabulary; domain code never throws HTTP or Temporal errors.
export const appErrorCodes = [
  'BAD_INPUT',
  'NOT_FOUND',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'CONFLICT',
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'TIMEOUT',
  'UNAVAILABLE',
  'POLICY_REJECTED',
  'GUARDRAIL_REJECTED',
  'INTERNAL',
] as const;

export type AppErrorCode = (typeof appErrorCodes)[number];

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: AppErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }

  /** Whether retrying the same operation could succeed (transient infrastructure trouble). */
  get retryable(): boolean {
    return this.code === 'UNAVAILABLE' || this.code === 'TIMEOUT';
  }
}

export const isAppError = (value: unknown): value is AppError => value instanceof AppError;

const httpStatusByCode: Record<AppErrorCode, number> = {
  BAD_INPUT: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  POLICY_REJECTED: 422,
  GUARDRAIL_REJECTED: 422,
  TIMEOUT: 504,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

export const httpStatusFor = (code: AppErrorCode): number => httpStatusByCode[code];
