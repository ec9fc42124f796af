package io.wasmgate.oci.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Test PKI made with the JDK's keytool: a CA, a server certificate for 127.0.0.1 it signs, PEM files for both. */
public final class TestCertificates {
  private static final String PASS = "changeit";

  public final Path caPem;
  public final Path serverCertPem;
  public final Path serverKeyPem;
  public final PrivateKey caKey;
  public final X509Certificate caCert;

  private TestCertificates(Path caPem, Path serverCertPem, Path serverKeyPem, PrivateKey caKey, X509Certificate caCert) {
    this.caPem = caPem;
    this.serverCertPem = serverCertPem;
    this.serverKeyPem = serverKeyPem;
    this.caKey = caKey;
    this.caCert = caCert;
  }

  public static TestCertificates create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
    Path store = dir.resolve("pki.p12");
    keytool("-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=wasmgate test CA",
        "-ext", "bc:c", "-validity", "2", "-keystore", store.toString());
    keytool("-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=127.0.0.1",
        "-validity", "2", "-keystore", store.toString());
    Path csr = dir.resolve("server.csr");
    Path serverPem = dir.resolve("server.pem");
    Path caPem = dir.resolve("ca.pem");
    keytool("-certreq", "-alias", "server", "-keystore", store.toString(), "-file", csr.toString());
    keytool("-gencert", "-alias", "ca", "-keystore", store.toString(), "-infile", csr.toString(), "-outfile",
        serverPem.toString(), "-rfc", "-validity", "2", "-ext", "san=ip:127.0.0.1,dns:localhost", "-ext", "eku=serverAuth");
    keytool("-exportcert", "-alias", "ca", "-keystore", store.toString(), "-rfc", "-file", caPem.toString());
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASS.toCharArray());
    }
    Path keyPem = dir.resolve("server.key");
    Files.writeString(keyPem, pem("PRIVATE KEY", keyStore.getKey("server", PASS.toCharArray()).getEncoded()));
    return new TestCertificates(caPem, serverPem, keyPem, (PrivateKey) keyStore.getKey("ca", PASS.toCharArray()),
        (X509Certificate) keyStore.getCertificate("ca"));
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-noprompt"));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + args[0] + " failed: " + new String(out));
    }
  }
}
