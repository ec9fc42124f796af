package io.wasmgate.runtime.chicory;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.Properties;

/** The version of the Chicory compiler on the class path: compiled code is only valid for it. */
final class ChicoryVersion {
  private static final String POM_PROPERTIES =
      "/META-INF/maven/com.dylibso.chicory/compiler/pom.properties";
  private static final Optional<String> VERSION = read();

  private ChicoryVersion() {}

  /** Empty when neither the jar's Maven metadata nor its manifest names a version. */
  static Optional<String> get() {
    return VERSION;
  }

  private static Optional<String> read() {
    try (InputStream in = MachineFactoryCompiler.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties pom = new Properties();
        pom.load(in);
        String version = pom.getProperty("version", "").trim();
        if (version.matches("[A-Za-z0-9._-]+")) {
          return Optional.of(version);
        }
      }
    } catch (IOException e) {
      // Fall through to the manifest.
    }
    return Optional.ofNullable(MachineFactoryCompiler.class.getPackage().getImplementationVersion())
        .filter(v -> v.matches("[A-Za-z0-9._-]+"));
  }
}
