package cn.hongqiao.samecity.enterprise.leads;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** A lead to open. {@code officer} (the responsible officer's id) defaults to the caller. */
record NewLead(
        @NotBlank @Size(max = 100) String title,
        @NotBlank @Size(max = 100) String company,
        @NotNull Channel channel,
        @Size(max = 40) @Nullable String targetChain,
        @DecimalMin("0") @Digits(integer = 12, fraction = 2) @Nullable BigDecimal intendedInvestment,
        @DecimalMin("0") @Digits(integer = 9, fraction = 2) @Nullable BigDecimal spaceNeeded,
        @Pattern(regexp = "[A-Za-z0-9._@-]{1,64}", message = "{rule.officer-id}") @Nullable String officer) {
}
