package io.wasmgate.cli;

import io.wasmgate.oci.OciModuleCache;
import io.wasmgate.oci.RegistryOptions;
import io.wasmgate.oci.SecretStore;
import io.wasmgate.plugin.lifecycle.FetchPolicy;
import io.wasmgate.plugin.lifecycle.RemoteModules;
import io.wasmgate.proxy.config.RemoteModulesConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** gateway.yaml {@code remoteModules} with the defaults filled in: what the plugin lifecycle fetches with. */
record RemoteModulesSetup(RemoteModulesConfig config, Path cacheDir, Path secretsDir, FetchPolicy policy) {

  static RemoteModulesSetup of(RemoteModulesConfig config) {
    return new RemoteModulesSetup(
        config,
        config.cacheDir() != null ? config.cacheDir() : OciModuleCache.defaultDirectory(),
        config.secretsDir() != null ? config.secretsDir() : SecretStore.defaultDirectory(),
        config.fetchTimeout() != null ? FetchPolicy.DEFAULT.withDeadline(config.fetchTimeout()) : FetchPolicy.DEFAULT);
  }

  RemoteModules remoteModules() {
    RegistryOptions options = RegistryOptions.defaults().withInsecure(config.insecureRegistries().toArray(String[]::new));
    if (config.caFile() != null) {
      options = options.withCaFile(config.caFile());
    }
    return new RemoteModules(cacheDir, options, new SecretStore(secretsDir), policy);
  }

  /** For /config_dump: paths and settings only; Secrets stay in their files. */
  Map<String, Object> dump() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("cache_dir", cacheDir.toString());
    out.put("secrets_dir", secretsDir.toString());
    out.put("insecure_registries", config.insecureRegistries());
    out.put("ca_file", config.caFile() == null ? null : config.caFile().toString());
    out.put("fetch_timeout", policy.deadline().toMillis() + "ms");
    return out;
  }
}
