export * from './errors/app-error.ts';
export * from './workflows/contracts.ts';
