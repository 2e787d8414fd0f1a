package cn.hongqiao.samecity.publicservices.calendar;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Due dates count working days: weekends and holidays skipped, make-up working days counted. */
class WorkingDayCalendarTest {

    static final WorkingDayCalendar NATIONAL_DAY_2025 = WorkingDayCalendar.of(
            List.of(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 2), LocalDate.of(2025, 10, 3), LocalDate.of(2025, 10, 4),
                    LocalDate.of(2025, 10, 5), LocalDate.of(2025, 10, 6), LocalDate.of(2025, 10, 7), LocalDate.of(2025, 10, 8)),
            List.of(LocalDate.of(2025, 9, 28), LocalDate.of(2025, 10, 11)));

    @Test
    void weekendsAreSkipped() {
        WorkingDayCalendar plain = WorkingDayCalendar.of(List.of(), List.of());
        assertThat(plain.plusWorkingDays(LocalDate.of(2025, 6, 13), 1)).as("Friday + 1").isEqualTo(LocalDate.of(2025, 6, 16));
        assertThat(plain.plusWorkingDays(LocalDate.of(2025, 6, 13), 5)).isEqualTo(LocalDate.of(2025, 6, 20));
        assertThat(plain.plusWorkingDays(LocalDate.of(2025, 6, 13), 0)).isEqualTo(LocalDate.of(2025, 6, 13));
    }

    @Test
    void holidaysAreSkippedAndMakeUpWorkdaysCount() {
        // accepted Friday 26 September: Sun 28 (make-up), Mon 29, Tue 30, then 1-8 October off, Thu 9, Fri 10
        assertThat(NATIONAL_DAY_2025.plusWorkingDays(LocalDate.of(2025, 9, 26), 5)).isEqualTo(LocalDate.of(2025, 10, 10));
        assertThat(NATIONAL_DAY_2025.isWorkingDay(LocalDate.of(2025, 9, 28))).isTrue();
        assertThat(NATIONAL_DAY_2025.isWorkingDay(LocalDate.of(2025, 10, 6))).as("a holiday Monday").isFalse();
        assertThat(NATIONAL_DAY_2025.isWorkingDay(LocalDate.of(2025, 10, 11))).as("make-up Saturday").isTrue();
        assertThat(NATIONAL_DAY_2025.workingDaysBetween(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 10))).isEqualTo(2);
    }
}
