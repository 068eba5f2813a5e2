import { describe, expect, it } from 'vitest';
import { applySearchReplace } from './apply-search-replace.ts';

const text = 'function a() {\n  const x = 1;\n  return x;\n}\n\nfunction b() {\n  return 2;\n}\n';

describe('applySearchReplace', () => {
  it('replaces an exact unique match', () => {
    expect(applySearchReplace({ text, search: '  const x = 1;\n', replace: '  const x = 2;\n' })).toEqual({
      ok: true,
      text: text.replace('const x = 1', 'const x = 2'),
      fuzzy: false,
    });
  });

  it('tolerates indentation and trailing-space drift and re-indents the replacement', () => {
    const result = applySearchReplace({
      text,
      search: 'const x = 1;   \nreturn x;',
      replace: 'const x = 2;\nreturn x + 1;',
    });
    expect(result).toEqual({
      ok: true,
      text: text.replace('  const x = 1;\n  return x;', '  const x = 2;\n  return x + 1;'),
      fuzzy: true,
    });
  });

  it('refuses an ambiguous match, exact or fuzzy', () => {
    expect(applySearchReplace({ text: 'x();\nx();\n', search: 'x();', replace: 'y();' })).toEqual({
      ok: false,
      reason: 'search text matches 2 places; it must be unique',
    });
    expect(
      applySearchReplace({ text: '  x();\n    x();\n', search: 'x();\n', replace: 'y();' }),
    ).toMatchObject({ ok: false });
  });

  it('refuses text that is not there, and an empty search', () => {
    expect(applySearchReplace({ text, search: 'return 3;', replace: 'return 4;' })).toEqual({
      ok: false,
      reason: 'search text not found, even ignoring whitespace',
    });
    expect(applySearchReplace({ text, search: '  ', replace: 'x' })).toMatchObject({ ok: false });
  });
});
