package cn.hongqiao.samecity.projects.project;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import cn.hongqiao.samecity.defaults.problem.StateConflict;

/** A stage move the lifecycle does not allow; the 409 names the stages that are allowed. */
class IllegalStageMove extends StateConflict {

    IllegalStageMove(Stage from, Stage to, Set<Stage> allowed) {
        super("Illegal stage move", "A project at " + from + " (" + from.label() + ") cannot move to " + to + " (" + to.label()
                + "); allowed: " + (allowed.isEmpty() ? "none, the lifecycle is complete"
                        : allowed.stream().map(s -> s + " (" + s.label() + ")").collect(Collectors.joining(", "))) + ".",
                Map.of("currentStage", from, "allowed", allowed.stream().sorted().toList()));
    }
}
