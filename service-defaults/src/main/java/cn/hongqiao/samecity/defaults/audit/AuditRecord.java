package cn.hongqiao.samecity.defaults.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonIgnore;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One audited request (网络安全等级保护: time, who, from where, what, outcome), never the personal
 * data itself: the path names ids, not values, and no body is kept. Records form a hash chain:
 * each carries the hash of the one before it ({@code previousHash}) and its own over all its fields
 * and that one ({@code hash}, with the {@code digest} it names: SHA-256 or SM3), numbered without
 * gaps ({@code sequence}), so that an altered or deleted record breaks the chain at that place.
 * Looked up newest first by who, by what, or by time (the indexes below; every query ends on the
 * sequence).
 */
@Document(AuditRecord.COLLECTION)
@CompoundIndex(name = "subject_sequence", def = "{'subject': 1, 'sequence': -1}")
@CompoundIndex(name = "resource_sequence", def = "{'resourceType': 1, 'resourceId': 1, 'sequence': -1}")
@CompoundIndex(name = "at", def = "{'at': 1}")
public record AuditRecord(
        @Id @JsonIgnore @Nullable String id,
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
        @Nullable String digest,
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

    /** A record of what was done, not yet numbered nor chained ({@link AuditTrail#append} does that). */
    public static AuditRecord of(Instant at, @Nullable String subject, List<String> roles, @Nullable String department,
            @Nullable String enterpriseId, @Nullable String clientId, @Nullable String clientAddress, String service, String method,
            String path, @Nullable String resourceType, @Nullable String resourceId, String action, int status, @Nullable String traceId) {
        return new AuditRecord(null, 0, at, subject, roles, department, enterpriseId, clientId, clientAddress, service, method, path,
                resourceType, resourceId, action, status, Outcome.of(status), traceId, null, "", "");
    }

    /** This record, numbered {@code sequence} after the one whose hash is {@code previous}, with its own hash in {@code digest}. */
    AuditRecord chainedAfter(long sequence, String previous, AuditDigest digest) {
        AuditRecord numbered = new AuditRecord(id, sequence, at, subject, roles, department, enterpriseId, clientId, clientAddress, service,
                method, path, resourceType, resourceId, action, status, outcome, traceId, digest.label(), previous, "");
        return new AuditRecord(id, sequence, at, subject, roles, department, enterpriseId, clientId, clientAddress, service, method, path,
                resourceType, resourceId, action, status, outcome, traceId, digest.label(), previous, numbered.computedHash());
    }

    /**
     * The record's digest over every field but the hash, in a fixed order, and the previous hash
     * (the digest's name joins them only for SM3, so records chained before digests were named keep verifying).
     */
    String computedHash() {
        AuditDigest using = AuditDigest.named(digest);
        String canonical = Stream.concat(Stream.of(String.valueOf(sequence), String.valueOf(at.toEpochMilli()), subject, String.join(",", roles),
                department, enterpriseId, clientId, clientAddress, service, method, path, resourceType, resourceId, action,
                String.valueOf(status), outcome.name(), traceId, previousHash), using == AuditDigest.SHA_256 ? Stream.of() : Stream.of(digest))
                .map(v -> Objects.requireNonNullElse(v, "\u2400")).collect(Collectors.joining("\u001f"));
        return using.hex(canonical);
    }
}
