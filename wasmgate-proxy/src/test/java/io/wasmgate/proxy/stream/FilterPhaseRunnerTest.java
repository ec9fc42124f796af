package io.wasmgate.proxy.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.wasmgate.abi.Action;
import io.wasmgate.host.HeaderMap;
import io.wasmgate.plugin.StreamFilter;
import io.wasmgate.proxy.stream.FilterPhaseRunner.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The chain runner with scripted filters: order, PAUSE/resume, held bodies and early continue. */
class FilterPhaseRunnerTest {
  private final List<String> calls = new ArrayList<>();
  private final List<String> delivered = new ArrayList<>();
  private final Gate gate = new Gate();

  /** A filter that answers from a script of actions, recording each call as "name:callback:size". */
  private final class Scripted implements StreamFilter {
    final String name;
    final ArrayDeque<Action> script = new ArrayDeque<>();
    Runnable during = () -> {};

    Scripted(String name, Action... actions) {
      this.name = name;
      script.addAll(List.of(actions));
    }

    private Action next(String call) {
      calls.add(name + ":" + call);
      during.run();
      return script.isEmpty() ? Action.CONTINUE : script.poll();
    }

    @Override
    public String pluginName() {
      return name;
    }

    @Override
    public Action onRequestHeaders(int headerCount, boolean endOfStream) {
      return next("reqHeaders");
    }

    @Override
    public Action onRequestBody(int bodySize, boolean endOfStream) {
      return next("reqBody" + bodySize + (endOfStream ? "eos" : ""));
    }

    @Override
    public Action onRequestTrailers(int trailerCount) {
      return next("reqTrailers");
    }

    @Override
    public Action onResponseHeaders(int headerCount, boolean endOfStream) {
      return next("respHeaders");
    }

    @Override
    public Action onResponseBody(int bodySize, boolean endOfStream) {
      return next("respBody" + bodySize);
    }

    @Override
    public Action onResponseTrailers(int trailerCount) {
      return next("respTrailers");
    }

    @Override
    public void onStreamComplete() {}

    @Override
    public void close() {}
  }

  private static final class Gate implements CallbackGate {
    boolean stop;
    boolean earlyContinue;
    int depth;

    @Override
    public void enterCallback() {
      depth++;
    }

    @Override
    public void exitCallback() {
      depth--;
    }

    @Override
    public boolean stopped(boolean request) {
      return stop;
    }

    @Override
    public boolean takeEarlyContinue(boolean request) {
      boolean was = earlyContinue;
      earlyContinue = false;
      return was;
    }
  }

  /** Records what passed every filter. */
  private final class Recorder implements FilterPhaseRunner.Sink {
    @Override
    public void headersDone() {
      delivered.add("headers");
    }

    @Override
    public void body(ByteBuf buf, boolean eos) {
      delivered.add(buf.toString(StandardCharsets.UTF_8) + (eos ? "|eos" : ""));
      buf.release();
    }

    @Override
    public void trailers(HeaderMap trailers) {
      delivered.add("trailers:" + trailers.get("grpc-status"));
    }
  }

  private FilterPhaseRunner runner(boolean request, StreamFilter... filters) {
    return runner(1024, request, filters);
  }

  private FilterPhaseRunner runner(int limit, boolean request, StreamFilter... filters) {
    return new FilterPhaseRunner(List.of(filters), filters.length, request, gate, new Recorder(), limit);
  }

  private static HeaderMap trailers() {
    return new TrailerHeaderMap(new DefaultHttpHeaders().add("grpc-status", "0"));
  }

  private static RequestHeaderMap headers() {
    return new RequestHeaderMap(new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/"), "http", () -> {});
  }

  private static ByteBuf text(String s) {
    return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
  }

  @Test
  void requestHeadersRunInOrderAndResumeAfterThePausingFilter() {
    FilterPhaseRunner r = runner(true, new Scripted("a"), new Scripted("b", Action.PAUSE), new Scripted("c"));

    assertThat(r.headers(headers(), true)).isEqualTo(Outcome.PAUSE);
    assertThat(calls).containsExactly("a:reqHeaders", "b:reqHeaders");
    assertThat(r.headersPaused()).isTrue();
    assertThat(r.headersReachedIndex()).isEqualTo(1);

    assertThat(r.resume()).isEqualTo(Outcome.CONTINUE);
    assertThat(calls).containsExactly("a:reqHeaders", "b:reqHeaders", "c:reqHeaders");
    assertThat(delivered).containsExactly("headers");
  }

  @Test
  void responseCallbacksRunInReverseOverTheFirstCountFilters() {
    Scripted a = new Scripted("a");
    Scripted b = new Scripted("b");
    Scripted c = new Scripted("c");
    FilterPhaseRunner r = new FilterPhaseRunner(List.of(a, b, c), 2, false, gate, new Recorder(), 1024);

    assertThat(r.headers(headers(), false)).isEqualTo(Outcome.CONTINUE);
    assertThat(calls).containsExactly("b:respHeaders", "a:respHeaders");
  }

  @Test
  void pausedBodyFilterSeesTheGrowingHeldBodyUntilItContinues() {
    FilterPhaseRunner r = runner(true, new Scripted("a"), new Scripted("b", Action.PAUSE, Action.PAUSE), new Scripted("c"));

    assertThat(r.body(text("12"), false)).isEqualTo(Outcome.PAUSE);
    assertThat(r.body(text("345"), false)).isEqualTo(Outcome.PAUSE);
    assertThat(delivered).isEmpty();
    assertThat(r.body(text("6"), true)).isEqualTo(Outcome.CONTINUE);

    assertThat(calls).containsExactly(
        "a:reqBody2", "b:reqBody2", "a:reqBody3", "b:reqBody5", "a:reqBody1eos", "b:reqBody6eos", "c:reqBody6eos");
    assertThat(delivered).containsExactly("123456|eos");
  }

  @Test
  void continueStreamReleasesTheHeldBodyToTheNextFilter() {
    FilterPhaseRunner r = runner(true, new Scripted("a", Action.PAUSE), new Scripted("b"));

    assertThat(r.body(text("xy"), true)).isEqualTo(Outcome.PAUSE);
    assertThat(r.resume()).isEqualTo(Outcome.CONTINUE);

    assertThat(calls).containsExactly("a:reqBody2eos", "b:reqBody2eos");
    assertThat(delivered).containsExactly("xy|eos");
  }

  @Test
  void aFiltersContinueReleasesItsOwnHoldNotAnEarlierFiltersOne() {
    // b holds chunk 1 (waiting for a callout, say); then a holds chunk 2 while it reads more.
    FilterPhaseRunner r =
        runner(true, new Scripted("a", Action.CONTINUE, Action.PAUSE), new Scripted("b", Action.PAUSE), new Scripted("c"));
    assertThat(r.body(text("1"), false)).isEqualTo(Outcome.PAUSE);
    assertThat(r.body(text("22"), false)).isEqualTo(Outcome.PAUSE);

    assertThat(r.resume(1)).as("b continues").isEqualTo(Outcome.PAUSE);
    assertThat(delivered).containsExactly("1");
    assertThat(r.resume(0)).as("a continues").isEqualTo(Outcome.CONTINUE);

    assertThat(calls).containsExactly("a:reqBody1", "b:reqBody1", "a:reqBody2", "c:reqBody1", "b:reqBody2", "c:reqBody2");
    assertThat(delivered).containsExactly("1", "22");
  }

  @Test
  void aContinueFromAFilterThatHoldsNothingChangesNothing() {
    FilterPhaseRunner r = runner(true, new Scripted("a"), new Scripted("b", Action.PAUSE), new Scripted("c"));
    assertThat(r.headers(headers(), false)).isEqualTo(Outcome.PAUSE);

    assertThat(r.resume(0)).isEqualTo(Outcome.PAUSE);
    assertThat(r.resume(2)).isEqualTo(Outcome.PAUSE);
    assertThat(delivered).isEmpty();
    assertThat(r.resume(1)).isEqualTo(Outcome.CONTINUE);
    assertThat(delivered).containsExactly("headers");
  }

  @Test
  void responseDirectionMapsTheFiltersChainIndex() {
    Scripted a = new Scripted("a", Action.PAUSE);
    Scripted b = new Scripted("b");
    FilterPhaseRunner r = new FilterPhaseRunner(List.of(a, b), 2, false, gate, new Recorder(), 1024);
    assertThat(r.headers(headers(), false)).isEqualTo(Outcome.PAUSE); // b, then a pauses

    assertThat(r.resume(1)).as("b holds nothing").isEqualTo(Outcome.PAUSE);
    assertThat(r.resume(0)).isEqualTo(Outcome.CONTINUE);
    assertThat(calls).containsExactly("b:respHeaders", "a:respHeaders");
    assertThat(delivered).containsExactly("headers");
  }

  /** A filter action adding grpc-status to the trailers whenever the runner offers them. */
  private static Runnable addsTrailerWhenItCan(FilterPhaseRunner r, String status) {
    return () -> {
      HeaderMap t = r.trailers();
      if (t != null) {
        t.add("grpc-status", status);
      }
    };
  }

  @Test
  void aFilterAddsTrailersFromTheLastBodyCallbackOfAMessageWithoutAny() {
    Scripted b = new Scripted("b");
    FilterPhaseRunner r = runner(true, new Scripted("a"), b, new Scripted("c"));
    b.during = addsTrailerWhenItCan(r, "7");

    assertThat(r.body(text("xy"), true)).isEqualTo(Outcome.CONTINUE);

    assertThat(calls).containsExactly("a:reqBody2eos", "b:reqBody2eos", "c:reqBody2", "c:reqTrailers");
    assertThat(delivered).containsExactly("xy", "trailers:7");
  }

  @Test
  void readingTheTrailersOfAMessageWithoutAnyAddsNone() {
    Scripted a = new Scripted("a");
    FilterPhaseRunner r = runner(true, a, new Scripted("b"));
    a.during = () -> assertThat(r.trailers().get("grpc-status")).isNull();

    assertThat(r.body(text("xy"), true)).isEqualTo(Outcome.CONTINUE);

    assertThat(calls).containsExactly("a:reqBody2eos", "b:reqBody2eos");
    assertThat(delivered).containsExactly("xy|eos");
    assertThat(r.trailers()).isNull();
  }

  @Test
  void trailersAddedByAPausingFilterWaitUntilItContinues() {
    Scripted b = new Scripted("b", Action.PAUSE);
    FilterPhaseRunner r = runner(true, new Scripted("a"), b, new Scripted("c"));
    b.during = addsTrailerWhenItCan(r, "3");

    assertThat(r.body(text("xy"), true)).isEqualTo(Outcome.PAUSE);
    assertThat(delivered).isEmpty();
    assertThat(r.resume(1)).isEqualTo(Outcome.CONTINUE);

    assertThat(calls).containsExactly("a:reqBody2eos", "b:reqBody2eos", "c:reqBody2", "c:reqTrailers");
    assertThat(delivered).containsExactly("xy", "trailers:3");
  }

  @Test
  void filterCanReplaceTheBodyItSees() {
    Scripted a = new Scripted("a");
    FilterPhaseRunner r = runner(true, a, new Scripted("b"));
    a.during = () -> r.currentBody().write(0, 1, "HELLO ".getBytes(StandardCharsets.UTF_8));

    r.body(text("hworld"), true);

    assertThat(calls).containsExactly("a:reqBody6eos", "b:reqBody11eos");
    assertThat(delivered).containsExactly("HELLO world|eos");
    assertThat(r.currentBody()).isNull();
  }

  @Test
  void stopEndsIterationAndDropsTheChunk() {
    Scripted a = new Scripted("a");
    a.during = () -> gate.stop = true;
    FilterPhaseRunner r = runner(true, a, new Scripted("b"));
    ByteBuf chunk = text("abc");

    assertThat(r.body(chunk, false)).isEqualTo(Outcome.STOP);
    assertThat(calls).containsExactly("a:reqBody3");
    assertThat(chunk.refCnt()).isZero();
  }

  @Test
  void pauseIsVoidWhenTheFilterContinuedDuringItsOwnCallback() {
    Scripted a = new Scripted("a", Action.PAUSE);
    a.during = () -> gate.earlyContinue = true;
    FilterPhaseRunner r = runner(true, a, new Scripted("b"));

    assertThat(r.headers(headers(), true)).isEqualTo(Outcome.CONTINUE);
    assertThat(calls).containsExactly("a:reqHeaders", "b:reqHeaders");
    assertThat(gate.depth).isZero();
  }

  @Test
  void headersPausedFilterStillReadsTheBodyWhichWaitsThereUntilContinue() {
    FilterPhaseRunner r = runner(true, new Scripted("a"), new Scripted("b", Action.PAUSE), new Scripted("c"));

    assertThat(r.headers(headers(), false)).isEqualTo(Outcome.PAUSE);
    // CONTINUE from its body callbacks does not release the paused headers.
    assertThat(r.body(text("12"), false)).isEqualTo(Outcome.PAUSE);
    assertThat(r.body(text("34"), true)).isEqualTo(Outcome.PAUSE);
    assertThat(delivered).isEmpty();

    assertThat(r.resume()).isEqualTo(Outcome.CONTINUE);
    assertThat(calls).containsExactly(
        "a:reqHeaders", "b:reqHeaders", "a:reqBody2", "b:reqBody2", "a:reqBody2eos", "b:reqBody4eos",
        "c:reqHeaders", "c:reqBody4eos");
    assertThat(delivered).containsExactly("headers", "1234|eos");
  }

  @Test
  void continueStreamFromTheBodyCallbackReleasesPausedHeadersAndBody() {
    Scripted b = new Scripted("b", Action.PAUSE);
    FilterPhaseRunner r = runner(true, b, new Scripted("c"));
    r.headers(headers(), false);
    b.during = () -> gate.earlyContinue = calls.get(calls.size() - 1).endsWith("eos");

    assertThat(r.body(text("x"), false)).isEqualTo(Outcome.PAUSE);
    assertThat(r.body(text("y"), true)).isEqualTo(Outcome.CONTINUE);

    assertThat(delivered).containsExactly("headers", "xy|eos");
    assertThat(calls).endsWith("b:reqBody2eos", "c:reqHeaders", "c:reqBody2eos");
  }

  @Test
  void trailersFollowTheBodyThroughEveryFilterAndReleaseABufferingOne() {
    FilterPhaseRunner r = runner(true, new Scripted("a"), new Scripted("b", Action.PAUSE), new Scripted("c"));

    assertThat(r.body(text("data"), false)).isEqualTo(Outcome.PAUSE);
    assertThat(r.trailers(trailers())).isEqualTo(Outcome.CONTINUE);

    assertThat(calls).containsExactly(
        "a:reqBody4", "b:reqBody4", "a:reqTrailers", "b:reqTrailers", "c:reqBody4", "c:reqTrailers");
    assertThat(delivered).containsExactly("data", "trailers:0");
    assertThat(r.trailers().get("grpc-status")).isEqualTo("0");
  }

  @Test
  void pausedTrailersWaitForContinue() {
    FilterPhaseRunner r = runner(false, new Scripted("a"), new Scripted("b", Action.PAUSE));

    assertThat(r.trailers(trailers())).isEqualTo(Outcome.PAUSE);
    assertThat(delivered).isEmpty();
    assertThat(r.resume()).isEqualTo(Outcome.CONTINUE);
    assertThat(calls).containsExactly("b:respTrailers", "a:respTrailers");
    assertThat(delivered).containsExactly("trailers:0");
  }

  @Test
  void heldBodyOverTheLimitOverflows() {
    FilterPhaseRunner r = runner(4, true, new Scripted("a", Action.PAUSE, Action.PAUSE));

    assertThat(r.body(text("123"), false)).isEqualTo(Outcome.PAUSE);
    assertThat(r.body(text("45"), false)).isEqualTo(Outcome.OVERFLOW);
    r.discard();
  }

  @Test
  void bodyChangeIsReported() {
    Scripted a = new Scripted("a");
    FilterPhaseRunner r = runner(true, a);
    r.body(text("same"), false);
    assertThat(r.bodyChanged()).isFalse();

    a.during = () -> r.currentBody().write(4, 0, "!".getBytes(StandardCharsets.UTF_8));
    r.body(text("more"), true);
    assertThat(r.bodyChanged()).isTrue();
    assertThat(delivered).containsExactly("same", "more!|eos");
  }
}
