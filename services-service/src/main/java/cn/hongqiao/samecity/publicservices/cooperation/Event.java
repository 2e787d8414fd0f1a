package cn.hongqiao.samecity.publicservices.cooperation;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
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
import org.jspecify.annotations.Nullable;

/** An event shared with partner regions (天津运河桃花节, the maker-education carnival...). */
@Document("events")
@CompoundIndex(name = "name_year", def = "{ 'name': 1, 'year': 1 }", unique = true)
@CompoundIndex(name = "kind_year_name", def = "{ 'kind': 1, 'year': -1, 'name': 1 }")
public class Event extends VersionedDocument {

    public enum Kind {
        CULTURE_TOURISM("文旅"), EDUCATION("教育"), BUSINESS("商务"), OTHER("其他");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record NewEvent(@NotBlank @Size(max = 100) String name, @NotNull Kind kind, @NotNull @Min(2000) @Max(2100) Integer year,
            @Nullable LocalDate startsOn, @Nullable LocalDate endsOn,
            @Size(max = 20) List<@Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String> partnerRegions,
            @Size(max = 100) @Nullable String organiser, @Nullable Source source, @Size(max = 500) @Nullable String sourceNote) {
    }

    private final String name;
    private final int year;
    private Kind kind;
    private LocalDate startsOn;
    private LocalDate endsOn;
    private List<String> partnerRegions;
    private String organiser;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    Event(String name, int year) {
        this.name = name;
        this.year = year;
    }

    static Event of(NewEvent r) {
        if (r.startsOn() != null && r.endsOn() != null && r.endsOn().isBefore(r.startsOn())) {
            throw new RuleViolation("endsOn", "ends-before-starts");
        }
        if (r.startsOn() != null && r.startsOn().getYear() != r.year()) {
            throw new RuleViolation("startsOn", "starts-outside-year");
        }
        Event e = new Event(r.name(), r.year());
        e.kind = r.kind();
        e.startsOn = r.startsOn();
        e.endsOn = r.endsOn();
        e.partnerRegions = r.partnerRegions() == null ? List.of() : List.copyOf(r.partnerRegions());
        e.organiser = r.organiser();
        e.source = Objects.requireNonNullElse(r.source(), Source.ENTERED);
        e.sourceNote = r.sourceNote();
        return e;
    }

    public String name() { return name; }
    public int year() { return year; }
    public Kind kind() { return kind; }
    public LocalDate startsOn() { return startsOn; }
    public LocalDate endsOn() { return endsOn; }
    public List<String> partnerRegions() { return partnerRegions; }
    public String organiser() { return organiser; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}
