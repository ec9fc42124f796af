package io.wasmgate.runtime.chicory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chicory-compiled classes on disk, one file per module: {@code <dir>/chicory-<version>/<sha256>
 * .classes}. Files are published whole (temp file, then atomic rename), carry a CRC32C of their
 * contents, and repeat their Chicory version and module digest inside, so a partial, corrupt or
 * misplaced file is ignored with a warning and never loaded. Safe for concurrent processes.
 */
final class CompiledCodeStore {
  private static final Logger LOG = LoggerFactory.getLogger(CompiledCodeStore.class);
  private static final int MAGIC = 0x57474343; // "WGCC"
  private static final int FORMAT = 1;
  private static final int CHECKSUM_BYTES = Long.BYTES;

  private final Path versionDir;
  private final String chicoryVersion;

  CompiledCodeStore(Path dir, String chicoryVersion) {
    this.chicoryVersion = chicoryVersion;
    this.versionDir = dir.resolve("chicory-" + chicoryVersion);
  }

  Path entry(String sha256) {
    return versionDir.resolve(sha256 + ".classes");
  }

  /** Whether an entry for the module exists (it may still prove unusable when read). */
  boolean contains(String sha256) {
    return Files.isRegularFile(entry(sha256));
  }

  /** The module's classes, or empty when absent or unusable (then with a warning). */
  Optional<CompiledClasses> read(String sha256) {
    Path file = entry(sha256);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warn(
          "cannot read compiled-code cache entry {}; compiling instead: {}",
          file, e.toString());
      return Optional.empty();
    }
    try {
      return Optional.of(decode(bytes, sha256));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "ignoring corrupt compiled-code cache entry {}; compiling instead: {}",
          file,
          e.getMessage());
      return Optional.empty();
    }
  }

  /** Publishes the classes atomically; failures only cost the next start a compile. */
  void write(String sha256, CompiledClasses classes) {
    Path file = entry(sha256);
    Path temp = null;
    try {
      Files.createDirectories(versionDir);
      temp = Files.createTempFile(versionDir, sha256 + ".", ".tmp");
      Files.write(temp, encode(sha256, classes));
      move(temp, file);
    } catch (IOException | RuntimeException e) {
      LOG.warn("cannot write compiled-code cache entry {}: {}", file, e.toString());
      deleteQuietly(temp);
    }
  }

  private static void move(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private byte[] encode(String sha256, CompiledClasses classes) throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(buffer);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeUTF(chicoryVersion);
    out.writeUTF(sha256);
    out.writeUTF(classes.mainClass());
    out.writeInt(classes.interpretedFunctions().size());
    for (int function : classes.interpretedFunctions()) {
      out.writeInt(function);
    }
    out.writeInt(classes.classes().size());
    for (Map.Entry<String, byte[]> entry : classes.classes().entrySet()) {
      out.writeUTF(entry.getKey());
      out.writeInt(entry.getValue().length);
      out.write(entry.getValue());
    }
    out.writeLong(checksum(buffer.toByteArray(), buffer.size()));
    return buffer.toByteArray();
  }

  private CompiledClasses decode(byte[] bytes, String sha256) throws IOException {
    int body = bytes.length - CHECKSUM_BYTES;
    if (body < 0) {
      throw new IOException("truncated (" + bytes.length + " bytes)");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    in.skipNBytes(body);
    if (in.readLong() != checksum(bytes, body)) {
      throw new IOException("checksum mismatch (partial or damaged file)");
    }
    in = new DataInputStream(new ByteArrayInputStream(bytes, 0, body));
    if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
      throw new IOException("not a format " + FORMAT + " entry");
    }
    expect("Chicory version", chicoryVersion, in.readUTF());
    expect("module sha256", sha256, in.readUTF());
    String mainClass = in.readUTF();
    Set<Integer> interpreted = new HashSet<>();
    for (int n = in.readInt(); n > 0; n--) {
      interpreted.add(in.readInt());
    }
    Map<String, byte[]> classes = new LinkedHashMap<>();
    for (int n = in.readInt(); n > 0; n--) {
      String name = in.readUTF();
      int length = in.readInt();
      if (length < 0 || length > in.available()) {
        throw new IOException("class " + name + " runs past the end of the entry");
      }
      classes.put(name, in.readNBytes(length));
    }
    if (!classes.containsKey(mainClass) || in.available() != 0) {
      throw new IOException("inconsistent entry (main class " + mainClass + ")");
    }
    return new CompiledClasses(mainClass, classes, interpreted);
  }

  private static void expect(String what, String expected, String found) throws IOException {
    if (!expected.equals(found)) {
      throw new IOException(what + " is " + found + ", expected " + expected);
    }
  }

  private static long checksum(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return crc.getValue();
  }

  private static void deleteQuietly(Path temp) {
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A leftover temp file is never read: entries are only ever published by rename.
      }
    }
  }
}
