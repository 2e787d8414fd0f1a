package cn.hongqiao.samecity.local;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (Debian's {@code prometheus} package, which {@code k8s/check.sh} installs)
 * scraping the local platform's processes every second, with the target labels the Prometheus
 * Operator's ServiceMonitor gives them in the cluster ({@code namespace}, {@code pod}), and a
 * check of PromQL expressions against what it scraped: every metric an expression names has
 * series, with every label it matches on or groups by, and the label values it asks for by
 * equality (but a status code only an error produces, which a healthy run need not have).
 */
final class LocalPrometheus implements AutoCloseable {

    static final String BINARY = "/usr/bin/prometheus";
    static final String NAMESPACE = "samecity-local";
    /** Label values only a failure produces: a healthy run is not expected to have them. */
    static final Set<String> ERROR_ONLY_LABELS = Set.of("status", "httpStatusCode", "outcome");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final URI api;
    private final Path home;
    private final Instant started = Instant.now();

    private LocalPrometheus(Process process, URI api, Path home) {
        this.process = process;
        this.api = api;
        this.home = home;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of(BINARY));
    }

    /** Starts it scraping {@code targets} (a job name, the process's name, and its port on localhost). */
    static LocalPrometheus scraping(Map<String, Integer> targets) throws Exception {
        Path home = Files.createTempDirectory("samecity-prometheus");
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n");
        targets.forEach((name, port) -> config.append("  - job_name: ").append(name).append('\n')
                .append("    metrics_path: /actuator/prometheus\n")
                .append("    static_configs:\n")
                .append("      - targets: ['127.0.0.1:").append(port).append("']\n")
                .append("        labels: {namespace: ").append(NAMESPACE).append(", pod: ").append(name).append("-local}\n"));
        Files.writeString(home.resolve("prometheus.yml"), config);
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process = new ProcessBuilder(BINARY, "--config.file=" + home.resolve("prometheus.yml"), "--storage.tsdb.path=" + home.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(home.resolve("prometheus.log").toFile()).start();
        LocalPrometheus prometheus = new LocalPrometheus(process, URI.create("http://127.0.0.1:" + port), home);
        try {
            prometheus.awaitTargetsUp(targets.size());
        } catch (Exception | AssertionError e) {
            prometheus.close(); // not left running behind a failed start
            throw e;
        }
        return prometheus;
    }

    private void awaitTargetsUp(int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited: " + Files.readString(home.resolve("prometheus.log")));
            }
            try {
                JsonNode targets = get("/api/v1/targets?state=active");
                last = targets.toString();
                List<JsonNode> active = new ArrayList<>();
                targets.path("data").path("activeTargets").forEach(active::add);
                if (active.size() == count && active.stream().allMatch(t -> t.path("health").asString().equals("up"))) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Prometheus's targets are not all up: " + last);
    }

    /** The label sets of every series matching {@code selector} since Prometheus started. */
    List<Map<String, String>> series(String selector) throws Exception {
        JsonNode answer = get("/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8) + "&start="
                + started.getEpochSecond() + "&end=" + (Instant.now().getEpochSecond() + 1));
        List<Map<String, String>> found = new ArrayList<>();
        for (JsonNode series : answer.path("data")) {
            Map<String, String> labels = new LinkedHashMap<>();
            series.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            found.add(labels);
        }
        return found;
    }

    /** What is wrong with {@code expression} ({@code where} names it in the messages): nothing when everything it names was scraped. */
    List<String> problems(String where, String expression) throws Exception {
        List<String> problems = new ArrayList<>();
        List<Selector> selectors = Selector.in(expression);
        if (selectors.isEmpty()) {
            problems.add(where + ": names no metric: " + expression);
        }
        Set<String> grouping = Selector.groupingLabels(expression);
        for (Selector selector : selectors) {
            List<Map<String, String>> series = series(selector.metric());
            if (series.isEmpty()) {
                problems.add(where + ": no process exports " + selector.metric());
                continue;
            }
            Set<String> labels = new LinkedHashSet<>();
            series.forEach(s -> labels.addAll(s.keySet()));
            for (Selector.Match match : selector.matches()) {
                if (!labels.contains(match.label())) {
                    problems.add(where + ": " + selector.metric() + " has no label " + match.label() + " (it has " + labels + ")");
                } else if (match.op().equals("=") && !ERROR_ONLY_LABELS.contains(match.label())
                        && series.stream().noneMatch(s -> match.value().equals(s.get(match.label())))) {
                    problems.add(where + ": no series of " + selector.metric() + " has " + match.label() + "=\"" + match.value() + "\"");
                }
            }
            for (String label : grouping) {
                if (!labels.contains(label)) {
                    problems.add(where + ": " + selector.metric() + " has no label " + label + " to group by (it has " + labels + ")");
                }
            }
        }
        return problems;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("Prometheus answered " + answer.statusCode() + " to " + path + ": " + answer.body());
        }
        return JSON.readTree(answer.body());
    }

    @Override
    public void close() {
        Launched.stop(process, 20);
    }

    /**
     * A vector selector in a PromQL expression: the metric and its label matchers. Read with a
     * small scanner that knows what our expressions use (functions and aggregations, their
     * {@code by (...)} lists, ranges, offsets, binary operators), not a full PromQL parser.
     */
    record Selector(String metric, List<Match> matches) {

        record Match(String label, String op, String value) {
        }

        private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"");
        private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");
        private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
        private static final Pattern MATCH = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*(\"(?:[^\"\\\\]|\\\\.)*\")");
        private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "offset", "bool", "by", "without", "on", "ignoring",
                "group_left", "group_right", "inf", "nan");

        static List<Selector> in(String expression) {
            List<Selector> found = new ArrayList<>();
            // strings out of the way first (a label value may look like anything), kept by position
            List<String> strings = new ArrayList<>();
            Matcher s = STRING.matcher(expression);
            StringBuilder text = new StringBuilder();
            while (s.find()) {
                strings.add(s.group());
                s.appendReplacement(text, Matcher.quoteReplacement("\"" + (strings.size() - 1) + "\""));
            }
            s.appendTail(text);
            String masked = GROUPING.matcher(text.toString().replaceAll("\\[[^\\]]*\\]", " ")).replaceAll(" ")
                    .replaceAll("\\boffset\\s+\\w+", " ");
            Matcher name = NAME.matcher(masked);
            int from = 0;
            while (name.find(from)) {
                from = name.end();
                String word = name.group();
                if (KEYWORDS.contains(word.toLowerCase(java.util.Locale.ROOT)) || (name.start() > 0 && masked.charAt(name.start() - 1) == '"')) {
                    continue;
                }
                int next = skipSpaces(masked, name.end());
                if (next < masked.length() && masked.charAt(next) == '(') {
                    continue; // a function or an aggregation
                }
                List<Match> matches = new ArrayList<>();
                if (next < masked.length() && masked.charAt(next) == '{') {
                    int close = masked.indexOf('}', next);
                    Matcher m = MATCH.matcher(masked.substring(next + 1, close));
                    while (m.find()) {
                        String quoted = strings.get(Integer.parseInt(m.group(3).substring(1, m.group(3).length() - 1)));
                        matches.add(new Match(m.group(1), m.group(2), quoted.substring(1, quoted.length() - 1)));
                    }
                    from = close + 1;
                }
                if (!word.matches("\\d.*")) {
                    found.add(new Selector(word, matches));
                }
            }
            return found;
        }

        /** Every label named in a {@code by}, {@code without}, {@code on} or {@code ignoring} list. */
        static Set<String> groupingLabels(String expression) {
            Set<String> labels = new LinkedHashSet<>();
            Matcher m = GROUPING.matcher(STRING.matcher(expression).replaceAll("\"\""));
            while (m.find()) {
                for (String label : m.group(1).split(",")) {
                    if (!label.isBlank()) {
                        labels.add(label.trim());
                    }
                }
            }
            return labels;
        }

        private static int skipSpaces(String text, int at) {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            return at;
        }
    }
}
