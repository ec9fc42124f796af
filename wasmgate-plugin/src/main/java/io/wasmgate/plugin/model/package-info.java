/**
 * The Istio WasmPlugin resource (extensions.istio.io/v1alpha1) as users write it for kubectl, read
 * by {@link io.wasmgate.plugin.model.WasmPluginParser} with the CRD's validation rules.
 *
 * <p>Choices for a gateway that runs without Kubernetes:
 *
 * <ul>
 *   <li>spec.selector.matchLabels is matched against the gateway's own labels; spec.targetRefs are
 *       validated but cannot be resolved, so a plugin with targetRefs applies as if it had no
 *       selector (the gateway is the only workload it could target);
 *   <li>the namespace names and orders the plugin; it does not scope it (there is no root
 *       namespace and no workload namespace);
 *   <li>a gateway is the client side of what it forwards: match[] mode UNDEFINED, CLIENT and
 *       CLIENT_AND_SERVER apply, SERVER does not; ports are listener ports;
 *   <li>spec.url names a local file, an OCI image or an http(s) download
 *       ({@link io.wasmgate.plugin.model.ModuleUrl}); relative paths resolve against the gateway's
 *       working directory;
 *   <li>unknown fields are warnings (kubectl --validate=warn); verificationKey is ignored with a
 *       warning; type NETWORK is refused.
 * </ul>
 */
package io.wasmgate.plugin.model;
