package cn.hongqiao.samecity.publicservices.items;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

import cn.hongqiao.samecity.defaults.mongo.VersionedDocument;
import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.seed.Source;

import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A cross-province service item (跨省通办事项): decided by the office {@code department} of the region
 * {@code handledBy} (办理地; Hongqiao's own items by default), and taken in where {@code partnerRegions} say.
 */
@Document("serviceItems")
@CompoundIndex(name = "partner_mode", def = "{ 'partnerRegions': 1, 'handlingMode': 1 }")
@CompoundIndex(name = "department_mode", def = "{ 'department': 1, 'handlingMode': 1 }")
public class ServiceItem extends VersionedDocument {

    /** 红桥区: the region whose catalogue this is. */
    public static final String HONGQIAO = "120106";

    @Indexed(unique = true)
    private final String code;
    private String name;
    private String department;
    private ItemType itemType;
    private HandlingMode handlingMode;
    private List<String> partnerRegions;
    private String handledBy;
    private List<Material> materials;
    private int legalLimitDays;
    private int promisedLimitDays;
    private BigDecimal fee;
    private Source source;
    private String sourceNote;

    @PersistenceCreator
    ServiceItem(String code) {
        this.code = code;
    }

    /** Promised time limits never exceed legal ones. */
    public static ServiceItem catalogue(NewServiceItem request) {
        if (request.promisedLimitDays() > request.legalLimitDays()) {
            throw new RuleViolation("promisedLimitDays", "promised-exceeds-legal");
        }
        ServiceItem item = new ServiceItem(request.code());
        item.name = request.name();
        item.department = request.department();
        item.itemType = request.itemType();
        item.handlingMode = request.handlingMode();
        item.partnerRegions = List.copyOf(request.partnerRegions());
        item.handledBy = Objects.requireNonNullElse(request.handledBy(), HONGQIAO);
        item.materials = request.materials() == null ? List.of() : List.copyOf(request.materials());
        item.legalLimitDays = request.legalLimitDays();
        item.promisedLimitDays = request.promisedLimitDays();
        item.fee = Objects.requireNonNullElse(request.fee(), BigDecimal.ZERO);
        item.source = Objects.requireNonNullElse(request.source(), Source.ENTERED);
        item.sourceNote = request.sourceNote();
        return item;
    }

    public String code() { return code; }
    public String name() { return name; }
    public String department() { return department; }
    public ItemType itemType() { return itemType; }
    public HandlingMode handlingMode() { return handlingMode; }
    public List<String> partnerRegions() { return partnerRegions; }
    public String handledBy() { return handledBy == null ? HONGQIAO : handledBy; }
    /** Decided here, by a Hongqiao office; otherwise Hongqiao only takes it in and hands it off. */
    public boolean handledHere() { return HONGQIAO.equals(handledBy()); }
    public List<Material> materials() { return materials == null ? List.of() : materials; }
    public int legalLimitDays() { return legalLimitDays; }
    public int promisedLimitDays() { return promisedLimitDays; }
    public BigDecimal fee() { return fee; }
    public Source source() { return source; }
    public String sourceNote() { return sourceNote; }
}
