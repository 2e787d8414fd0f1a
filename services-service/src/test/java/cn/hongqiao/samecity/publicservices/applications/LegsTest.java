package cn.hongqiao.samecity.publicservices.applications;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import cn.hongqiao.samecity.publicservices.calendar.WorkingDayCalendar;
import cn.hongqiao.samecity.publicservices.exchange.PartnerMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clock on every leg of a case Hongqiao takes in for Fengtai, on the working-day calendar: the
 * push (1 working day), the paper originals (2), Fengtai's decision (the item's promised 10, from its
 * acceptance), the result's delivery (1). Each leg is due by its limit, done when its step is, and
 * overdue only while it runs past its due date.
 */
class LegsTest {

    static final WorkingDayCalendar CALENDAR = WorkingDayCalendar.of(List.of(LocalDate.of(2027, 1, 1)), List.of()); // 元旦
    static final LocalDate FRIDAY = LocalDate.of(2026, 12, 4);
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

    static Application fengtaiCase(boolean originals) {
        return fengtaiCase(originals, "key-00000001");
    }

    static Application fengtaiCase(boolean originals, String idempotencyKey) {
        Submission submission = new Submission("6745f0c2a1b2c3d4e5f60718", null, null,
                new Applicant(Applicant.Kind.CITIZEN, "张市民", Applicant.IdType.RESIDENT_ID, "120106199001011234", null), List.of());
        Application.Item item = new Application.Item("6745f0c2a1b2c3d4e5f60718", "KSTB-BJFT-001", "城乡居民基本养老保险待遇申领（丰台区办理）",
                "北京市丰台区人力资源和社会保障局", 10, List.of("120106"), "110106", originals);
        return Application.submit(submission, item, new Application.Intake("红桥区政务服务办公室", Leg.Limits.DEFAULTS, CALENDAR, FRIDAY),
                "citizen-demo", idempotencyKey, "fingerprint", NOW);
    }

    static PartnerMessage fromFengtai(Application a, int sequence, PartnerMessage.Kind kind, PartnerMessage.Outcome outcome) {
        return new PartnerMessage(a.correlationId(), sequence, kind, NOW, "110106", "北京市丰台区人力资源和社会保障局", null, null, null, outcome, null);
    }

    @Test
    void thePushIsDueTheNextWorkingDayAndDoneWhenFengtaiHasTheCase() {
        Application a = fengtaiCase(false);
        assertThat(a.legs()).singleElement().satisfies(push -> {
            assertThat(push.kind()).isEqualTo(Leg.Kind.PUSH);
            assertThat(push.dueOn()).as("Friday's case: due Monday").isEqualTo(MONDAY);
        });
        assertThat(a.overdueLegs(MONDAY)).isEmpty();
        assertThat(a.overdueLegs(MONDAY.plusDays(1))).extracting(Leg::kind).containsExactly(Leg.Kind.PUSH);

        a.startPreReview("officer-demo", NOW);
        a.handOff("officer-demo", NOW, FRIDAY, CALENDAR);
        a.attempted(1, o -> o.delivered(NOW), MONDAY.plusDays(1));
        assertThat(a.legs().get(0).doneOn()).isEqualTo(MONDAY.plusDays(1));
        assertThat(a.overdueLegs(MONDAY.plusDays(5))).as("done, even if late").isEmpty();
        assertThat(a.allowedActions(true, false)).as("no paper originals for this item").doesNotContain(Action.Kind.MAIL_ORIGINALS);
    }

    @Test
    void paperOriginalsAreDueTwoWorkingDaysAfterTheHandOffUntilTheyAreMailed() {
        Application a = fengtaiCase(true);
        a.startPreReview("officer-demo", NOW);
        a.handOff("officer-demo", NOW, FRIDAY, CALENDAR);
        Leg originals = a.legs().get(1);
        assertThat(originals.kind()).isEqualTo(Leg.Kind.ORIGINALS);
        assertThat(originals.dueOn()).isEqualTo(MONDAY.plusDays(1));
        assertThat(a.allowedActions(true, false)).contains(Action.Kind.MAIL_ORIGINALS);
        a.mailOriginals("SF2000000001", "officer-demo", NOW, MONDAY);
        assertThat(a.legs().get(1).doneOn()).isEqualTo(MONDAY);
        assertThat(a.originalsMailing().trackingNumber()).isEqualTo("SF2000000001");
        assertThat(a.allowedActions(true, false)).as("mailed once").doesNotContain(Action.Kind.MAIL_ORIGINALS);
    }

    @Test
    void fengtaisDecisionRunsFromItsAcceptanceForThePromisedDaysAndTheResultHasOneMore() {
        Application a = fengtaiCase(false);
        a.startPreReview("officer-demo", NOW);
        a.handOff("officer-demo", NOW, FRIDAY, CALENDAR);
        a.attempted(1, o -> o.delivered(NOW), FRIDAY);
        a.receive(fromFengtai(a, 1, PartnerMessage.Kind.ACCEPTED, null), MONDAY, CALENDAR);
        Leg decision = a.legs().get(1);
        assertThat(decision.kind()).isEqualTo(Leg.Kind.DECISION);
        assertThat(decision.dueOn()).as("10 working days from Monday").isEqualTo(LocalDate.of(2026, 12, 21)).isEqualTo(a.dueOn());
        assertThat(a.overdueLegs(LocalDate.of(2026, 12, 22))).extracting(Leg::kind).containsExactly(Leg.Kind.DECISION);

        a.receive(fromFengtai(a, 2, PartnerMessage.Kind.HANDLING_STARTED, null), MONDAY, CALENDAR);
        a.receive(fromFengtai(a, 3, PartnerMessage.Kind.COMPLETED, PartnerMessage.Outcome.APPROVED), LocalDate.of(2026, 12, 31), CALENDAR);
        Leg result = a.legs().get(2);
        assertThat(result.kind()).isEqualTo(Leg.Kind.RESULT);
        assertThat(result.dueOn()).as("元旦, then the weekend").isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(a.legs().get(1).doneOn()).isEqualTo(LocalDate.of(2026, 12, 31));
        a.deliverResult(Application.ResultDelivery.Method.ONLINE, null, "officer-demo", NOW, LocalDate.of(2027, 1, 4));
        assertThat(a.legs()).allSatisfy(l -> assertThat(l.doneOn()).isNotNull());
    }

    @Test
    void aWithdrawnCaseHasNoOverdueLegs() {
        Application a = fengtaiCase(false);
        a.withdraw("citizen-demo", NOW);
        assertThat(a.overdueLegs(MONDAY.plusDays(30))).isEmpty();
    }
}
