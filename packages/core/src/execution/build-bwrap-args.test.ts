import { describe, expect, it } from 'vitest';
import { buildBwrapArgs } from './build-bwrap-args.ts';

const base = {
  rootLayout: [{ path: '/bin', kind: 'symlink' as const, target: 'usr/bin' }, { path: '/lib64', kind: 'dir' as const }],
  workspaceHostDir: '/tmp/run/workspace',
  env: { PATH: '/usr/bin', HOME: '/home/sandbox' },
  tmpBytes: 1024,
};

const pairs = (args: string[], flag: string): string[][] =>
  args.flatMap((arg, index) => (arg === flag ? [args.slice(index + 1, index + 3)] : []));

describe('buildBwrapArgs', () => {
  it('isolates everything by default: namespaces, read-only system, private tmp, only the workspace writable', () => {
    const args = buildBwrapArgs({ ...base, cwd: 'packages/api' });
    expect(args.slice(0, 3)).toEqual(['--unshare-all', '--unshare-user', '--disable-userns']);
    expect(args).not.toContain('--share-net');
    expect(args).toEqual(expect.arrayContaining(['--die-with-parent', '--new-session', '--clearenv']));
    expect(pairs(args, '--ro-bind')).toEqual([['/usr', '/usr'], ['/etc', '/etc'], ['/lib64', '/lib64']]);
    expect(pairs(args, '--symlink')).toEqual([['usr/bin', '/bin']]);
    expect(pairs(args, '--bind')).toEqual([['/tmp/run/workspace', '/workspace']]);
    expect(pairs(args, '--setenv')).toEqual([['PATH', '/usr/bin'], ['HOME', '/home/sandbox']]);
    expect(args.join(' ')).toContain('--size 1024 --tmpfs /tmp --size 1024 --tmpfs /home/sandbox');
    expect(args[args.indexOf('--chdir') + 1]).toBe('/workspace/packages/api');
    expect(args.slice(-2)).toEqual(['--remount-ro', '/']);
  });

  it('never shares the host network, binds the egress directory read-only, and refuses a cwd outside the workspace', () => {
    const args = buildBwrapArgs({ ...base, readOnlyBinds: [{ source: '/tmp/run/egress', target: '/run/suture/egress' }] });
    expect(args).not.toContain('--share-net');
    expect(args).toContain('--unshare-all');
    expect(pairs(args, '--ro-bind')).toContainEqual(['/tmp/run/egress', '/run/suture/egress']);
    expect(args.indexOf('/run/suture/egress')).toBeLessThan(args.indexOf('--remount-ro'));
    expect(() => buildBwrapArgs({ ...base, cwd: '../..' })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});
