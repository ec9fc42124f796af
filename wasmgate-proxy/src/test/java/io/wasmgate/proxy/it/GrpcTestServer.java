package io.wasmgate.proxy.it;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real grpc-java server (Netty transport) with one hand-written service, test.Echo, over raw
 * byte messages: Unary ("hello NAME from X-WHO"), Chat (bidi: "echo:" each message, initial
 * metadata x-server: test, trailers x-count), Fail (PERMISSION_DENIED, trailers-only), Hang (never
 * answers; counts starts and cancellations). Shared with wasmgate-conformance through this
 * module's test jar.
 */
public final class GrpcTestServer implements AutoCloseable {
  final AtomicInteger hangStarted = new AtomicInteger();
  final AtomicInteger hangCancelled = new AtomicInteger();
  private volatile String lastAuthority;
  private volatile String lastMethod;
  private final Server server;

  /** Starts a server on a free port. */
  public static GrpcTestServer start() {
    try {
      return new GrpcTestServer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the gRPC test server", e);
    }
  }

  private GrpcTestServer() throws IOException {
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                ServerServiceDefinition.builder("test.Echo")
                    .addMethod(method("Unary", MethodDescriptor.MethodType.UNARY), this::unary)
                    .addMethod(method("Chat", MethodDescriptor.MethodType.BIDI_STREAMING), this::chat)
                    .addMethod(method("Fail", MethodDescriptor.MethodType.UNARY), this::fail)
                    .addMethod(method("Hang", MethodDescriptor.MethodType.UNARY), this::hang)
                    .build())
            .build()
            .start();
  }

  public int port() {
    return server.getPort();
  }

  /** The :authority of the last Unary call (Envoy sends the cluster name). */
  public String lastAuthority() {
    return lastAuthority;
  }

  /** The full method name ("test.Echo/Unary") of the last Unary call. */
  public String lastMethod() {
    return lastMethod;
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static MethodDescriptor<byte[], byte[]> method(String name, MethodDescriptor.MethodType type) {
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
        .setType(type)
        .setFullMethodName(MethodDescriptor.generateFullMethodName("test.Echo", name))
        .build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private ServerCall.Listener<byte[]> unary(ServerCall<byte[], byte[]> call, Metadata headers) {
    lastAuthority = call.getAuthority();
    lastMethod = call.getMethodDescriptor().getFullMethodName();
    String who = headers.get(Metadata.Key.of("x-who", Metadata.ASCII_STRING_MARSHALLER));
    call.request(1);
    return new ServerCall.Listener<>() {
      @Override
      public void onMessage(byte[] message) {
        call.sendHeaders(new Metadata());
        call.sendMessage(utf8("hello " + new String(message, StandardCharsets.UTF_8) + " from " + who));
        call.close(Status.OK, new Metadata());
      }
    };
  }

  private ServerCall.Listener<byte[]> chat(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.request(1);
    return new ServerCall.Listener<>() {
      private int count;

      @Override
      public void onMessage(byte[] message) {
        if (count++ == 0) {
          Metadata initial = new Metadata();
          initial.put(Metadata.Key.of("x-server", Metadata.ASCII_STRING_MARSHALLER), "test");
          call.sendHeaders(initial);
        }
        call.sendMessage(utf8("echo:" + new String(message, StandardCharsets.UTF_8)));
        call.request(1);
      }

      @Override
      public void onHalfClose() {
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of("x-count", Metadata.ASCII_STRING_MARSHALLER), Integer.toString(count));
        call.close(Status.OK, trailers);
      }
    };
  }

  private ServerCall.Listener<byte[]> fail(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.close(Status.PERMISSION_DENIED.withDescription("no entry for wasm"), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private ServerCall.Listener<byte[]> hang(ServerCall<byte[], byte[]> call, Metadata headers) {
    hangStarted.incrementAndGet();
    call.request(1);
    return new ServerCall.Listener<>() {
      @Override
      public void onCancel() {
        hangCancelled.incrementAndGet();
      }
    };
  }
}
