package io.wasmgate.plugin;

/**
 * One plugin as /config_dump shows it.
 *
 * @param state LOADING, FETCHING (remote module on its way; FAIL_CLOSE denies meanwhile), FETCH_FAILED
 *     (the fetch ran out of retries and goes on in the background), ACTIVE, FAILED (module or VM
 *     unusable), or SKIPPED (selector/match do not apply to this gateway)
 * @param sha256 of the module in force, or null before the first successful load
 * @param engine what new VMs run on: "compiler", "interpreter", "interpreter (compiling)" during a
 *     tiered start, or null when no version serves
 * @param lastError the last fetch/load/start/configure/trap error, or null
 */
public record PluginStatus(
    String namespace,
    String name,
    String pluginName,
    String phase,
    int priority,
    String url,
    String failStrategy,
    String state,
    String sha256,
    int vmCount,
    String engine,
    long memoryBytes,
    long traps,
    long reloads,
    String lastError) {}
