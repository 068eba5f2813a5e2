import { describe, expect, it } from 'vitest';
import { parseJunitXml } from './parse-junit-xml.ts';

describe('parseJunitXml', () => {
  it('reads pytest xunit1 output: classname as suite, file attribute, failures, skips, timeouts', () => {
    const xml = `<?xml version="1.0" encoding="utf-8"?><testsuites><testsuite name="pytest" errors="0" failures="1" skipped="1" tests="4">
      <testcase classname="tests.test_api.TestUsers" name="test_create" file="tests/test_api.py" line="3" time="0.012"/>
      <testcase classname="tests.test_api.TestUsers" name="test_delete" file="tests/test_api.py" time="0.5"><failure message="AssertionError: assert 404 == 200">tests/test_api.py:9: AssertionError</failure></testcase>
      <testcase classname="tests.test_api" name="test_slow" file="tests/test_api.py" time="5.0"><failure message="Failed: Timeout &gt;5.0s">+++ Timeout +++</failure></testcase>
      <testcase classname="tests.test_api" name="test_later" file="tests/test_api.py" time="0"><skipped message="todo"/></testcase>
    </testsuite></testsuites>`;
    const tests = parseJunitXml({ xml });
    expect(tests.map((test) => [test.name, test.file, test.outcome, test.durationMs])).toEqual([
      ['pytest > tests.test_api.TestUsers > test_create', 'tests/test_api.py', 'pass', 12],
      ['pytest > tests.test_api.TestUsers > test_delete', 'tests/test_api.py', 'fail', 500],
      ['pytest > tests.test_api > test_slow', 'tests/test_api.py', 'timeout', 5000],
      ['pytest > tests.test_api > test_later', 'tests/test_api.py', 'skip', 0],
    ]);
    expect(tests[1]?.failureMessage).toContain('assert 404 == 200');
  });

  it('reads surefire reports (classname repeats the suite) and vitest reports (suite is a file)', () => {
    const surefire = `<testsuite name="com.acme.CartTest" tests="1"><testcase name="totals" classname="com.acme.CartTest" time="0.003"><error type="java.lang.NullPointerException" message="boom">at com.acme.Cart.total(Cart.java:12)</error></testcase></testsuite>`;
    expect(parseJunitXml({ xml: surefire }).map((test) => [test.name, test.outcome])).toEqual([['com.acme.CartTest > totals', 'fail']]);
    const vitest = `<testsuites><testsuite name="src/cart.test.ts" tests="1"><testcase classname="src/cart.test.ts" name="cart &gt; totals" time="0.01"/></testsuite></testsuites>`;
    expect(parseJunitXml({ xml: vitest }).map((test) => [test.name, test.file])).toEqual([['cart > totals', 'src/cart.test.ts']]);
  });
});
