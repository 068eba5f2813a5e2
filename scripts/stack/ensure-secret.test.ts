import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureSecret } from './ensure-secret.ts';

const modeOf = (path: string) => statSync(path).mode & 0o777;
const dirs: string[] = [];
const dataDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'suture-secret-'));
  dirs.push(dir);
  return dir;
};

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('ensureSecret', () => {
  it('creates the secret once, readable by its owner only, and returns the same value after', () => {
    const data = dataDir();
    const secret = ensureSecret({ dataDir: data, name: 'nextauth-secret', bytes: 32 });
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(modeOf(join(data, 'secrets'))).toBe(0o700);
    expect(modeOf(join(data, 'secrets', 'nextauth-secret'))).toBe(0o600);
    expect(ensureSecret({ dataDir: data, name: 'nextauth-secret', bytes: 32 })).toBe(secret);
  });

  it('tightens a secret and folder left readable by others, keeping the value', () => {
    const data = dataDir();
    mkdirSync(join(data, 'secrets'), { mode: 0o755 });
    chmodSync(join(data, 'secrets'), 0o755);
    const file = join(data, 'secrets', 'nextauth-secret');
    writeFileSync(file, 'kept-from-an-earlier-start-0123456789abcdef');
    chmodSync(file, 0o644);
    expect(ensureSecret({ dataDir: data, name: 'nextauth-secret', bytes: 32 })).toBe(
      'kept-from-an-earlier-start-0123456789abcdef',
    );
    expect(modeOf(join(data, 'secrets'))).toBe(0o700);
    expect(modeOf(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('kept-from-an-earlier-start-0123456789abcdef');
  });
});
