package cn.hongqiao.samecity.projects.dispatch;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A month's dispatch report as filed. {@code period} is {@code yyyy-MM}. */
record NewDispatchReport(
        @NotNull @Pattern(regexp = "\\d{4}-(0[1-9]|1[0-2])", message = "{rule.month-format}") String period,
        @NotNull @DecimalMin("0") @Digits(integer = 12, fraction = 2) BigDecimal investmentCompleted,
        @Size(max = 1000) @Nullable String imageProgress,
        @PositiveOrZero @Max(100_000) @Nullable Integer workersOnSite,
        @Size(max = 20) List<@NotBlank @Size(max = 500) String> problems) {

    YearMonth yearMonth() {
        return YearMonth.parse(period);
    }
}
