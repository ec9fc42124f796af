package io.wasmgate.admin;

import java.util.Set;

/**
 * One admin path.
 *
 * @param methods the HTTP methods accepted; others get 405
 * @param blocking true when the handler may take long (plugin loading), so it runs off the event loop
 */
record AdminEndpoint(String path, Set<String> methods, String help, boolean blocking, Handler handler) {

  static AdminEndpoint get(String path, String help, Handler handler) {
    return new AdminEndpoint(path, Set.of("GET"), help, false, handler);
  }

  static AdminEndpoint post(String path, String help, Handler handler) {
    return new AdminEndpoint(path, Set.of("POST"), help, false, handler);
  }

  @FunctionalInterface
  interface Handler {
    AdminResponse handle(AdminRequest request);
  }
}
