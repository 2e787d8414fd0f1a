package cn.hongqiao.samecity.enterprise.registry;

import java.util.List;

import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** An enterprise to register (API request and seed record alike). */
public record NewEnterprise(
        @ValidCreditCode @Nullable String creditCode,
        @NotBlank @Size(max = 100) String name,
        @NotNull EnterpriseKind kind,
        @Size(max = 100) @Nullable String parentGroup,
        @Min(1) @Max(5) @Nullable Integer tier,
        @Pattern(regexp = "\\d{6}", message = "{rule.region-code}") @Nullable String originRegion,
        @Size(max = 10) List<@NotBlank @Size(max = 40) String> industryChains,
        @PositiveOrZero @Max(1_000_000) @Nullable Integer headcount,
        @Nullable Source source,
        @Size(max = 500) @Nullable String sourceNote) {

    /**
     * A credit code is required, except for an enterprise the district's report names whose code
     * is not public: it is registered by name and says so, rather than with an invented code.
     */
    EnterpriseDetails details() {
        return new EnterpriseDetails(name, kind, parentGroup, tier, originRegion, industryChains, headcount);
    }

    @AssertTrue(message = "{rule.credit-code-required}")
    boolean isCreditCode() {
        return creditCode != null && !creditCode.isBlank() || source == Source.ARTICLE;
    }
}
