package cn.hongqiao.samecity.publicservices.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Working days as the State Council's holiday arrangement defines them: Monday to Friday, less
 * public holidays, plus the weekend days worked in exchange (调休上班). The dates are
 * configuration ({@code services.calendar.holidays}, {@code services.calendar.make-up-workdays}),
 * published each year.
 */
@ConfigurationProperties("services.calendar")
public record WorkingDayCalendar(Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {

    public WorkingDayCalendar {
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
        makeUpWorkdays = makeUpWorkdays == null ? Set.of() : Set.copyOf(makeUpWorkdays);
    }

    public static WorkingDayCalendar of(List<LocalDate> holidays, List<LocalDate> makeUpWorkdays) {
        return new WorkingDayCalendar(Set.copyOf(holidays), Set.copyOf(makeUpWorkdays));
    }

    public boolean isWorkingDay(LocalDate day) {
        if (makeUpWorkdays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The day {@code workingDays} working days after {@code from} (not counting {@code from} itself). */
    public LocalDate plusWorkingDays(LocalDate from, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("workingDays must not be negative");
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Working days after {@code from} up to and including {@code to} (0 when {@code to} is not after {@code from}). */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int count = 0;
        for (LocalDate day = from.plusDays(1); !day.isAfter(to); day = day.plusDays(1)) {
            if (isWorkingDay(day)) {
                count++;
            }
        }
        return count;
    }
}
