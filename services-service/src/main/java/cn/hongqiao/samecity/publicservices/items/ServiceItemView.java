package cn.hongqiao.samecity.publicservices.items;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import cn.hongqiao.samecity.defaults.seed.Source;
import org.jspecify.annotations.Nullable;

record ServiceItemView(String id, String code, String name, String department, ItemType itemType, String itemTypeName,
        HandlingMode handlingMode, String handlingModeName, String handledBy, boolean handledHere, List<String> partnerRegions, List<Material> materials, int legalLimitDays,
        int promisedLimitDays, @Nullable BigDecimal fee, Source source, @Nullable String sourceNote, long version, Instant createdAt,
        Instant updatedAt) {

    static ServiceItemView of(ServiceItem i) {
        return new ServiceItemView(i.id(), i.code(), i.name(), i.department(), i.itemType(), i.itemType().label(),
                i.handlingMode(), i.handlingMode().label(), i.handledBy(), i.handledHere(), i.partnerRegions(), i.materials(), i.legalLimitDays(), i.promisedLimitDays(),
                i.fee(), i.source(), i.sourceNote(), i.version(), i.createdAt(), i.updatedAt());
    }
}
