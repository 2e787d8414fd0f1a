package cn.hongqiao.samecity.enterprise.leads;

import java.util.EnumSet;
import java.util.Set;

/** 线索 → 在谈 → 签约 → 落地, or 终止 (with a reason) from any open stage. */
public enum LeadStage {
    LEAD("线索"),
    NEGOTIATING("在谈"),
    SIGNED("签约"),
    LANDED("落地"),
    TERMINATED("终止");

    private final String label;

    LeadStage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    boolean open() {
        return this == LEAD || this == NEGOTIATING || this == SIGNED;
    }

    /** No skipping: each open stage leads to the next one, or to termination. */
    Set<LeadStage> next() {
        return switch (this) {
            case LEAD -> EnumSet.of(NEGOTIATING, TERMINATED);
            case NEGOTIATING -> EnumSet.of(SIGNED, TERMINATED);
            case SIGNED -> EnumSet.of(LANDED, TERMINATED);
            case LANDED, TERMINATED -> EnumSet.noneOf(LeadStage.class);
        };
    }

    static final Set<LeadStage> OPEN = EnumSet.of(LEAD, NEGOTIATING, SIGNED);
}
