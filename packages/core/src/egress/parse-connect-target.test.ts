import { describe, expect, it } from 'vitest';
import { parseConnectTarget } from './parse-connect-target.ts';

describe('parseConnectTarget', () => {
  it('parses authority-form targets', () => {
    expect(parseConnectTarget({ authority: 'registry.npmjs.org:443' })).toEqual({ host: 'registry.npmjs.org', port: 443 });
    expect(parseConnectTarget({ authority: '[::1]:8233' })).toEqual({ host: '::1', port: 8233 });
    expect(parseConnectTarget({ authority: '127.0.0.1:5432' })).toEqual({ host: '127.0.0.1', port: 5432 });
  });

  it.each(['registry.npmjs.org', 'registry.npmjs.org:', ':443', 'user@host:443', 'host:443/path', 'http://host:443', 'host:0', 'host:65536', 'host :443', 'ho%73t:443', '[::1:443', `${'a'.repeat(300)}:443`, ''])(
    'rejects %j',
    (authority) => {
      expect(parseConnectTarget({ authority })).toBeNull();
    },
  );
});
