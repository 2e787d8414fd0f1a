package cn.hongqiao.samecity.publicservices.applications;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * A move of an application, posted to {@code /applications/{id}/actions}. Desk officers:
 * START_PRE_REVIEW, REQUEST_CORRECTION ({@code missing}: everything missing, in one notice),
 * ACCEPT, REFUSE_TO_ACCEPT ({@code note}: why), START_HANDLING, COMPLETE ({@code outcome}).
 * Applicants: RESUBMIT ({@code materials} added), WITHDRAW.
 */
record Action(
        @NotNull Kind action,
        @Size(max = 500) String note,
        @Size(max = 30) List<@NotBlank @Size(max = 200) String> missing,
        Application.Outcome outcome,
        @Size(max = 30) List<Submission.@Valid MaterialRecord> materials) {

    enum Kind { START_PRE_REVIEW, REQUEST_CORRECTION, ACCEPT, REFUSE_TO_ACCEPT, START_HANDLING, COMPLETE, RESUBMIT, WITHDRAW }

    List<Application.Material> materialsAsDomain() {
        return materials == null ? List.of() : materials.stream().map(m -> new Application.Material(m.name(), m.reference())).toList();
    }
}
