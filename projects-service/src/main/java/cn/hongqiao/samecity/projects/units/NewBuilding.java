package cn.hongqiao.samecity.projects.units;

import java.math.BigDecimal;

import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

public record NewBuilding(
        @NotBlank @Size(max = 60) String name,
        @NotNull BuildingKind kind,
        @DecimalMin("0") @Digits(integer = 9, fraction = 2) @Nullable BigDecimal floorArea,
        @Min(1) @Max(200) @Nullable Integer floors,
        @Nullable Source source,
        @Size(max = 500) @Nullable String sourceNote) {
}
