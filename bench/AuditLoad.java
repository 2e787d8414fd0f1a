import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of bench/audit.sh: for {@code seconds}, {@code workers} clients each submit an
 * application through the gateway and move it twice (pre-review, acceptance) as the item's desk,
 * as ten citizens and ten officers (so the per-client rate limit is not what is measured).
 * Prints: submissions/s, transitions/s, errors.
 * Usage: java bench/AuditLoad.java <gateway> <seconds> <workers> <label> <item id> <its department>
 */
public class AuditLoad {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String gw = args[0];
        int seconds = Integer.parseInt(args[1]);
        int workers = Integer.parseInt(args[2]);
        String label = args[3];
        String itemId = args[4];
        String department = args[5];
        List<String> citizens = new ArrayList<>();
        List<String> officers = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            citizens.add(token(gw, "{\"role\":\"citizen\",\"subject\":\"bench-audit-citizen-" + k + "\"}"));
            officers.add(token(gw, "{\"role\":\"officer\",\"subject\":\"bench-audit-desk-" + k + "\",\"department\":\"" + department + "\"}"));
        }
        AtomicLong submissions = new AtomicLong();
        AtomicLong transitions = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int w = 0; w < workers; w++) {
            pool.submit(() -> {
                while (System.nanoTime() < until) {
                    long i = sequence.incrementAndGet();
                    String citizen = citizens.get((int) (i % 10));
                    String officer = officers.get((int) (i % 10));
                    try {
                        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(gw + "/api/v1/applications"))
                                .header("Authorization", "Bearer " + citizen).header("Idempotency-Key", "bench-audit-" + run + "-" + i)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"itemId\":\"" + itemId + "\",\"intakeRegion\":\"120106\",\"applicant\":{\"kind\":\"CITIZEN\",\"name\":\"基准\","
                                                + "\"idType\":\"RESIDENT_ID\",\"idNumber\":\"120106199001011234\"},\"materials\":[{\"name\":\"身份证复印件\"}]}")));
                        if (created.statusCode() != 201) {
                            errors.incrementAndGet();
                            continue;
                        }
                        submissions.incrementAndGet();
                        Matcher id = Pattern.compile("\"id\":\"([0-9a-f]{24})\"").matcher(created.body());
                        id.find();
                        for (String action : new String[] { "START_PRE_REVIEW", "ACCEPT" }) {
                            HttpResponse<String> moved = send(HttpRequest.newBuilder(URI.create(gw + "/api/v1/applications/" + id.group(1) + "/actions"))
                                    .header("Authorization", "Bearer " + officer).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"" + action + "\"}")));
                            if (moved.statusCode() == 201) {
                                transitions.incrementAndGet();
                            } else {
                                errors.incrementAndGet();
                            }
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        System.out.printf("%s submissions/s %.1f transitions/s %.1f errors %d (%d s, %d clients)%n", label,
                submissions.get() / (double) seconds, transitions.get() / (double) seconds, errors.get(), seconds, workers);
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String get(String uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request).body();
    }

    static String token(String gw, String body) throws Exception {
        String answer = send(HttpRequest.newBuilder(URI.create(gw + "/api/v1/local/tokens")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))).body();
        Matcher m = Pattern.compile("\"accessToken\":\"([^\"]+)\"").matcher(answer);
        if (!m.find()) {
            throw new IllegalStateException(answer);
        }
        return m.group(1);
    }
}
