package cn.hongqiao.samecity.testsupport;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Every answer a service's tests receive through MockMvc is checked against the service's
 * checked-in API document ({@code docs/openapi/<service>.json}, see {@link ApiContract}): a status
 * the document does not state, a member it calls required that is missing, a {@code null} where it
 * promises a value, a member it does not declare, fails the test that saw it. So the document
 * portals generate their clients from is proven by the whole suite, not only by its own test.
 * While {@code -Ddocs.update=true} rewrites the documents the check is off (the file is being
 * replaced); the next plain run checks against the new one.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DocumentedAnswers {

    @Bean
    MockMvcBuilderCustomizer answersKeepTheDocumentedContract(Environment env) {
        Path document = Path.of("..", "docs", "openapi", env.getRequiredProperty("spring.application.name") + ".json");
        return builder -> builder.alwaysDo(result -> {
            MockHttpServletRequest request = result.getRequest();
            if (request.isAsyncStarted() || Boolean.getBoolean("docs.update")) {
                return;
            }
            MockHttpServletResponse response = result.getResponse();
            List<String> violations = ApiContract.of(document).violations(request.getMethod(), request.getRequestURI(),
                    response.getStatus(), response.getContentType(), response.getContentAsByteArray());
            if (!violations.isEmpty()) {
                throw new AssertionError("The answer breaks " + document + ":\n  " + String.join("\n  ", violations)
                        + "\n  body: " + response.getContentAsString());
            }
        });
    }
}
