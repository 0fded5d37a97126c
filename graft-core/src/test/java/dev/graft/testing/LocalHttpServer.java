package dev.graft.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP server on 127.0.0.1 (a free port) for tests of code that downloads: it serves the bytes
 * the test gives it, counts requests, and can misbehave on purpose (cut a body short, stall, send
 * an error status, redirect). Unknown paths get 404.
 */
public final class LocalHttpServer implements AutoCloseable {
  /** How a path answers. */
  public enum Behaviour {
    /** 200 with a Content-Length and the whole body. */
    NORMAL,
    /** 200 with chunked encoding (no Content-Length) and the whole body. */
    CHUNKED,
    /** 200 with the full Content-Length, half the body, then the connection closes. */
    DROP_HALFWAY,
    /** 200 with the full Content-Length, half the body, then nothing until the server closes. */
    STALL_HALFWAY
  }

  private record Route(byte[] body, Behaviour behaviour, String redirect) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Route> routes = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
  private final CountDownLatch closing = new CountDownLatch(1);

  /** Starts a server on 127.0.0.1 at a free port. */
  public LocalHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The server's root address, ending in a slash. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** The address of {@code path} (without a leading slash). */
  public URI url(String path) {
    return base().resolve(path);
  }

  /** Serves {@code body} at {@code path}. */
  public void serve(String path, byte[] body) {
    serve(path, body, Behaviour.NORMAL);
  }

  /** Serves {@code body} at {@code path} in the given way. */
  public void serve(String path, byte[] body, Behaviour behaviour) {
    routes.put("/" + path, new Route(body.clone(), behaviour, null));
  }

  /** Answers {@code path} with a 302 redirect to {@code target}. */
  public void redirect(String path, String target) {
    routes.put("/" + path, new Route(new byte[0], Behaviour.NORMAL, "/" + target));
  }

  /** How many requests {@code path} has had. */
  public int requests(String path) {
    AtomicInteger c = counts.get("/" + path);
    return c == null ? 0 : c.get();
  }

  /** All requests so far, to any path. */
  public int totalRequests() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    Route route = routes.get(path);
    try (ex) {
      if (route == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      if (route.redirect() != null) {
        ex.getResponseHeaders().add("Location", route.redirect());
        ex.sendResponseHeaders(302, -1);
        return;
      }
      byte[] body = route.body();
      OutputStream out = ex.getResponseBody();
      switch (route.behaviour()) {
        case NORMAL -> {
          ex.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
          out.write(body);
        }
        case CHUNKED -> {
          ex.sendResponseHeaders(200, 0);
          out.write(body);
        }
        case DROP_HALFWAY -> {
          ex.sendResponseHeaders(200, body.length);
          out.write(body, 0, body.length / 2);
          out.flush();
          // Closing with bytes missing makes the server close the connection.
        }
        case STALL_HALFWAY -> {
          ex.sendResponseHeaders(200, body.length);
          out.write(body, 0, body.length / 2);
          out.flush();
          awaitClose();
        }
      }
    } catch (IOException e) {
      // Expected for DROP_HALFWAY, and when the client gives up.
    }
  }

  private void awaitClose() {
    try {
      closing.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
