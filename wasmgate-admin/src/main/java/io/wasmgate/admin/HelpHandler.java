package io.wasmgate.admin;

import java.util.ArrayList;
import java.util.List;

/** /help and the 404 answer: the list of admin endpoints with their methods. */
final class HelpHandler {
  private final List<AdminEndpoint> endpoints = new ArrayList<>();

  void describe(List<AdminEndpoint> more) {
    endpoints.addAll(more);
  }

  List<AdminEndpoint> endpoints() {
    return List.of(AdminEndpoint.get("/help", "print this list of admin commands",
        request -> AdminResponse.text(200, listing())));
  }

  AdminResponse notFound(AdminRequest request) {
    return AdminResponse.text(404, "invalid path: " + request.path() + "\n" + listing());
  }

  private String listing() {
    StringBuilder out = new StringBuilder("admin commands are:\n");
    for (AdminEndpoint e : endpoints) {
      out.append("  ").append(e.path())
          .append(" (").append(String.join(", ", e.methods().stream().sorted().toList())).append("): ")
          .append(e.help()).append('\n');
    }
    return out.toString();
  }
}
