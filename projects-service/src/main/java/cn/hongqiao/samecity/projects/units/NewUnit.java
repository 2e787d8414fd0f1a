package cn.hongqiao.samecity.projects.units;

import java.math.BigDecimal;

import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

public record NewUnit(
        @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{1,20}", message = "{rule.unit-code-format}") String code,
        @NotNull @Min(-5) @Max(200) Integer floor,
        @NotNull @DecimalMin(value = "0", inclusive = false) @Digits(integer = 7, fraction = 2) BigDecimal area,
        @Nullable UnitStatus status,
        @Nullable Source source,
        @Size(max = 500) @Nullable String sourceNote) {
}
