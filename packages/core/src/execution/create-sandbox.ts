import { AppError } from '../errors/app-error.ts';
import { createDockerSandbox, type CreateDockerSandboxOptions } from './create-docker-sandbox.ts';
import { createFreestyleSandbox, type CreateFreestyleSandboxOptions } from './create-freestyle-sandbox.ts';
import { createLocalSandbox, type CreateLocalSandboxOptions } from './create-local-sandbox.ts';
import type { Sandbox, SandboxBackendName } from './sandbox-types.ts';

export type CreateSandboxOptions = {
  backend: SandboxBackendName;
  local: CreateLocalSandboxOptions;
  docker?: CreateDockerSandboxOptions | null;
  freestyle?: CreateFreestyleSandboxOptions | null;
};

/** Picks the backend; docker and freestyle need their configuration (socket, API key) or fail with a clear message. */
export const createSandbox = async (options: CreateSandboxOptions): Promise<Sandbox> => {
  switch (options.backend) {
    case 'local':
      return createLocalSandbox(options.local);
    case 'docker':
      if (!options.docker) throw new AppError('BAD_INPUT', 'the docker backend needs a Docker socket: set DOCKER_HOST=unix:///path/to/docker.sock or make /var/run/docker.sock available');
      return createDockerSandbox(options.docker);
    case 'freestyle':
      if (!options.freestyle) throw new AppError('BAD_INPUT', 'the freestyle backend needs FREESTYLE_API_KEY');
      return createFreestyleSandbox(options.freestyle);
  }
};
