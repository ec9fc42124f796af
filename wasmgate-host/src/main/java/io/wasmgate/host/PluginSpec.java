package io.wasmgate.host;

import java.util.Map;

/**
 * Immutable identity and configuration of one plugin, as Envoy's PluginBase: what the host needs to
 * start a VM and answer plugin-level properties.
 *
 * @param name plugin name as Envoy's PluginConfig.name: "namespace.name"
 * @param rootId the root context id (WasmPlugin pluginName); may be empty
 * @param vmId the VM id; empty as Istio leaves it
 * @param configuration plugin configuration bytes handed to proxy_on_configure (JSON)
 * @param vmConfiguration VM configuration bytes handed to proxy_on_vm_start
 * @param env WASI environment variables seen by the plugin (vmConfig.env)
 * @param limits CPU and memory limits of each VM; {@link VmLimits#DEFAULT} when null
 */
public record PluginSpec(
    String name,
    String rootId,
    String vmId,
    byte[] configuration,
    byte[] vmConfiguration,
    Map<String, String> env,
    VmLimits limits) {

  public PluginSpec {
    rootId = rootId == null ? "" : rootId;
    vmId = vmId == null ? "" : vmId;
    configuration = configuration == null ? new byte[0] : configuration;
    vmConfiguration = vmConfiguration == null ? new byte[0] : vmConfiguration;
    env = env == null ? Map.of() : Map.copyOf(env);
    limits = limits == null ? VmLimits.DEFAULT : limits;
  }

  /** A spec with the default limits. */
  public PluginSpec(
      String name,
      String rootId,
      String vmId,
      byte[] configuration,
      byte[] vmConfiguration,
      Map<String, String> env) {
    this(name, rootId, vmId, configuration, vmConfiguration, env, VmLimits.DEFAULT);
  }

  /** Prefix of the plugin's log lines, as Envoy writes them: "wasm log &lt;name&gt;: ". */
  public String logPrefix() {
    return "wasm log " + name + ": ";
  }
}
