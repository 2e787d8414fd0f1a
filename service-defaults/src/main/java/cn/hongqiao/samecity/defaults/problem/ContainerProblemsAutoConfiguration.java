package cn.hongqiao.samecity.defaults.problem;

import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Requests the web server refuses before any application code runs answer problems too: Tomcat's
 * error report ({@link ContainerProblemReportValve}) for the services, a handler behind Reactor
 * Netty's HTTP codec ({@link NettyProblemResponses}) for the gateway.
 */
@AutoConfiguration(after = ProblemMessagesAutoConfiguration.class)
public class ContainerProblemsAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.SERVLET)
    @ConditionalOnClass({ TomcatServletWebServerFactory.class, ErrorReportValve.class })
    static class TomcatProblems {

        @Bean
        ProblemErrorReports problemErrorReports(JsonMapper json, ProblemMessages messages) {
            return new ProblemErrorReports(json, messages);
        }
    }

    /** Puts {@link ContainerProblemReportValve} in place of the host's error report valve. */
    static final class ProblemErrorReports implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

        private final JsonMapper json;
        private final ProblemMessages messages;

        ProblemErrorReports(JsonMapper json, ProblemMessages messages) {
            this.json = json;
            this.messages = messages;
        }

        @Override
        public void customize(TomcatServletWebServerFactory factory) {
            factory.addContextCustomizers(context -> {
                Container host = context.getParent();
                for (Valve valve : host.getPipeline().getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        host.getPipeline().removeValve(valve);
                    }
                }
                host.getPipeline().addValve(new ContainerProblemReportValve(json, messages));
                if (host instanceof StandardHost standard) {
                    // else the host adds Tomcat's own valve again when it starts
                    standard.setErrorReportValveClass(ContainerProblemReportValve.class.getName());
                }
            });
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE; // after Boot's own customizer, which adds Tomcat's valve
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = Type.REACTIVE)
    @ConditionalOnClass({ NettyReactiveWebServerFactory.class, HttpServer.class })
    static class NettyProblems {

        @Bean
        WebServerFactoryCustomizer<NettyReactiveWebServerFactory> problemResponses(JsonMapper json, ProblemMessages messages) {
            return factory -> factory.addServerCustomizers(server -> server.doOnChannelInit((observer, channel, address) -> {
                if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                    channel.pipeline().addAfter(NettyPipeline.HttpCodec, "platformProblemResponses",
                            new NettyProblemResponses(json, messages));
                }
            }));
        }
    }
}
