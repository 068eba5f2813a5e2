export type BuildEgressEnvOptions = {
  /** Loopback port the forwarder listens on inside the sandbox. */
  port: number;
  /** CA bundle inside the sandbox, when the host's trust store should apply (e.g. a TLS-inspecting gateway). */
  caBundlePath?: string | null;
};

/**
 * Points every package manager the install phase may run at the in-sandbox forwarder. Each tool reads its own
 * variable: curl/go/bun/uv/pip/poetry the standard *_PROXY ones, npm/pnpm/yarn 1 npm_config_*, yarn 2+ YARN_*,
 * cargo CARGO_HTTP_*, JVM tools (gradle, maven's HTTP transport) Java system properties. NO_PROXY is empty so
 * nothing goes around the proxy (there is no other way out of the namespace anyway).
 */
export const buildEgressEnv = (options: BuildEgressEnvOptions): Record<string, string> => {
  const url = `http://127.0.0.1:${options.port}`;
  const jvm = `-Dhttp.proxyHost=127.0.0.1 -Dhttp.proxyPort=${options.port} -Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort=${options.port}`;
  const env: Record<string, string> = {
    HTTPS_PROXY: url,
    HTTP_PROXY: url,
    https_proxy: url,
    http_proxy: url,
    ALL_PROXY: url,
    all_proxy: url,
    NO_PROXY: '',
    no_proxy: '',
    npm_config_https_proxy: url,
    npm_config_proxy: url,
    npm_config_noproxy: '',
    YARN_HTTPS_PROXY: url,
    YARN_HTTP_PROXY: url,
    PIP_PROXY: url,
    CARGO_HTTP_PROXY: url,
    JAVA_TOOL_OPTIONS: jvm,
    GRADLE_OPTS: jvm,
  };
  const ca = options.caBundlePath;
  if (ca) {
    Object.assign(env, {
      NODE_EXTRA_CA_CERTS: ca,
      SSL_CERT_FILE: ca,
      CURL_CA_BUNDLE: ca,
      REQUESTS_CA_BUNDLE: ca,
      PIP_CERT: ca,
      CARGO_HTTP_CAINFO: ca,
      GIT_SSL_CAINFO: ca,
    });
  }
  return env;
};
