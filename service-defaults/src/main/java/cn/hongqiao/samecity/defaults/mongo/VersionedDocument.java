package cn.hongqiao.samecity.defaults.mongo;

import java.time.Instant;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

/**
 * What every stored aggregate has: an id, a version for optimistic concurrency (its HTTP ETag),
 * and when it was created and last changed.
 */
public abstract class VersionedDocument {

    @Id
    private String id;
    @Version
    private Long version;
    @CreatedDate
    private Instant createdAt;
    @LastModifiedDate
    private Instant updatedAt;

    public String id() {
        return id;
    }

    public long version() {
        return version == null ? 0 : version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
