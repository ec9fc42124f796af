package io.wasmgate.runtime;

/**
 * One import a module needs.
 *
 * @param signature the function type, or null when {@code kind} is not FUNCTION
 */
public record ImportSpec(String module, String name, ExternKind kind, FunctionSignature signature) {

  /** "module.name", as error messages name imports. */
  public String qualifiedName() {
    return module + "." + name;
  }
}
