package cn.hongqiao.samecity.publicservices.applications;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What an applicant submits. The regions follow from the platform and the item (taken in at
 * Hongqiao, decided where the item is handled); a submission may state them, but only as they are.
 */
record Submission(
        @NotBlank @Pattern(regexp = "[0-9a-f]{24}", message = "{rule.item-id}") String itemId,
        @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") @Nullable String intakeRegion,
        @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") @Nullable String handlingRegion,
        @NotNull @Valid Applicant applicant,
        @Size(max = 30) List<@Valid MaterialRecord> materials) {

    record MaterialRecord(@NotBlank @Size(max = 100) String name, @Size(max = 200) @Nullable String reference) {
    }

    @AssertTrue(message = "{rule.applicant-identity}")
    boolean isApplicantIdentified() {
        if (applicant == null || applicant.kind() == null) {
            return true;
        }
        return applicant.kind() == Applicant.Kind.CITIZEN
                ? applicant.idType() != null && applicant.idNumber() != null && applicant.idNumber().matches("[0-9A-Za-z]{6,30}")
                : applicant.creditCode() != null && applicant.creditCode().matches("[0-9A-HJ-NPQRTUWXY]{18}");
    }

    List<Application.SubmittedMaterial> materialsAsDomain() {
        return materials == null ? List.of() : materials.stream().map(m -> new Application.SubmittedMaterial(m.name(), m.reference())).toList();
    }
}
