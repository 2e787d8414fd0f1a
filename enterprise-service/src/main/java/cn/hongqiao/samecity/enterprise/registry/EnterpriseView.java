package cn.hongqiao.samecity.enterprise.registry;

import java.time.Instant;
import java.util.List;

import cn.hongqiao.samecity.defaults.seed.Source;
import org.jspecify.annotations.Nullable;

record EnterpriseView(String id, @Nullable String creditCode, String name, EnterpriseKind kind, String kindName, @Nullable String parentGroup, @Nullable Integer tier,
        @Nullable String originRegion, List<String> industryChains, @Nullable Integer headcount, Source source, @Nullable String sourceNote, @Nullable Settlement settlement, long version,
        Instant createdAt, Instant updatedAt) {

    static EnterpriseView of(Enterprise e) {
        return new EnterpriseView(e.id(), e.creditCode(), e.name(), e.kind(), e.kind().label(), e.parentGroup(), e.tier(),
                e.originRegion(), e.industryChains(), e.headcount(), e.source(), e.sourceNote(), e.settlement(), e.version(),
                e.createdAt(), e.updatedAt());
    }
}
