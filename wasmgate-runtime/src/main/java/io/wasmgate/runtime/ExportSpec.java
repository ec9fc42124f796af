package io.wasmgate.runtime;

/**
 * One export a module offers.
 *
 * @param signature the function type, or null when {@code kind} is not FUNCTION
 */
public record ExportSpec(String name, ExternKind kind, FunctionSignature signature) {}
