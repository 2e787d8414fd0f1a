package cn.hongqiao.samecity.publicservices.applications;

import java.time.LocalDate;
import java.util.Map;

import cn.hongqiao.samecity.publicservices.calendar.WorkingDayCalendar;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code services.rectification}: how long a department has, in working days counted from the
 * rating, to contact the rater (回访, default 1) and to rectify and report back (default 5), as
 * Tianjin's 好差评 rules set them; a department may have its own under {@code departments}.
 */
@ConfigurationProperties("services.rectification")
public record RectificationRules(@Nullable Integer followUpWorkingDays, @Nullable Integer reportWorkingDays, Map<String, Limits> departments) {

    /** One department's own limits (either may be left to the default). */
    public record Limits(@Nullable Integer followUpWorkingDays, @Nullable Integer reportWorkingDays) {
    }

    public RectificationRules {
        followUpWorkingDays = followUpWorkingDays == null ? 1 : followUpWorkingDays;
        reportWorkingDays = reportWorkingDays == null ? 5 : reportWorkingDays;
        departments = departments == null ? Map.of() : Map.copyOf(departments);
    }

    /** The rectification a poor rating opens on {@code ratedOn}, its due dates on the working-day calendar. */
    Rectification openFor(Evaluation evaluation, LocalDate ratedOn, WorkingDayCalendar calendar) {
        Limits own = departments.get(evaluation.department());
        int followUp = own != null && own.followUpWorkingDays() != null ? own.followUpWorkingDays() : followUpWorkingDays;
        int report = own != null && own.reportWorkingDays() != null ? own.reportWorkingDays() : reportWorkingDays;
        return Rectification.open(evaluation, ratedOn, calendar.plusWorkingDays(ratedOn, followUp), calendar.plusWorkingDays(ratedOn, report));
    }
}
