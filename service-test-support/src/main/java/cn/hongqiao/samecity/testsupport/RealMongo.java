package cn.hongqiao.samecity.testsupport;

import java.util.List;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * The documented switch {@code -Dplatform.test.mongodb=real}: every {@link ServiceTest} then runs
 * against a real MongoDB 8 (a replica set, via Testcontainers) instead of the embedded wire
 * server, to prove the code depends on nothing the embedded server fakes. Without Docker those
 * tests are skipped, saying why; without the switch nothing here does anything.
 */
public final class RealMongo {

    public static final String SWITCH = "platform.test.mongodb";
    static final String IMAGE = "mongo:8.0";

    private static MongoDBContainer container;

    private RealMongo() {
    }

    static boolean requested() {
        return "real".equalsIgnoreCase(System.getProperty(SWITCH, ""));
    }

    static synchronized String connectionString(String database) {
        if (container == null) {
            container = new MongoDBContainer(IMAGE);
            container.start();
        }
        return container.getReplicaSetUrl(database);
    }

    /** Skips a {@link ServiceTest} when the real-MongoDB run is asked for but Docker is not there. */
    public static final class DockerCondition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (!requested()) {
                return ConditionEvaluationResult.enabled("embedded MongoDB wire server");
            }
            return DockerClientFactory.instance().isDockerAvailable()
                    ? ConditionEvaluationResult.enabled("real MongoDB 8 via Testcontainers")
                    : ConditionEvaluationResult.disabled("-D" + SWITCH + "=real asks for MongoDB 8 via Testcontainers, but Docker is not available");
        }
    }

    /** Points the service under test at the container instead of the embedded server. */
    public static final class CustomizerFactory implements ContextCustomizerFactory {
        @Override
        public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
            if (!requested() || !testClass.isAnnotationPresent(ServiceTest.class)) {
                return null;
            }
            return new Customizer();
        }
    }

    private static final class Customizer implements ContextCustomizer {
        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            if (!DockerClientFactory.instance().isDockerAvailable()) {
                return; // the tests are skipped by DockerCondition
            }
            String database = context.getEnvironment().getProperty("spring.mongodb.database", "test");
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("realMongo", java.util.Map.of(
                    "platform.mongodb.embedded", "false",
                    "spring.mongodb.uri", connectionString(database))));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }
}
