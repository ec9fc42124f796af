package io.wasmgate.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * gateway.yaml {@code remoteModules}: how WasmPlugins with {@code oci://} and {@code http(s)://} URLs are fetched.
 * Null fields take the defaults, which the runtime resolves.
 *
 * @param cacheDir the module cache (default {@code ~/.wasmgate/cache})
 * @param secretsDir where {@code imagePullSecret} Secrets live (default {@code $WASMGATE_SECRETS_DIR}, else
 *     {@code ~/.wasmgate/secrets}, as for {@code wasmgate create secret})
 * @param insecureRegistries registries ({@code host:port}) spoken to over plain HTTP
 * @param caFile PEM bundle trusted for registry and download HTTPS instead of the JDK's trust store
 * @param fetchTimeout how long a fetch retries before the failure is reported (default 30s, as Istio)
 */
public record RemoteModulesConfig(
    Path cacheDir, Path secretsDir, List<String> insecureRegistries, Path caFile, Duration fetchTimeout) {
  public static final RemoteModulesConfig DEFAULTS = new RemoteModulesConfig(null, null, List.of(), null, null);

  public RemoteModulesConfig {
    insecureRegistries = List.copyOf(insecureRegistries);
  }
}
