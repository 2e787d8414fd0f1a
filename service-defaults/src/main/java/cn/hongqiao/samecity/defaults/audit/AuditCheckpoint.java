package cn.hongqiao.samecity.defaults.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Where a purge cut the trail: the last record it removed ({@code sequence}, its {@code hash} and
 * time), so that the chain is verified from here on. The purge itself is a record of the trail,
 * chained after the checkpoint's record like any other, naming the sequence it purged up to.
 *
 * @param purged how many records this purge removed
 */
@Document(AuditCheckpoint.COLLECTION)
public record AuditCheckpoint(@Id @Nullable String id, @Indexed(unique = true) long sequence, String hash, Instant lastAt, long purged,
        Instant purgedAt) {

    public static final String COLLECTION = "auditCheckpoints";
}
