import { describe, expect, it } from 'vitest';
import { parseJestJson } from './parse-jest-json.ts';

describe('parseJestJson', () => {
  it('maps assertion results, timeouts and files that failed to load', () => {
    const json = JSON.stringify({
      testResults: [
        {
          name: '/workspace/src/cart.test.ts',
          status: 'failed',
          assertionResults: [
            { ancestorTitles: ['cart', 'totals'], title: 'adds tax', status: 'passed', duration: 3, failureMessages: [] },
            { ancestorTitles: ['cart'], title: 'rounds', status: 'failed', duration: 4, failureMessages: ['Error: expect(received).toBe(expected)\n\nExpected: 3\nReceived: 2'] },
            { ancestorTitles: [], title: 'waits', status: 'failed', duration: 5000, failureMessages: ['Error: Exceeded timeout of 5000 ms for a test.'] },
            { ancestorTitles: [], title: 'later', status: 'pending', failureMessages: [] },
          ],
        },
        { name: '/workspace/src/broken.test.ts', status: 'failed', message: 'SyntaxError: Unexpected token', assertionResults: [] },
      ],
    });
    const tests = parseJestJson({ json });
    expect(tests.map((test) => [test.name, test.file, test.outcome])).toEqual([
      ['cart > totals > adds tax', 'src/cart.test.ts', 'pass'],
      ['cart > rounds', 'src/cart.test.ts', 'fail'],
      ['waits', 'src/cart.test.ts', 'timeout'],
      ['later', 'src/cart.test.ts', 'skip'],
      ['src/broken.test.ts', 'src/broken.test.ts', 'fail'],
    ]);
    expect(tests[1]?.failureMessage).toContain('Received: 2');
  });
});
