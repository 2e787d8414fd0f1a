package cn.hongqiao.samecity.defaults.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One audited request (网络安全等级保护: time, who, from where, what, outcome), never the personal
 * data itself: the path names ids, not values, and no body is kept. Records form a hash chain:
 * each carries the hash of the one before it ({@code previousHash}) and its own over all its fields
 * and that one ({@code hash}, SHA-256), numbered without gaps ({@code sequence}), so that an altered
 * or deleted record breaks the chain at that place.
 */
@Document(AuditRecord.COLLECTION)
public record AuditRecord(
        @Id @Nullable String id,
        @Indexed(unique = true) long sequence,
        Instant at,
        @Nullable String subject,
        List<String> roles,
        @Nullable String department,
        @Nullable String enterpriseId,
        @Nullable String clientId,
        @Nullable String clientAddress,
        String service,
        String method,
        String path,
        @Nullable String resourceType,
        @Nullable String resourceId,
        String action,
        int status,
        Outcome outcome,
        @Nullable String traceId,
        String previousHash,
        String hash) {

    public static final String COLLECTION = "auditTrail";
    /** The previous hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    public enum Outcome {
        /** 2xx and 3xx. */
        SUCCESS,
        /** 401 and 403: not authenticated, or not allowed. */
        REFUSED,
        /** any other 4xx: the request was wrong (validation, conflict...). */
        REJECTED,
        /** 5xx. */
        FAILED;

        static Outcome of(int status) {
            if (status == 401 || status == 403) {
                return REFUSED;
            }
            return status >= 500 ? FAILED : status >= 400 ? REJECTED : SUCCESS;
        }
    }

    /** This record, numbered {@code sequence} after the one whose hash is {@code previous}, with its own hash. */
    AuditRecord chainedAfter(long sequence, String previous) {
        AuditRecord numbered = new AuditRecord(null, sequence, at, subject, roles, department, enterpriseId, clientId, clientAddress, service,
                method, path, resourceType, resourceId, action, status, outcome, traceId, previous, "");
        return new AuditRecord(null, sequence, at, subject, roles, department, enterpriseId, clientId, clientAddress, service, method, path,
                resourceType, resourceId, action, status, outcome, traceId, previous, numbered.computedHash());
    }

    /** SHA-256 over every field but the hash, in a fixed order, and the previous hash. */
    String computedHash() {
        String canonical = Stream.of(String.valueOf(sequence), String.valueOf(at.toEpochMilli()), subject, String.join(",", roles),
                department, enterpriseId, clientId, clientAddress, service, method, path, resourceType, resourceId, action,
                String.valueOf(status), outcome.name(), traceId, previousHash)
                .map(v -> Objects.requireNonNullElse(v, "\u2400")).collect(Collectors.joining("\u001f"));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
