import type { NextConfig } from 'next';

const config: NextConfig = {
  // Workspace packages ship TypeScript source; Next compiles them with the app.
  transpilePackages: ['@suture/core', '@suture/db'],
  // Native/gRPC and database drivers stay as Node requires rather than being bundled.
  serverExternalPackages: [
    '@temporalio/client',
    '@grpc/grpc-js',
    'pg',
    '@prisma/adapter-pg',
    '@prisma/client',
    'pino',
  ],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default config;
