package cn.hongqiao.samecity.defaults.seed;

import java.util.List;
import java.util.function.Function;

/**
 * What a service declares for one kind of seed record: the name seed files use for it
 * ({@code "set": "projects"}), the record type each JSON record is read into and validated as,
 * how it becomes the stored entity (through the domain's own factory, so seeds obey the same
 * rules as the API), and the natural key (document fields) on which loading upserts.
 */
public record SeedSet<R>(String name, Class<R> recordType, Function<R, ?> toEntity, List<String> naturalKey) {

    public SeedSet {
        if (naturalKey == null || naturalKey.isEmpty()) {
            throw new IllegalArgumentException("Seed set '" + name + "' needs a natural key");
        }
        naturalKey = List.copyOf(naturalKey);
    }

    public static <R> SeedSet<R> of(String name, Class<R> recordType, Function<R, ?> toEntity, String... naturalKey) {
        return new SeedSet<>(name, recordType, toEntity, List.of(naturalKey));
    }
}
