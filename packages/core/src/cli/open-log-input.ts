import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { AppError } from '../errors/app-error.ts';

const CHUNK = 1 << 18;

/** Opens a plain or gzip-compressed log as a byte stream; gzip is recognised by its magic bytes, not the name. */
export const openLogInput = async (options: { path: string }): Promise<AsyncIterable<Buffer>> => {
  let magic: Buffer;
  try {
    const handle = await open(options.path, 'r');
    try {
      const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(2), position: 0 });
      magic = buffer.subarray(0, bytesRead);
      const stats = await handle.stat();
      if (stats.isDirectory()) throw new AppError('BAD_INPUT', `${options.path} is a directory`);
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EACCES'
          ? 'permission denied'
          : code === 'EISDIR'
            ? 'is a directory'
            : (error as Error).message;
    throw new AppError('BAD_INPUT', `cannot read ${options.path}: ${reason}`, { cause: error });
  }
  const file = createReadStream(options.path, { highWaterMark: CHUNK });
  if (magic[0] === 0x1f && magic[1] === 0x8b) return file.pipe(createGunzip({ chunkSize: CHUNK }));
  return file;
};
