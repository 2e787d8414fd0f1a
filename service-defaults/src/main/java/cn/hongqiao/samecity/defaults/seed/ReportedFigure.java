package cn.hongqiao.samecity.defaults.seed;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.jspecify.annotations.Nullable;
import org.jspecify.annotations.NullMarked;

/**
 * A figure the district reports (23 central-SOE branches, 228 agreed items, 42 institutions...),
 * kept with its year and source and shown beside the records a service holds, never made to match
 * them by inventing records. Data honesty, like {@link Source}: every service that shows reported
 * figures stores them this way, each in its own database.
 */
@Document("reportedFigures")
@CompoundIndex(name = "key_year", def = "{ 'key': 1, 'year': 1 }", unique = true)
public class ReportedFigure extends VersionedDocument {

    /** A figure as seeded and as answered. */
    @NullMarked
    public record Record(@NotBlank @Pattern(regexp = "[a-z0-9-]{3,60}") String key, @NotNull @Min(2000) @Max(2100) Integer year,
            @NotBlank @Size(max = 100) String label, @NotNull BigDecimal value, @Size(max = 10) @Nullable String unit, @NotNull Source source,
            @NotBlank @Size(max = 500) String sourceNote) {
    }

    private final String key;
    private final int year;
    private String label;
    private BigDecimal value;
    private String unit;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    ReportedFigure(String key, int year) {
        this.key = key;
        this.year = year;
    }

    public static ReportedFigure of(Record r) {
        ReportedFigure f = new ReportedFigure(r.key(), r.year());
        f.label = r.label();
        f.value = r.value();
        f.unit = r.unit();
        f.source = r.source();
        f.sourceNote = r.sourceNote();
        return f;
    }

    public Record record() {
        return new Record(key, year, label, value, unit, source, sourceNote);
    }

    /** Seed files with {@code "set": setName} hold {@link Record}s, keyed by key and year. */
    public static SeedSet<Record> seedSet(String setName) {
        return SeedSet.of(setName, Record.class, ReportedFigure::of, "key", "year");
    }

    public static List<Record> all(MongoTemplate mongo) {
        return mongo.find(new Query().with(Sort.by("key", "year")), ReportedFigure.class).stream().map(ReportedFigure::record).toList();
    }

    /** The most recent year's figure for {@code key}. */
    public static Optional<Record> latest(MongoTemplate mongo, String key) {
        return Optional.ofNullable(mongo.findOne(Query.query(Criteria.where("key").is(key)).with(Sort.by(Sort.Direction.DESC, "year")).limit(1),
                ReportedFigure.class)).map(ReportedFigure::record);
    }
}
