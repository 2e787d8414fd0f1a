package cn.hongqiao.samecity.publicservices.applications;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A move of an application, posted to {@code /applications/{id}/actions}. Desk officers:
 * START_PRE_REVIEW, REQUEST_CORRECTION ({@code missing}: everything missing, in one notice),
 * ACCEPT, REFUSE_TO_ACCEPT ({@code note}: why), START_HANDLING, COMPLETE ({@code outcome}); for an item
 * a partner region decides, HAND_OFF after the form check and DELIVER_RESULT ({@code delivery}) once
 * the partner's outcome is back, and MAIL_ORIGINALS ({@code delivery.trackingNumber}) when the item needs paper originals. Applicants: RESUBMIT ({@code materials} added), WITHDRAW.
 */
record Action(
        @NotNull Kind action,
        @Size(max = 500) @Nullable String note,
        @Size(max = 30) List<@NotBlank @Size(max = 200) String> missing,
        Application.@Nullable Outcome outcome,
        @Size(max = 30) List<Submission.@Valid MaterialRecord> materials,
        @Valid @Nullable Delivery delivery) {

    /** How the result is delivered: {@code MAIL} needs the tracking number. */
    record Delivery(Application.ResultDelivery.@Nullable Method method, @Size(max = 40) @Nullable String trackingNumber) {
    }

    enum Kind {
        START_PRE_REVIEW("开始预审"),
        REQUEST_CORRECTION("要求补正"),
        ACCEPT("受理"),
        REFUSE_TO_ACCEPT("不予受理"),
        START_HANDLING("开始办理"),
        COMPLETE("办结"),
        HAND_OFF("移交办理地"),
        DELIVER_RESULT("送达结果"),
        MAIL_ORIGINALS("寄送纸质原件"),
        RESUBMIT("补正后重新提交"),
        WITHDRAW("撤回");

        /** Resubmitting and withdrawing are the applicant's; every other action is a desk officer's. */
        boolean byApplicant() {
            return this == RESUBMIT || this == WITHDRAW;
        }

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The Chinese name portals show. */
        public String label() {
            return label;
        }
    }

    List<Application.SubmittedMaterial> materialsAsDomain() {
        return materials == null ? List.of() : materials.stream().map(m -> new Application.SubmittedMaterial(m.name(), m.reference())).toList();
    }
}
