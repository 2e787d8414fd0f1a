package cn.hongqiao.samecity.defaults.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Local platform only: the launcher passes its own pid as {@code platform.local.parent-pid}; when
 * that process ends, however it ends, this one shuts down too, so no orphan keeps a port or a
 * database file.
 */
@AutoConfiguration
@ConditionalOnProperty("platform.local.parent-pid")
public class ParentProcessWatchdogAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ParentProcessWatchdogAutoConfiguration.class);

    @Bean
    SmartLifecycle parentProcessWatchdog(Environment env) {
        long pid = env.getRequiredProperty("platform.local.parent-pid", Long.class);
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                running = true;
                ProcessHandle.of(pid).ifPresentOrElse(
                        parent -> parent.onExit().thenRun(() -> exit("ended")),
                        () -> exit("is not running"));
            }

            private void exit(String why) {
                log.warn("Launcher process {} {}; shutting down", pid, why);
                new Thread(() -> System.exit(0), "parent-watchdog-exit").start();
            }

            @Override
            public void stop() {
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }
}
