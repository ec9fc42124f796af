/**
 * The plugin lifecycle behind {@link io.wasmgate.plugin.lifecycle.PluginManager}: the watched
 * directory, reconciliation, per-worker VMs, failStrategy, and chain snapshots.
 */
package io.wasmgate.plugin.lifecycle;
