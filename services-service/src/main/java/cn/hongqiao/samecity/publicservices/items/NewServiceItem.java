package cn.hongqiao.samecity.publicservices.items;

import java.math.BigDecimal;
import java.util.List;

import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * A service item for the catalogue (API request and seed record alike). {@code handledBy}: the region
 * whose office ({@code department}) decides it (办理地), Hongqiao when absent; {@code partnerRegions}:
 * where else it can be applied for (收件地), or, for a partner's item, where Hongqiao takes it in.
 */
public record NewServiceItem(
        @NotBlank @Pattern(regexp = "[A-Z0-9][A-Z0-9-]{2,39}", message = "{rule.item-code-format}") String code,
        @NotBlank @Size(max = 100) String name,
        @NotBlank @Size(max = 60) String department,
        @NotNull ItemType itemType,
        @NotNull HandlingMode handlingMode,
        @NotEmpty @Size(max = 20) List<@Pattern(regexp = "\\d{6}", message = "{rule.region-code}") String> partnerRegions,
        @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") @Nullable String handledBy,
        @Size(max = 30) List<@Valid Material> materials,
        @NotNull @Min(1) @Max(365) Integer legalLimitDays,
        @NotNull @Min(0) @Max(365) Integer promisedLimitDays,
        @DecimalMin("0") @Digits(integer = 8, fraction = 2) @Nullable BigDecimal fee,
        @Nullable Source source,
        @Size(max = 500) @Nullable String sourceNote) {

    @AssertTrue(message = "{rule.promised-exceeds-legal}")
    boolean isPromisedLimitDays() {
        return legalLimitDays == null || promisedLimitDays == null || promisedLimitDays <= legalLimitDays;
    }
}
