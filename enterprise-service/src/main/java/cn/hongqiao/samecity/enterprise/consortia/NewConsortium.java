package cn.hongqiao.samecity.enterprise.consortia;

import java.util.List;

import cn.hongqiao.samecity.defaults.seed.Source;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

record NewConsortium(
        @NotBlank @Size(max = 100) String name,
        @NotNull Consortium.Kind kind,
        @Size(max = 100) @Nullable String leadUnit,
        @Size(max = 200) List<@Valid MemberRecord> members,
        @Size(max = 60) @Nullable String field,
        @Min(1949) @Max(2100) @Nullable Integer founded,
        @Nullable Source source,
        @Size(max = 500) @Nullable String sourceNote) {

    record MemberRecord(@NotBlank @Size(max = 100) String name,
            @Pattern(regexp = "[0-9a-f]{24}", message = "{rule.enterprise-id}") @Nullable String enterpriseId) {
    }

    List<Consortium.Member> membersAsDomain() {
        return members == null ? List.of() : members.stream().map(m -> new Consortium.Member(m.name(), m.enterpriseId())).toList();
    }
}
