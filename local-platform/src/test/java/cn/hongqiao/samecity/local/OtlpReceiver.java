package cn.hongqiao.samecity.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;

/**
 * A fake OpenTelemetry backend: an OTLP/HTTP endpoint ({@code POST /v1/traces}, protobuf) that
 * keeps every span it is sent. It reads the wire format itself (the few fields a trace needs:
 * ids, parent, name, kind, the resource's {@code service.name}, string attributes), so the test
 * checks what the processes really export, with no SDK of its own in between.
 */
final class OtlpReceiver implements AutoCloseable {

    /** One span as exported. {@code kind}: 1 internal, 2 server, 3 client (the OTLP enum). */
    record Span(String service, String traceId, String spanId, String parentSpanId, String name, int kind, long startNanos,
            java.util.Map<String, String> attributes) {
        static final int SERVER = 2;
        static final int CLIENT = 3;
    }

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    OtlpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body = exchange.getRequestBody().readAllBytes();
                if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/v1/traces")) {
                    refused.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    try (InputStream unzipped = new GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
                        body = unzipped.readAllBytes();
                    }
                }
                spans.addAll(exportRequest(body));
                exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
                exchange.sendResponseHeaders(200, 0); // an empty ExportTraceServiceResponse
            }
        });
        server.start();
    }

    /** What {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set to (the exporters add {@code /v1/traces}). */
    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Requests that were not an OTLP trace export (a wrong path means a wrongly built endpoint). */
    List<String> refused() {
        return List.copyOf(refused);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    // opentelemetry/proto/collector/trace/v1: ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }
    static List<Span> exportRequest(byte[] message) {
        List<Span> found = new ArrayList<>();
        for (Field resourceSpans : fields(message)) {
            if (resourceSpans.number == 1) {
                resourceSpans(resourceSpans.bytes, found);
            }
        }
        return found;
    }

    // ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; }, ScopeSpans { repeated Span spans = 2; }
    private static void resourceSpans(byte[] message, List<Span> found) {
        String service = "";
        List<byte[]> scopes = new ArrayList<>();
        for (Field field : fields(message)) {
            if (field.number == 1) {
                service = attributes(field.bytes, 1).getOrDefault("service.name", "");
            } else if (field.number == 2) {
                scopes.add(field.bytes);
            }
        }
        for (byte[] scope : scopes) {
            for (Field field : fields(scope)) {
                if (field.number == 2) {
                    found.add(span(service, field.bytes));
                }
            }
        }
    }

    // Span { bytes trace_id = 1; bytes span_id = 2; bytes parent_span_id = 4; string name = 5; SpanKind kind = 6;
    //        fixed64 start_time_unix_nano = 7; repeated KeyValue attributes = 9; }
    private static Span span(String service, byte[] message) {
        String traceId = "";
        String spanId = "";
        String parent = "";
        String name = "";
        int kind = 0;
        long start = 0;
        for (Field field : fields(message)) {
            switch (field.number) {
                case 1 -> traceId = HexFormat.of().formatHex(field.bytes);
                case 2 -> spanId = HexFormat.of().formatHex(field.bytes);
                case 4 -> parent = HexFormat.of().formatHex(field.bytes);
                case 5 -> name = new String(field.bytes, StandardCharsets.UTF_8);
                case 6 -> kind = (int) field.varint;
                case 7 -> start = field.varint;
                default -> {
                }
            }
        }
        return new Span(service, traceId, spanId, parent, name, kind, start, attributes(message, 9));
    }

    // KeyValue { string key = 1; AnyValue value = 2; }, AnyValue { string string_value = 1; ... } (other value types kept as "")
    private static java.util.Map<String, String> attributes(byte[] message, int number) {
        java.util.Map<String, String> attributes = new java.util.LinkedHashMap<>();
        for (Field field : fields(message)) {
            if (field.number != number) {
                continue;
            }
            String key = "";
            String value = "";
            for (Field part : fields(field.bytes)) {
                if (part.number == 1) {
                    key = new String(part.bytes, StandardCharsets.UTF_8);
                } else if (part.number == 2) {
                    for (Field any : fields(part.bytes)) {
                        if (any.number == 1 && any.bytes != null) {
                            value = new String(any.bytes, StandardCharsets.UTF_8);
                        }
                    }
                }
            }
            attributes.put(key, value);
        }
        return attributes;
    }

    /** One field of a protobuf message: its number and either its varint or fixed64 value, or its bytes. */
    private record Field(int number, long varint, byte[] bytes) {
    }

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] at = {0};
        while (at[0] < message.length) {
            long tag = varint(message, at);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> fields.add(new Field(number, varint(message, at), null));
                case 1 -> {
                    fields.add(new Field(number, java.nio.ByteBuffer.wrap(message, at[0], 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(), null));
                    at[0] += 8;
                }
                case 2 -> {
                    int length = (int) varint(message, at);
                    fields.add(new Field(number, 0, java.util.Arrays.copyOfRange(message, at[0], at[0] + length)));
                    at[0] += length;
                }
                case 5 -> {
                    fields.add(new Field(number, 0, null));
                    at[0] += 4;
                }
                default -> throw new IllegalArgumentException("not an OTLP message: wire type " + (tag & 7) + " at " + at[0]);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] at) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = message[at[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint too long");
    }

    /** For a failing assertion: every span, one per line. */
    static String describe(List<Span> spans) {
        StringBuilder text = new StringBuilder();
        for (Span s : spans) {
            text.append(s.service()).append(' ').append(s.kind()).append(' ').append(s.name()).append(" trace=").append(s.traceId())
                    .append(" span=").append(s.spanId()).append(" parent=").append(s.parentSpanId()).append(' ').append(s.attributes()).append('\n');
        }
        return text.toString();
    }
}
