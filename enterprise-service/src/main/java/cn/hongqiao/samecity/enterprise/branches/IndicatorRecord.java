package cn.hongqiao.samecity.enterprise.branches;

import java.math.BigDecimal;

import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** An indicator as seeded. */
record IndicatorRecord(
        @NotBlank @Pattern(regexp = "[a-z0-9-]{3,60}") String key,
        @NotNull @Min(2000) @Max(2100) Integer year,
        @NotBlank @Size(max = 100) String label,
        @NotNull BigDecimal value,
        @Size(max = 10) String unit,
        @NotNull Source source,
        @NotBlank @Size(max = 500) String sourceNote) {
}
