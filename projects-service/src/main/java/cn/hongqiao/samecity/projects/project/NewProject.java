package cn.hongqiao.samecity.projects.project;

import java.math.BigDecimal;
import java.time.LocalDate;

import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A project to register (API request and seed record alike). */
public record NewProject(
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,31}", message = "{rule.project-code-format}") String code,
        @NotBlank @Size(max = 100) String name,
        @Size(max = 200) @Nullable String nameEn,
        @NotNull Zone zone,
        @NotNull Category category,
        @Size(max = 100) @Nullable String ownerUnit,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) @Nullable BigDecimal totalInvestment,
        @DecimalMin("0") @Digits(integer = 10, fraction = 2) @Nullable BigDecimal floorArea,
        @Nullable Stage stage,
        @Nullable LocalDate plannedStart,
        @Nullable LocalDate plannedFinish,
        @PositiveOrZero @Max(100_000) @Nullable Integer expectedEnterprises,
        @PositiveOrZero @Max(10_000_000) @Nullable Integer expectedJobs,
        @Valid @Nullable Location location,
        @Nullable Source source,
        @Size(max = 500) @Nullable String sourceNote) {

    @AssertTrue(message = "{rule.planned-finish-before-start}")
    boolean isPlannedFinish() {
        return plannedStart == null || plannedFinish == null || !plannedFinish.isBefore(plannedStart);
    }

    ProjectDetails details() {
        return new ProjectDetails(name, nameEn, zone, category, ownerUnit, totalInvestment, floorArea, plannedStart,
                plannedFinish, expectedEnterprises, expectedJobs, location);
    }
}
