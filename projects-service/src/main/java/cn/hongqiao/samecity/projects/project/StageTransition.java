package cn.hongqiao.samecity.projects.project;

import java.time.Instant;
import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/** One recorded stage move: from, to, the day it happened, who recorded it and when. */
public record StageTransition(Stage from, Stage to, LocalDate date, @Nullable String note, String recordedBy, Instant recordedAt) {
}
