package io.wasmgate.httpbin;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The parts of a request that httpbin echoes back: args, headers, origin, url, and the body views. */
final class RequestEcho {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final FullHttpRequest request;
  private final InetSocketAddress remote;

  RequestEcho(FullHttpRequest request, InetSocketAddress remote) {
    this.request = request;
    this.remote = remote;
  }

  /** Query parameters, sorted; a repeated name maps to the list of its values. */
  Map<String, Object> args() {
    return singleOrList(new QueryStringDecoder(request.uri()).parameters());
  }

  /** Request headers with httpbin's Title-Case names; repeated headers are joined with ",". */
  Map<String, Object> headers() {
    Map<String, List<String>> grouped = new TreeMap<>();
    for (Map.Entry<String, String> header : request.headers()) {
      grouped.computeIfAbsent(titleCase(header.getKey()), name -> new ArrayList<>()).add(header.getValue());
    }
    Map<String, Object> headers = new TreeMap<>();
    grouped.forEach((name, values) -> headers.put(name, String.join(",", values)));
    return headers;
  }

  /** Like httpbin: the X-Forwarded-For value when a proxy set one, else the peer address. */
  String origin() {
    String forwarded = request.headers().get("x-forwarded-for");
    return forwarded != null ? forwarded : remote.getAddress().getHostAddress();
  }

  String url() {
    String scheme = request.headers().get("x-forwarded-proto", "http");
    String host = request.headers().get(HttpHeaderNames.HOST);
    return scheme + "://" + (host != null ? host : "localhost") + request.uri();
  }

  String method() {
    return request.method().name();
  }

  String userAgent() {
    return request.headers().get(HttpHeaderNames.USER_AGENT);
  }

  /** The /anything view: method, data, json, form and files on top of the common fields. */
  Map<String, Object> withBody() throws IOException {
    Map<String, Object> echo = common();
    echo.put("method", method());
    if (isForm()) {
      Map<String, List<String>> form = new TreeMap<>();
      Map<String, List<String>> files = new TreeMap<>();
      readForm(form, files);
      echo.put("data", "");
      echo.put("form", singleOrList(form));
      echo.put("files", singleOrList(files));
      echo.put("json", null);
    } else {
      byte[] body = ByteBufUtil.getBytes(request.content());
      echo.put("data", textOrDataUrl(body));
      echo.put("form", Map.of());
      echo.put("files", Map.of());
      echo.put("json", parseJson(body));
    }
    return echo;
  }

  /** args, headers, origin and url: the /get view. */
  Map<String, Object> common() {
    Map<String, Object> echo = new TreeMap<>();
    echo.put("args", args());
    echo.put("headers", headers());
    echo.put("origin", origin());
    echo.put("url", url());
    return echo;
  }

  private boolean isForm() {
    String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "").toLowerCase(Locale.ROOT);
    return type.startsWith(HttpHeaderValues.APPLICATION_X_WWW_FORM_URLENCODED.toString())
        || type.startsWith(HttpHeaderValues.MULTIPART_FORM_DATA.toString());
  }

  private void readForm(Map<String, List<String>> form, Map<String, List<String>> files) throws IOException {
    HttpPostRequestDecoder decoder = new HttpPostRequestDecoder(new DefaultHttpDataFactory(false), request);
    try {
      for (InterfaceHttpData data : decoder.getBodyHttpDatas()) {
        if (data instanceof FileUpload upload) {
          files.computeIfAbsent(upload.getName(), name -> new ArrayList<>()).add(textOrDataUrl(upload.get()));
        } else if (data instanceof Attribute attribute) {
          form.computeIfAbsent(attribute.getName(), name -> new ArrayList<>()).add(attribute.getValue());
        }
      }
    } finally {
      decoder.destroy();
    }
  }

  private static Object parseJson(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readValue(body, Object.class);
    } catch (JacksonException notJson) {
      return null;
    }
  }

  /** UTF-8 text as is; anything else as a base64 data URL, the way httpbin shows binary bodies. */
  static String textOrDataUrl(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException binary) {
      return "data:application/octet-stream;base64," + Base64.getEncoder().encodeToString(bytes);
    }
  }

  static String titleCase(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean startOfWord = true;
    for (char c : name.toCharArray()) {
      out.append(startOfWord ? Character.toUpperCase(c) : Character.toLowerCase(c));
      startOfWord = c == '-';
    }
    return out.toString();
  }

  private static Map<String, Object> singleOrList(Map<String, List<String>> multi) {
    Map<String, Object> result = new TreeMap<>();
    multi.forEach((name, values) -> result.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values)));
    return result;
  }
}
