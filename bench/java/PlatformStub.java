import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark stand-in for the Twilio Messages API and the Graph Send APIs: answers like them after a configurable
 * latency, counts what it receives, and measures the lag from the webhook's timestamp (t=…, quoted back by the
 * bot) to the reply's arrival. Run: java bench/java/PlatformStub.java <port> <latency-ms>
 * GET /stats gives counts and lag percentiles since the last POST /reset.
 */
public final class PlatformStub {

  private static final Pattern STAMP = Pattern.compile("t=(\\d{13})");
  private static final AtomicLong replies = new AtomicLong();
  private static final AtomicLong firstAt = new AtomicLong();
  private static final AtomicLong lastAt = new AtomicLong();
  private static final List<Long> lags = Collections.synchronizedList(new ArrayList<>());

  public static void main(String[] args) throws IOException {
    // Without TCP_NODELAY the JDK server's two writes per answer meet delayed ACKs: ~40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    int port = Integer.parseInt(args[0]);
    long latency = Long.parseLong(args[1]);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.setExecutor(Executors.newFixedThreadPool(256));
    server.createContext("/stats", exchange -> answer(exchange, 200, stats()));
    server.createContext("/reset", exchange -> {
      replies.set(0);
      firstAt.set(0);
      lastAt.set(0);
      lags.clear();
      answer(exchange, 200, "{}");
    });
    server.createContext("/", exchange -> {
      byte[] body = exchange.getRequestBody().readAllBytes();
      long now = System.currentTimeMillis();
      firstAt.compareAndSet(0, now);
      lastAt.set(now);
      replies.incrementAndGet();
      String text = URLDecoder.decode(new String(body, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
      Matcher stamp = STAMP.matcher(text);
      if (stamp.find()) {
        lags.add(now - Long.parseLong(stamp.group(1)));
      }
      if (latency > 0) {
        try {
          Thread.sleep(latency);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/Messages.json")) {
        answer(exchange, 201, "{\"sid\":\"SMbench\",\"status\":\"queued\"}");
      } else {
        answer(exchange, 200, "{\"recipient_id\":\"r\",\"message_id\":\"m_bench\"}");
      }
    });
    server.start();
    System.out.println("stub listening on " + port + " with " + latency + " ms latency");
  }

  private static String stats() {
    List<Long> sorted;
    synchronized (lags) {
      sorted = new ArrayList<>(lags);
    }
    Collections.sort(sorted);
    return "{\"replies\":%d,\"first_at\":%d,\"last_at\":%d,\"lag_samples\":%d,\"lag_ms\":{\"p50\":%d,\"p99\":%d,\"max\":%d}}"
        .formatted(replies.get(), firstAt.get(), lastAt.get(), sorted.size(), pct(sorted, 50), pct(sorted, 99),
            sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
  }

  private static long pct(List<Long> sorted, int p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
