package io.wasmgate.admin;

import io.wasmgate.plugin.PluginAdmin;
import io.wasmgate.plugin.ResourceException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * kubectl-style WasmPlugin management for {@code wasmgate apply -f} / {@code delete -f}:
 * {@code POST} the YAML to apply it, {@code DELETE} it (or {@code POST} to {@code ...:delete}, for
 * clients that cannot send a DELETE body) to remove it. Invalid resources answer 422 with the
 * lifecycle's message; deleting something unknown answers 404.
 */
final class WasmPluginsHandler {
  static final String PATH = "/apis/extensions.istio.io/v1alpha1/wasmplugins";

  private final PluginAdmin plugins;

  WasmPluginsHandler(PluginAdmin plugins) {
    this.plugins = plugins;
  }

  List<AdminEndpoint> endpoints() {
    return List.of(
        new AdminEndpoint(PATH, Set.of("POST", "DELETE"),
            "POST WasmPlugin YAML (multi-document) to apply it, DELETE it to remove it",
            true, this::applyOrDelete),
        new AdminEndpoint(PATH + ":delete", Set.of("POST"),
            "remove the WasmPlugins named in the posted YAML", true, this::delete));
  }

  private AdminResponse applyOrDelete(AdminRequest request) {
    return request.method().equals("DELETE") ? delete(request) : apply(request);
  }

  private AdminResponse apply(AdminRequest request) {
    if (request.body().isBlank()) {
      return emptyBody();
    }
    try {
      return AdminResponse.text(200, lines(plugins.apply(request.body())));
    } catch (ResourceException e) {
      return AdminResponse.text(422, "error: " + e.getMessage() + "\n");
    }
  }

  private AdminResponse delete(AdminRequest request) {
    if (request.body().isBlank()) {
      return emptyBody();
    }
    try {
      return AdminResponse.text(200, lines(plugins.delete(request.body())));
    } catch (ResourceException e) {
      // The contract has no "not found" type; the lifecycle's messages say "not found" for it.
      boolean notFound = e.getMessage() != null
          && e.getMessage().toLowerCase(Locale.ROOT).contains("not found");
      return AdminResponse.text(notFound ? 404 : 422, "error: " + e.getMessage() + "\n");
    }
  }

  private static AdminResponse emptyBody() {
    return AdminResponse.text(400, "error: the request body must hold WasmPlugin YAML\n");
  }

  private static String lines(String text) {
    return text.endsWith("\n") ? text : text + "\n";
  }
}
