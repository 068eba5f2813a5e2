import { describe, expect, it } from 'vitest';
import type { FailureCategory } from '../diagnosis-result.ts';
import { scoreLine } from '../score-line.ts';

// The category one line votes for, as the labels in docs/diagnosis/taxonomy.md would name it.
const categoryOf = (text: string): FailureCategory | null => scoreLine({ text })?.category ?? null;

describe('line categories (docs/diagnosis/taxonomy.md)', () => {
  it.each<[string, FailureCategory]>([
    // Static analysis that is not the compiler: lint, even when it prints compiler-shaped file:line:col.
    ['internal/app/util.go:17:6: func helper is unused (U1000)', 'lint_error'],
    ['pkg/plan/kind.go:85:2: missing cases in switch of type plan.Kind: plan.Removed', 'lint_error'],
    ["ERROR: go.mod/go.sum are not up-to-date. Run 'go mod tidy' and then commit the updated files.", 'lint_error'],
    ['ERROR: Generated files are inconsistent. Run make generate and commit.', 'lint_error'],
    // Link checkers of documentation lists are lint whatever the dead link did (rule 16).
    ['  3. [L0042] 301 https://example.org/old  → https://example.org/new', 'lint_error'],
    ['  07. https://shop.example.org Failed to open TCP connection (getaddrinfo: Temporary failure in name resolution)', 'lint_error'],
    ['ERROR: Detected 2 broken links. Scanned 40 links in 1.2 seconds.', 'lint_error'],
    // The network, not the code.
    ['main.go:7:2: example.org/mod@v1.2.0: Get "https://proxy.invalid/example.org/mod/@v/v1.2.0.zip": read tcp 10.0.0.2:5000->10.0.0.9:443: read: connection reset by peer', 'network_or_infra'],
    ['Connection error: Connect timeout at t/live.t line 9.', 'network_or_infra'],
    ['curl: (52) Empty reply from server', 'network_or_infra'],
    ['#9 ERROR: failed to copy: httpReadSeeker: failed open: could not fetch content descriptor sha256:0123 from remote: not found', 'network_or_infra'],
    // Configuration of the build or the CI job.
    ['flag provided but not defined: -output-dir', 'build_config'],
    ['fatal: Remote branch feature-x not found in upstream origin', 'build_config'],
    // Dependencies (rule 5, rule 14).
    ['  Could NOT find Halide (missing: HALIDE_ROOT_DIR HALIDE_LIBRARIES)', 'dependency_install'],
    ['  Unable to find the requested Boost libraries.', 'dependency_install'],
    ['    class file has wrong version 61.0, should be 55.0', 'dependency_install'],
    ['java.lang.UnsupportedClassVersionError: org/acme/Tool has been compiled by a more recent version of the Java Runtime (class file version 61.0)', 'dependency_install'],
    ['[!] CocoaPods could not find compatible versions for pod "Alamofire":', 'dependency_install'],
    ["pkg_resources.VersionConflict: (pytest 3.5.0 (/env/lib/python3.6/site-packages), Requirement.parse('pytest>=3.6'))", 'dependency_install'],
    // Compile errors the old rules did not see.
    ['src/example.org/app/util_test.go:4: fmt redeclared as imported package name', 'compile_error'],
    ['FAIL\tgithub.com/acme/app/store [build failed]', 'compile_error'],
    ['  Latex failed to resolve 12 reference(s)', 'compile_error'],
    // Tests and snapshots.
    ["Running the tests in 'tests/testthat.R' failed.", 'test_failure'],
    ['* checking examples ... ERROR', 'test_failure'],
    ['    test tests/ui/bad_attr.rs [should fail to compile] ... mismatch', 'snapshot_mismatch'],
    // Formatters.
    ["$ node_modules/.bin/prettier --list-different 'src/**/*.js'", 'format_error'],
  ])('%s -> %s', (text, category) => {
    expect(categoryOf(text)).toBe(category);
  });

  it('does not read a configured timeout value as a timeout', () => {
    expect(categoryOf('Password prompt timeout: 0.0 minutes')).toBeNull();
    expect(categoryOf(' > git fetch --tags --progress https://example.org/r.git +refs/heads/*:refs/remotes/origin/* # timeout=10')).toBeNull();
    expect(categoryOf('the request timed out')).toBe('timeout');
  });

  it('does not read an optional package CMake did not find, or a Jenkins notice, as the failure', () => {
    expect(categoryOf('-- Could NOT find Doxygen (missing: DOXYGEN_EXECUTABLE)')).not.toBe('dependency_install');
    expect(categoryOf('No credentials specified')).not.toBe('permission_or_secret');
  });

  it('tells a line staticcheck could not type-check apart from its lint findings', () => {
    expect(scoreLine({ text: 'internal/app/app_test.go:12:9: undeclared name: os (compile)' })?.ruleId).toBe('go.typecheck_compile');
  });
});

describe('awesome_bot link lists', () => {
  it('scores result lines, not the list of links it is about to check', () => {
    expect(categoryOf('  12. https://github.com/acme/awesome-widgets')).toBeNull();
    expect(categoryOf('  4. https://docs.example.org/guide Net::ReadTimeout')).toBe('lint_error');
  });
});

describe('build tools that report configuration, compatibility and warnings-as-errors', () => {
  it.each<[string, FailureCategory]>([
    ['Failing due to -Werror.', 'compile_error'],
    ['[error]  * method close()Unit in class org.acme.Pool does not have a correspondent in current version', 'lint_error'],
    ['> Unable to create Root Module: config {/work/app/config/checkstyle/checkstyle.xml}, classpath {null}.', 'build_config'],
    ['ERROR 2026/01/05 10:00:00 [en] REF_NOT_FOUND: Ref "/docs/intro": "/site/content/docs/start.md:4:10": page not found', 'compile_error'],
    ["fatal: No tags can describe '4f2d0c1a9b8e7d6c5b4a39281706f5e4d3c2b1a0'.", 'build_config'],
  ])('%s -> %s', (text, category) => {
    expect(categoryOf(text)).toBe(category);
  });
});

describe('configuration, dependency and documentation failures of common tools', () => {
  it.each<[string, FailureCategory]>([
    ['npm ERR! missing script: test:ci', 'build_config'],
    ['error Command "typecheck" not found.', 'build_config'],
    ['fatal: reference is not a tree: 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567', 'build_config'],
    ['Your Ruby version is 2.7.8, but your Gemfile specified 3.2.2', 'build_config'],
    ['error: release version 17 not supported', 'build_config'],
    ["ERROR: Package 'acme-tools' requires a different Python: 3.7.9 not in '>=3.9'", 'dependency_install'],
    ['error: the lock file /work/app/Cargo.lock needs to be updated but --locked was passed to prevent this', 'dependency_install'],
    ['Aborted with 2 warnings in strict mode!', 'compile_error'],
    ['Warning, treated as error:', 'compile_error'],
    ['HTML-Proofer found 3 failures!', 'lint_error'],
    ['SC2086 (info): Double quote to prevent globbing and word splitting.', 'lint_error'],
    ['README.md:12 MD013/line-length Line length [Expected: 80; Actual: 96]', 'lint_error'],
  ])('%s -> %s', (text, category) => {
    expect(categoryOf(text)).toBe(category);
  });
});
