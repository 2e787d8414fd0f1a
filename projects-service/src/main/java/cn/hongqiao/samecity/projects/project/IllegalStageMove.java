package cn.hongqiao.samecity.projects.project;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.hongqiao.samecity.defaults.problem.StateConflict;

/**
 * {@code illegal-stage-transition}: a stage move the lifecycle does not allow; the 409 names the
 * current stage and the stages that are allowed ({@code allowed}, empty once the project is in use).
 */
class IllegalStageMove extends StateConflict {

    IllegalStageMove(Stage from, Stage to, Set<Stage> allowed) {
        super("illegal-stage-transition", Map.of("currentStage", from, "allowed", allowed.stream().sorted().toList()),
                from, from.label(), to, to.label(),
                allowed.isEmpty() ? "-" : allowed.stream().sorted().map(Stage::name).collect(Collectors.joining(", ")),
                allowed.isEmpty() ? "无" : allowed.stream().sorted().map(Stage::label).collect(Collectors.joining("、")));
    }
}
