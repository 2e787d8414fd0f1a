package cn.hongqiao.samecity.defaults.observability;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import cn.hongqiao.samecity.defaults.observability.ReceivedSpansAutoConfiguration.SampledSpansTagged;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** A received request's span carries the request's key values when it is sampled, and nothing is rendered for one left out. */
class ReceivedSpansTest {

    private final SampledSpansTagged handler = new SampledSpansTagged(Tracer.NOOP, Propagator.NOOP);

    @Test
    void aSampledSpanIsTaggedWithEveryKeyValueOfTheRequest() {
        List<String> tags = new ArrayList<>();
        handler.tagSpan(request(), span(true, tags));
        assertThat(tags).containsExactlyInAnyOrder("method=GET", "uri=/api/v1/projects/{id}", "http.url=/api/v1/projects/p-1");
    }

    @Test
    void aSpanTheSamplerLeftOutIsNotTagged() {
        List<String> tags = new ArrayList<>();
        handler.tagSpan(request(), span(false, tags));
        assertThat(tags).isEmpty();
    }

    @Test
    void itTakesSpringBootsPlaceAsTheReceiversHandler() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ReceivedSpansAutoConfiguration.class, MicrometerTracingAutoConfiguration.class))
                .withBean(Tracer.class, () -> Tracer.NOOP).withBean(Propagator.class, () -> Propagator.NOOP)
                .run(context -> assertThat(context.getBeansOfType(PropagatingReceiverTracingObservationHandler.class).values())
                        .singleElement().isInstanceOf(SampledSpansTagged.class));
    }

    private static ReceiverContext<?> request() {
        ReceiverContext<Object> context = new ReceiverContext<>((carrier, key) -> null);
        context.addLowCardinalityKeyValue(KeyValue.of("method", "GET"));
        context.addLowCardinalityKeyValue(KeyValue.of("uri", "/api/v1/projects/{id}"));
        context.addHighCardinalityKeyValue(KeyValue.of("http.url", "/api/v1/projects/p-1"));
        return context;
    }

    /** A span that records its tags, recording (sampled) or not. */
    private static Span span(boolean recording, List<String> tags) {
        return (Span) Proxy.newProxyInstance(Span.class.getClassLoader(), new Class<?>[] { Span.class }, (proxy, method, args) -> switch (method.getName()) {
            case "isNoop" -> !recording;
            case "tag" -> {
                tags.add(args[0] + "=" + args[1]);
                yield proxy;
            }
            default -> method.getReturnType().isInstance(proxy) ? proxy : null;
        });
    }
}
