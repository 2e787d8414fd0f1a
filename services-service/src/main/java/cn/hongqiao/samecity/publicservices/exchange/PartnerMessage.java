package cn.hongqiao.samecity.publicservices.exchange;

import java.time.Instant;
import java.util.List;

import cn.hongqiao.samecity.defaults.personal.PersonalData;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * One message between the intake region (收件地) and the handling region (办理地) about one case,
 * named by the cross-region correlation number (业务协同编号) both sides quote. Each side numbers
 * the messages it sends for a case from 1 ({@code sequence}); the receiver applies them once and in
 * that order, so a redelivery or a late message changes nothing.
 */
public record PartnerMessage(
        @NotBlank @Pattern(regexp = CORRELATION_ID, message = "{rule.correlation-id}") String correlationId,
        @NotNull @Min(1) Integer sequence,
        @NotNull Kind kind,
        @NotNull Instant occurredAt,
        @NotBlank @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String fromRegion,
        @Size(max = 60) @Nullable String office,
        @Valid @Nullable CaseFile caseFile,
        @Size(max = 30) @Nullable List<@NotBlank @Size(max = 200) String> missing,
        @Size(max = 30) @Nullable List<@Valid Document> documents,
        @Nullable Outcome outcome,
        @Size(max = 500) @Nullable String note) {

    /** Intake region, intake date and the intake side's case id: {@code 120106-20261202-6745f0c2a1b2c3d4e5f60718}. */
    public static final String CORRELATION_ID = "\\d{6}-\\d{8}-[0-9A-Za-z]{6,40}";

    public enum Kind {
        /** intake → handling: the case, after the intake window's form check (形式审查). */
        HAND_OFF("移交"),
        /** intake → handling: what the applicant added after a correction notice. */
        RESUBMISSION("补正材料"),
        /** intake → handling: the applicant withdrew. */
        WITHDRAWAL("撤回"),
        /** handling → intake. */
        ACCEPTED("受理"),
        NOT_ACCEPTED("不予受理"),
        CORRECTION_REQUESTED("要求补正"),
        HANDLING_STARTED("开始办理"),
        COMPLETED("办结");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** Sent by the handling region's office (the others by the intake region). */
        public boolean fromHandlingRegion() {
            return ordinal() >= ACCEPTED.ordinal();
        }
    }

    public enum Outcome {
        APPROVED, REFUSED
    }

    /** The case as the intake window hands it over. */
    public record CaseFile(
            @NotBlank @Size(max = 40) String itemCode,
            @NotBlank @Size(max = 100) String itemName,
            @NotBlank @Size(max = 60) String handlingOffice,
            @NotNull @Valid Party applicant,
            @Size(max = 30) @Nullable List<@Valid Document> documents,
            @NotNull Instant submittedAt) {
    }

    /** The applicant: a person (ID type and number) or an enterprise (credit code). */
    public record Party(
            @NotNull PartyKind kind,
            @NotBlank @Size(max = 40) String name,
            @Size(max = 30) @Nullable String idType,
            @PersonalData @Size(max = 30) @Nullable String idNumber,
            @Size(max = 18) @Nullable String creditCode) {

        @Override
        public String toString() {
            return "Party[" + kind + ", " + name + "]"; // never the ID number in a log line
        }
    }

    public enum PartyKind {
        CITIZEN, ENTERPRISE
    }

    public record Document(@NotBlank @Size(max = 100) String name, @Size(max = 200) @Nullable String reference) {
    }
}
