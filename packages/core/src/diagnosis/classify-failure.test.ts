import { describe, expect, it } from 'vitest';
import { diagnoseLog } from './diagnose-log.ts';

/** A GitHub Actions job log with one failing step whose output is `lines`. */
const ghaLog = (step: string, lines: string[], exitCode = 1): string => {
  let second = 0;
  const stamp = (text: string): string => `2026-03-04T10:00:${String(second++ % 60).padStart(2, '0')}.0000000Z ${text}`;
  return [
    'Current runner version: 2.321.0',
    '##[group]Run actions/checkout@v4',
    'Syncing repository: acme/app',
    '##[endgroup]',
    `##[group]Run ${step}`,
    step,
    'shell: /usr/bin/bash -e {0}',
    '##[endgroup]',
    ...lines,
    `##[error]Process completed with exit code ${exitCode}.`,
    'Post job cleanup.',
  ].map(stamp).join('\n');
};

describe('classifyFailure: the first cause, not the loudest symptom (docs/diagnosis/taxonomy.md)', () => {
  it('names a dependency jar built for a newer JDK, not the compile errors it causes', () => {
    const text = ghaLog('mvn -B verify', [
      '[INFO] Compiling 12 source files to /work/app/target/classes',
      '[ERROR] COMPILATION ERROR : ',
      '[ERROR] /work/app/src/main/java/org/acme/Walker.java:[4,24] cannot access org.tool.Visitor',
      '  bad class file: /root/.m2/repository/org/tool/tool-core/2.0/tool-core-2.0.jar(org/tool/Visitor.class)',
      '    class file has wrong version 61.0, should be 52.0',
      '    Please remove or make sure it appears in the correct subdirectory of the classpath.',
      '[INFO] 1 error',
      '[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.8.1:compile (default-compile) on project app: Compilation failure',
    ]);
    expect(diagnoseLog({ text }).category).toBe('dependency_install');
  });

  it('names a library CMake could not find, not the CMake error around it', () => {
    const text = ghaLog('cmake -S . -B build', [
      '-- Could NOT find Doxygen (missing: DOXYGEN_EXECUTABLE)',
      'CMake Error at /usr/share/cmake-3.22/Modules/FindPackageHandleStandardArgs.cmake:230 (message):',
      '  Could NOT find ZeroMQ (missing: ZMQ_LIBRARY ZMQ_INCLUDE_DIR)',
      'Call Stack (most recent call first):',
      '  cmake/Deps.cmake:12 (find_package)',
      '  CMakeLists.txt:20 (include)',
      '-- Configuring incomplete, errors occurred!',
    ]);
    expect(diagnoseLog({ text }).category).toBe('dependency_install');
  });

  it('names a download that failed inside a Docker build as the network', () => {
    const text = ghaLog('docker buildx build -t acme/app .', [
      '#7 [tools 1/2] RUN curl -fsSL https://downloads.example.org/tool-1.2.tgz -o /tmp/tool.tgz',
      '#7 0.210 curl: (22) The requested URL returned error: 502 Bad Gateway',
      '#7 ERROR: process "/bin/sh -c curl -fsSL https://downloads.example.org/tool-1.2.tgz -o /tmp/tool.tgz" did not complete successfully: exit code: 22',
      '------',
      ' > [tools 1/2] RUN curl -fsSL https://downloads.example.org/tool-1.2.tgz -o /tmp/tool.tgz:',
      '0.210 curl: (22) The requested URL returned error: 502 Bad Gateway',
      '------',
      'ERROR: failed to solve: process "/bin/sh -c curl -fsSL https://downloads.example.org/tool-1.2.tgz -o /tmp/tool.tgz" did not complete successfully: exit code: 22',
    ]);
    expect(diagnoseLog({ text }).category).toBe('network_or_infra');
  });

  it('names a Go package that does not build, even when tests of other packages fail after it', () => {
    const failures = Array.from({ length: 12 }, (_, i) => [`--- FAIL: TestRemote_apply${i} (0.00s)`, `    remote_test.go:${40 + i}: unexpected version`]).flat();
    const text = ghaLog('go test ./...', [
      'ok  \tgithub.com/acme/app/internal/addrs\t0.036s',
      '# github.com/acme/app [github.com/acme/app.test]',
      './commands.go:395:20: undefined: command.VersionCommand',
      'FAIL\tgithub.com/acme/app [build failed]',
      ...failures,
      'FAIL\tgithub.com/acme/app/internal/remote\t0.512s',
    ], 2);
    expect(diagnoseLog({ text }).category).toBe('compile_error');
  });

  it('names staticcheck findings lint, and code staticcheck could not type-check a compile error', () => {
    const lint = ghaLog('make staticcheck', [
      '==> Checking that code complies with static analysis requirements...',
      'internal/states/object_test.go:63:3: the goroutine calls T.Fatalf, which must be called in the same goroutine as the test (SA2002)',
      '\tinternal/states/object_test.go:67:5: call to T.Fatalf',
      'exit status 1',
      'make: *** [Makefile:39: staticcheck] Error 1',
    ], 2);
    expect(diagnoseLog({ text: lint }).category).toBe('lint_error');
    const unused = Array.from({ length: 8 }, (_, i) => `internal/remote/testing.go:${30 + i * 10}:6: func helper${i} is unused (U1000)`);
    const broken = ghaLog('make staticcheck', [
      'internal/remote/backend_test.go:564:24: cannot use "remote" (untyped string constant) as bool value in struct literal (compile)',
      'internal/remote/backend_test.go:565:24: cannot use "local" (untyped string constant) as bool value in struct literal (compile)',
      ...unused,
      'make: *** [Makefile:39: staticcheck] Error 1',
    ], 2);
    expect(diagnoseLog({ text: broken }).category).toBe('compile_error');
  });

  it('does not call a job a timeout because a tool printed its timeout settings', () => {
    const text = ghaLog('make test', [
      'Authentication timestamp timeout: 15.0 minutes',
      'Password prompt timeout: 0.0 minutes',
      'src/store.c:88:5: error: implicit declaration of function ‘store_flush’ [-Werror=implicit-function-declaration]',
      'make: *** [Makefile:20: src/store.o] Error 1',
    ], 2);
    expect(diagnoseLog({ text }).category).toBe('compile_error');
  });
});

describe('classifyFailure: what the failing step runs', () => {
  it('reads a documentation linter step as lint when its output names no tool', () => {
    const text = ghaLog('npx markdownlint-cli2 "**/*.md"', ['docs/setup.md: 3 problems found', 'see the report above']);
    expect(diagnoseLog({ text }).category).toBe('lint_error');
  });
});
