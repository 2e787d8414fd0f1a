package cn.hongqiao.samecity.publicservices.applications;

import java.time.LocalDate;

import cn.hongqiao.samecity.publicservices.calendar.WorkingDayCalendar;
import org.jspecify.annotations.Nullable;

/**
 * One leg of a case Hongqiao takes in for a partner region, with its own clock on the working-day
 * calendar (跨省通办 agreements set a limit per leg): the intake window pushes the case, mails the
 * paper originals, the deciding office decides (the item's promised limit, from its acceptance), the
 * window delivers the result. Overdue: not done and past its due date.
 */
public record Leg(Kind kind, LocalDate startedOn, LocalDate dueOn, @Nullable LocalDate doneOn) {

    public enum Kind {
        PUSH("推送办理地"),
        ORIGINALS("寄送纸质原件"),
        DECISION("办理地办结"),
        RESULT("送达结果");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Each leg's limit in working days (the decision's is the item's promised limit). */
    public record Limits(int push, int originals, int result) {

        public static final Limits DEFAULTS = new Limits(1, 2, 1);

        int of(Kind kind) {
            return switch (kind) {
                case PUSH -> push;
                case ORIGINALS -> originals;
                case RESULT -> result;
                case DECISION -> throw new IllegalArgumentException("the decision's limit is the item's");
            };
        }
    }

    static Leg started(Kind kind, LocalDate on, int workingDays, WorkingDayCalendar calendar) {
        return new Leg(kind, on, calendar.plusWorkingDays(on, workingDays), null);
    }

    Leg done(LocalDate on) {
        return doneOn != null ? this : new Leg(kind, startedOn, dueOn, on);
    }

    Leg dueOn(LocalDate due) {
        return new Leg(kind, startedOn, due, doneOn);
    }

    boolean open() {
        return doneOn == null;
    }

    boolean overdue(LocalDate today) {
        return doneOn == null && today.isAfter(dueOn);
    }
}
