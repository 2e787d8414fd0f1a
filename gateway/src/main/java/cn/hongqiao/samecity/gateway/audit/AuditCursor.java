package cn.hongqiao.samecity.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Where the next page of the merged trail starts, per service: the sequence to read before (records
 * are numbered per service), or 0 when that service has nothing older. Opaque to clients: base64url
 * of {@code service:sequence,...}; a service it does not name is read from its newest record.
 */
record AuditCursor(Map<String, Long> before) {

    static final long DONE = 0;

    AuditCursor {
        before = new TreeMap<>(before);
    }

    static AuditCursor start() {
        return new AuditCursor(Map.of());
    }

    /** The cursor a previous page gave; null when {@code text} is not one. */
    static @Nullable AuditCursor parse(String text) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            Map<String, Long> before = new TreeMap<>();
            for (String part : decoded.split(",")) {
                int colon = part.lastIndexOf(':');
                String service = part.substring(0, colon);
                long sequence = Long.parseLong(part.substring(colon + 1));
                if (!service.matches("[a-z0-9-]{1,60}") || sequence < 0) {
                    return null;
                }
                before.put(service, sequence);
            }
            return new AuditCursor(before);
        } catch (RuntimeException notACursor) {
            return null;
        }
    }

    boolean done(String service) {
        return before.getOrDefault(service, -1L) == DONE;
    }

    @Nullable Long before(String service) {
        Long b = before.get(service);
        return b == null || b == DONE ? null : b;
    }

    String text() {
        StringBuilder text = new StringBuilder();
        before.forEach((service, sequence) -> text.append(text.isEmpty() ? "" : ",").append(service).append(':').append(sequence));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
