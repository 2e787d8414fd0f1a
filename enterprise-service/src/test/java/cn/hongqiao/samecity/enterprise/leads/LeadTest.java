package cn.hongqiao.samecity.enterprise.leads;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import cn.hongqiao.samecity.defaults.problem.RuleViolation;
import cn.hongqiao.samecity.defaults.problem.StateConflict;
import cn.hongqiao.samecity.enterprise.registry.Enterprise;
import cn.hongqiao.samecity.enterprise.registry.EnterpriseKind;
import cn.hongqiao.samecity.enterprise.registry.NewEnterprise;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pipeline's rules live in Lead: no skipping, termination with a reason, landing only when settled. */
class LeadTest {

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Instant JAN_1 = LocalDate.of(2025, 1, 1).atStartOfDay(ZONE).toInstant();

    static Lead lead() {
        return Lead.open(new NewLead("工业软件区域总部", "某工业软件公司", Channel.INDUSTRY_CHAIN, "工业软件",
                new BigDecimal("5000"), new BigDecimal("2000"), null), "officer-demo", JAN_1, ZONE);
    }

    static Instant day(int n) {
        return JAN_1.plusSeconds(86_400L * n);
    }

    static Enterprise enterprise(boolean settled) {
        Enterprise e = Enterprise.register(new NewEnterprise("91350100M000100Y43", "某工业软件公司天津分公司", EnterpriseKind.PRIVATE,
                null, null, null, null, null, null, null));
        if (settled) {
            e.requestSettlement("unit-1", day(40));
            e.confirmSettlement("project-1", "building-1", day(40));
        }
        return e;
    }

    @Test
    void aLeadGoesFromLeadToLandedWithoutSkipping() {
        Lead lead = lead();
        assertThatThrownBy(() -> lead.moveTo(LeadStage.SIGNED, null, null, null, null, "o", day(1), ZONE))
                .isInstanceOfSatisfying(StateConflict.class, c -> {
                    assertThat(c.code()).isEqualTo("illegal-lead-transition");
                    assertThat(c.details().get("allowed")).isEqualTo(java.util.List.of(LeadStage.NEGOTIATING, LeadStage.TERMINATED));
                });
        lead.moveTo(LeadStage.NEGOTIATING, "首次洽谈", null, null, null, "o", day(10), ZONE);
        lead.moveTo(LeadStage.SIGNED, "签约", null, null, null, "o", day(30), ZONE);
        assertThatThrownBy(() -> lead.moveTo(LeadStage.LANDED, null, null, "e1", enterprise(false), "o", day(45), ZONE))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.violation().rule()).isEqualTo("landing-enterprise-not-settled"));
        assertThatThrownBy(() -> lead.moveTo(LeadStage.LANDED, null, null, "e1", null, "o", day(45), ZONE))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.violation().rule()).isEqualTo("landing-enterprise-required"));
        lead.moveTo(LeadStage.LANDED, "落地", null, "e1", enterprise(true), "o", day(45), ZONE);
        assertThat(lead.stage()).isEqualTo(LeadStage.LANDED);
        assertThat(lead.enterpriseId()).isEqualTo("e1");
        assertThatThrownBy(() -> lead.moveTo(LeadStage.TERMINATED, null, "x", null, null, "o", day(50), ZONE))
                .isInstanceOfSatisfying(StateConflict.class, c -> assertThat(c.code()).isEqualTo("illegal-lead-transition"));
    }

    @Test
    void anyOpenLeadCanEndWithAReason() {
        Lead lead = lead();
        lead.moveTo(LeadStage.NEGOTIATING, null, null, null, null, "o", day(3), ZONE);
        assertThatThrownBy(() -> lead.moveTo(LeadStage.TERMINATED, null, " ", null, null, "o", day(4), ZONE))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.field()).isEqualTo("reason"));
        lead.moveTo(LeadStage.TERMINATED, null, "企业选择落户他区", null, null, "o", day(4), ZONE);
        assertThat(lead.terminationReason()).isEqualTo("企业选择落户他区");
    }

    @Test
    void followUpsKeepALeadFreshAndAreNotDatedInTheFuture() {
        Lead lead = lead();
        assertThat(lead.stale(LocalDate.of(2025, 1, 31), 30)).isFalse();
        assertThat(lead.stale(LocalDate.of(2025, 2, 5), 30)).isTrue();
        lead.followUp(new Lead.FollowUp(LocalDate.of(2025, 1, 20), Lead.FollowUp.Mode.VISIT, "上门拜访", "报送方案", "o", day(20)),
                LocalDate.of(2025, 2, 5));
        assertThat(lead.stale(LocalDate.of(2025, 2, 5), 30)).isFalse();
        assertThatThrownBy(() -> lead.followUp(new Lead.FollowUp(LocalDate.of(2025, 3, 1), Lead.FollowUp.Mode.CALL, "x", null, "o",
                day(21)), LocalDate.of(2025, 2, 5))).isInstanceOf(RuleViolation.class);
    }

    @Test
    void theFunnelCountsStagesConversionsAndMedianDays() {
        Lead a = lead();
        a.moveTo(LeadStage.NEGOTIATING, null, null, null, null, "o", day(10), ZONE);
        a.moveTo(LeadStage.SIGNED, null, null, null, null, "o", day(30), ZONE);
        Lead b = lead();
        b.moveTo(LeadStage.NEGOTIATING, null, null, null, null, "o", day(20), ZONE);
        b.moveTo(LeadStage.TERMINATED, null, "预算不足", null, null, "o", day(25), ZONE);
        Lead c = lead();
        Lead d = lead();
        d.moveTo(LeadStage.NEGOTIATING, null, null, null, null, "o", day(30), ZONE);

        Funnel funnel = Funnel.of(List.of(a, b, c, d));
        assertThat(funnel.leads()).isEqualTo(4);
        assertThat(funnel.atStage()).containsEntry(LeadStage.LEAD, 1L).containsEntry(LeadStage.NEGOTIATING, 1L)
                .containsEntry(LeadStage.SIGNED, 1L).containsEntry(LeadStage.TERMINATED, 1L);
        assertThat(funnel.reached()).containsEntry(LeadStage.LEAD, 4L).containsEntry(LeadStage.NEGOTIATING, 3L)
                .containsEntry(LeadStage.SIGNED, 1L);
        assertThat(funnel.conversion()).containsEntry("LEAD->NEGOTIATING", new BigDecimal("0.7500"))
                .containsEntry("NEGOTIATING->SIGNED", new BigDecimal("0.3333"));
        // days in LEAD: 10, 20, 30 -> median 20; in NEGOTIATING: 20 (a), 5 (b) -> 12.5
        assertThat(funnel.medianDaysInStage()).containsEntry(LeadStage.LEAD, new BigDecimal("20.0"))
                .containsEntry(LeadStage.NEGOTIATING, new BigDecimal("12.5"));
    }
}
