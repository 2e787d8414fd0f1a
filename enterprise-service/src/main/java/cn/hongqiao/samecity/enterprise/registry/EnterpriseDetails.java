package cn.hongqiao.samecity.enterprise.registry;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** What describes an enterprise and may be revised (PUT); the credit code, source and settlement are not among them. */
public record EnterpriseDetails(
        @NotBlank @Size(max = 100) String name,
        @NotNull EnterpriseKind kind,
        @Size(max = 100) @Nullable String parentGroup,
        @Min(1) @Max(5) @Nullable Integer tier,
        @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") @Nullable String originRegion,
        @Size(max = 10) List<@NotBlank @Size(max = 40) String> industryChains,
        @PositiveOrZero @Max(1_000_000) @Nullable Integer headcount) {
}
