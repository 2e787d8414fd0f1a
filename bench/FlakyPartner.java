// A partner region's exchange system for bench/exchange.sh (run as a single-file program, JDK only):
// acknowledges each message with the protocol's receipt, fails a share of calls on purpose (503),
// can be taken down for a while, and counts what it received: deliveries, distinct correlation
// numbers, and duplicates (a message it had already acknowledged, received again).
//   java bench/FlakyPartner.java PORT FAIL_PERCENT
//   POST /control/down?seconds=60   GET /stats
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class FlakyPartner {

    static final Pattern CORRELATION = Pattern.compile("\"correlationId\"\\s*:\\s*\"([^\"]+)\"");
    static final Pattern SEQUENCE = Pattern.compile("\"sequence\"\\s*:\\s*(\\d+)");
    static final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    static final Set<String> correlations = ConcurrentHashMap.newKeySet();
    static final AtomicLong delivered = new AtomicLong();
    static final AtomicLong duplicates = new AtomicLong();
    static final AtomicLong failedOnPurpose = new AtomicLong();
    static final AtomicLong refusedWhileDown = new AtomicLong();
    static volatile long downUntil;

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int failPercent = Integer.parseInt(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/exchange/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (System.currentTimeMillis() < downUntil) {
                refusedWhileDown.incrementAndGet();
                answer(exchange, 503, "{\"title\": \"down\"}");
                return;
            }
            if (ThreadLocalRandom.current().nextInt(100) < failPercent) {
                failedOnPurpose.incrementAndGet();
                answer(exchange, 503, "{\"title\": \"flaky\"}");
                return;
            }
            Matcher c = CORRELATION.matcher(body);
            Matcher s = SEQUENCE.matcher(body);
            if (!c.find() || !s.find()) {
                answer(exchange, 400, "{\"title\": \"not a message\"}");
                return;
            }
            delivered.incrementAndGet();
            correlations.add(c.group(1));
            if (!acknowledged.add(c.group(1) + "#" + s.group(1))) {
                duplicates.incrementAndGet();
            }
            answer(exchange, 200, "{\"correlationId\": \"" + c.group(1) + "\", \"sequence\": " + s.group(1) + ", \"status\": \"APPLIED\"}");
        });
        server.createContext("/control/down", exchange -> {
            long seconds = Long.parseLong(exchange.getRequestURI().getQuery().replaceAll(".*seconds=(\\d+).*", "$1"));
            downUntil = System.currentTimeMillis() + seconds * 1000;
            answer(exchange, 200, "{\"downUntil\": " + downUntil + "}");
        });
        server.createContext("/stats", exchange -> answer(exchange, 200, "{\"delivered\": " + delivered + ", \"distinct\": " + correlations.size()
                + ", \"duplicates\": " + duplicates + ", \"failedOnPurpose\": " + failedOnPurpose + ", \"refusedWhileDown\": " + refusedWhileDown
                + ", \"down\": " + (System.currentTimeMillis() < downUntil) + "}"));
        server.start();
        System.out.println("partner listening on " + port);
    }

    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
