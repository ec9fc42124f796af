package io.wasmgate.conformance;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real grpc-java server (Netty, HTTP/2 cleartext) for plugins' gRPC callouts, serving service
 * test.Echo over raw byte messages as wasmgate-proxy's gRPC callout test does: Unary answers
 * "hello NAME from X-WHO", Fail closes PERMISSION_DENIED "no entry for wasm", Hang never answers.
 * Register it before the {@link Gateways} that use it, so it stops after them.
 */
final class GrpcEchoServer implements AfterAllCallback {
  static final String SERVICE = "test.Echo";
  private static final Metadata.Key<String> WHO = Metadata.Key.of("x-who", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private volatile String lastAuthority;
  private volatile String lastMethod;

  private GrpcEchoServer() throws IOException {
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                ServerServiceDefinition.builder(SERVICE)
                    .addMethod(unary("Unary"), this::unary)
                    .addMethod(unary("Fail"), GrpcEchoServer::fail)
                    .addMethod(unary("Hang"), GrpcEchoServer::hang)
                    .build())
            .build()
            .start();
  }

  static GrpcEchoServer start() {
    try {
      return new GrpcEchoServer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the gRPC test server", e);
    }
  }

  int port() {
    return server.getPort();
  }

  /** The :authority of the last Unary call (Envoy sends the cluster name). */
  String lastAuthority() {
    return lastAuthority;
  }

  /** The full method name ("test.Echo/Unary") of the last Unary call. */
  String lastMethod() {
    return lastMethod;
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static MethodDescriptor<byte[], byte[]> unary(String name) {
    MethodDescriptor.Marshaller<byte[]> bytes =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
          }

          @Override
          public byte[] parse(InputStream stream) {
            try {
              return stream.readAllBytes();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    return MethodDescriptor.newBuilder(bytes, bytes)
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, name))
        .build();
  }

  private ServerCall.Listener<byte[]> unary(ServerCall<byte[], byte[]> call, Metadata headers) {
    lastAuthority = call.getAuthority();
    lastMethod = call.getMethodDescriptor().getFullMethodName();
    String who = headers.get(WHO);
    call.request(1);
    return new ServerCall.Listener<>() {
      @Override
      public void onMessage(byte[] name) {
        call.sendHeaders(new Metadata());
        String reply = "hello " + new String(name, StandardCharsets.UTF_8) + " from " + who;
        call.sendMessage(reply.getBytes(StandardCharsets.UTF_8));
        call.close(Status.OK, new Metadata());
      }
    };
  }

  private static ServerCall.Listener<byte[]> fail(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.close(Status.PERMISSION_DENIED.withDescription("no entry for wasm"), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static ServerCall.Listener<byte[]> hang(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.request(1);
    return new ServerCall.Listener<>() {};
  }
}
