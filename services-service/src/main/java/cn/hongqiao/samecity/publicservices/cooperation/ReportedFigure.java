package cn.hongqiao.samecity.publicservices.cooperation;

import java.math.BigDecimal;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A public-service figure the district reports (228 agreed cross-province items, 42 institutions
 * settling out-of-region outpatient bills), with its year and source: shown beside the records
 * held here, never made to match by inventing records.
 */
@Document("reportedFigures")
@CompoundIndex(name = "key_year", def = "{ 'key': 1, 'year': 1 }", unique = true)
public class ReportedFigure extends VersionedDocument {

    public record Record(@NotBlank @Pattern(regexp = "[a-z0-9-]{3,60}") String key, @NotNull @Min(2000) @Max(2100) Integer year,
            @NotBlank @Size(max = 100) String label, @NotNull BigDecimal value, @Size(max = 10) String unit, @NotNull Source source,
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

    static ReportedFigure of(Record r) {
        ReportedFigure f = new ReportedFigure(r.key(), r.year());
        f.label = r.label();
        f.value = r.value();
        f.unit = r.unit();
        f.source = r.source();
        f.sourceNote = r.sourceNote();
        return f;
    }

    Record view() {
        return new Record(key, year, label, value, unit, source, sourceNote);
    }
}
