package cn.hongqiao.samecity.defaults.problem;

import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;

/** RFC 9457 errors for Spring MVC services, in one step, in the caller's language. */
@AutoConfiguration(after = ProblemMessagesAutoConfiguration.class,
        before = { WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class })
@ConditionalOnWebApplication(type = Type.SERVLET)
public class ServletProblemAutoConfiguration {

    @Bean
    ServletProblemHandler servletProblemHandler(ProblemMessages messages) {
        return new ServletProblemHandler(messages);
    }

    @Bean
    ProblemErrorController problemErrorController(ProblemMessages messages) {
        return new ProblemErrorController(messages);
    }

    /** Chinese unless {@code Accept-Language} prefers English: for problems and Bean Validation's messages alike. */
    @Bean(name = DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
    LocaleResolver localeResolver() {
        AcceptHeaderLocaleResolver resolver = new AcceptHeaderLocaleResolver() {
            @Override
            public Locale resolveLocale(HttpServletRequest request) {
                return ProblemMessages.localeOf(request.getHeader(HttpHeaders.ACCEPT_LANGUAGE));
            }
        };
        resolver.setSupportedLocales(ProblemMessages.SUPPORTED);
        resolver.setDefaultLocale(ProblemMessages.CHINESE);
        return resolver;
    }

    @Bean
    ServletProblems servletProblems(JsonMapper json, ProblemMessages messages) {
        return new ServletProblems(json, messages);
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(Environment env, ServletProblems problems) {
        DataSize limit = env.getProperty("platform.http.max-body-size", DataSize.class, DataSize.ofMegabytes(1));
        FilterRegistrationBean<RequestBodyLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestBodyLimitFilter(limit.toBytes(), problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
