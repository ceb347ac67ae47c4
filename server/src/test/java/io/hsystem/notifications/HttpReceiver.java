package io.hsystem.notifications;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP endpoint on 127.0.0.1 that records every request and answers with the statuses it was
 * told to give (then 200), each with {@code answer} as the body.
 */
final class HttpReceiver implements AutoCloseable {

  /** One request as it arrived. */
  record Request(String method, URI uri, Map<String, List<String>> headers, String body) {

    String header(String name) {
      for (Map.Entry<String, List<String>> h : headers.entrySet()) {
        if (h.getKey().equalsIgnoreCase(name)) {
          return h.getValue().get(0);
        }
      }
      return null;
    }
  }

  private final HttpServer server;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
  private final List<Request> all = java.util.Collections.synchronizedList(new ArrayList<>());
  private volatile String answer;

  HttpReceiver(String answer) throws IOException {
    this.answer = answer;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          Request request =
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body);
          all.add(request);
          requests.add(request);
          Integer status = statuses.poll();
          byte[] bytes = this.answer.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status == null ? 200 : status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  /** The next requests get these statuses, in order; later ones 200. */
  void answerWith(Integer... statuses) {
    this.statuses.addAll(List.of(statuses));
  }

  void answer(String body) {
    this.answer = body;
  }

  String url(String pathAndQuery) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery;
  }

  /** The next request, waiting up to the timeout for it. */
  Request next(Duration timeout) throws InterruptedException {
    Request request = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    if (request == null) {
      throw new AssertionError("no request arrived within " + timeout);
    }
    return request;
  }

  /** Every request so far. */
  List<Request> all() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
