package cn.hongqiao.samecity.publicservices.cooperation;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;
import org.jspecify.annotations.Nullable;

/**
 * Cooperation with a partner region (GB/T 2260 code): which domains, its status (planned, signed,
 * or exchanges under way without an agreement the sources state), when signed, and how many
 * cross-province items were agreed.
 */
@Document("agreements")
@CompoundIndex(name = "partner_title", def = "{ 'partnerRegion': 1, 'title': 1 }", unique = true)
public class Agreement extends VersionedDocument {

    public enum Status {
        PLANNED("计划签署"), SIGNED("已签署"), EXCHANGE("交流合作");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public record NewAgreement(
            @NotBlank @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String partnerRegion,
            @NotBlank @Size(max = 40) String partnerName,
            @NotBlank @Size(max = 100) String title,
            @NotEmpty Set<Domain> domains,
            @NotNull Status status,
            @Nullable LocalDate signedOn,
            @Min(0) @Max(10_000) @Nullable Integer agreedItemCount,
            @Nullable Source source,
            @Size(max = 500) @Nullable String sourceNote) {
    }

    private final String partnerRegion;
    private final String title;
    private String partnerName;
    private Set<Domain> domains;
    private Status status;
    private LocalDate signedOn;
    private Integer agreedItemCount;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    Agreement(String partnerRegion, String title) {
        this.partnerRegion = partnerRegion;
        this.title = title;
    }

    static Agreement of(NewAgreement r) {
        if (r.signedOn() != null && r.status() != Status.SIGNED) {
            throw new RuleViolation("signedOn", "signed-on-only-when-signed");
        }
        Agreement a = new Agreement(r.partnerRegion(), r.title());
        a.partnerName = r.partnerName();
        a.domains = Set.copyOf(r.domains());
        a.status = r.status();
        a.signedOn = r.signedOn();
        a.agreedItemCount = r.agreedItemCount();
        a.source = Objects.requireNonNullElse(r.source(), Source.ENTERED);
        a.sourceNote = r.sourceNote();
        return a;
    }

    public String partnerRegion() { return partnerRegion; }
    public String title() { return title; }
    public String partnerName() { return partnerName; }
    public Set<Domain> domains() { return domains; }
    public Status status() { return status; }
    public LocalDate signedOn() { return signedOn; }
    public Integer agreedItemCount() { return agreedItemCount; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}
