package io.wasmgate.runtime.chicory;

/**
 * What the compiled-code cache keeps for one module: everything a load needs besides the module
 * bytes themselves, so a hit neither digests nor parses the module.
 *
 * @param sha256 lower-case hex digest of the module bytes
 * @param skeleton the {@link ModuleSkeleton} instances are built from
 */
record CachedModule(String sha256, byte[] skeleton, CompiledClasses classes) {}
