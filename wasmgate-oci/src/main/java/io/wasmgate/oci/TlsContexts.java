package io.wasmgate.oci;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds an SSLContext that trusts exactly the certificates of a PEM bundle (a private registry's CA). */
final class TlsContexts {
  private TlsContexts() {}

  /** The HTTP client every fetch uses: the options' connect timeout and CA file, redirects followed. */
  static HttpClient httpClient(RegistryOptions options) throws OciException {
    HttpClient.Builder builder =
        HttpClient.newBuilder().connectTimeout(options.connectTimeout()).followRedirects(HttpClient.Redirect.NORMAL);
    if (options.caFile().isPresent()) {
      builder.sslContext(trusting(options.caFile().get()));
    }
    return builder.build();
  }

  static SSLContext trusting(Path pemBundle) throws OciException {
    try (InputStream in = Files.newInputStream(pemBundle)) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + index++, cert);
      }
      if (index == 0) {
        throw new OciException("CA file " + pemBundle + " holds no certificate");
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      if (e instanceof OciException oci) {
        throw oci;
      }
      throw new OciException("cannot read CA file " + pemBundle + ": " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new OciException("CA file " + pemBundle + " is not a PEM certificate bundle: " + e.getMessage(), e);
    }
  }
}
