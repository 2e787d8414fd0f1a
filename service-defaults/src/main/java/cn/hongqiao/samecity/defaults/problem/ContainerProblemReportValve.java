package cn.hongqiao.samecity.defaults.problem;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report for requests it refuses itself, before any application code sees them
 * (characters not allowed unencoded in the request line, an encoded slash, an over-long URI or
 * header, a malformed request): an RFC 9457 problem in the caller's language instead of Tomcat's
 * HTML page or an empty body. Replaces the host's {@link ErrorReportValve}; errors the application
 * answers itself have a body already and are left alone.
 */
public class ContainerProblemReportValve extends ErrorReportValve {

    private final JsonMapper json;
    private final ProblemMessages messages;

    public ContainerProblemReportValve(JsonMapper json, ProblemMessages messages) {
        this.json = json;
        this.messages = messages;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        Locale locale = ProblemMessages.localeOf(header(request, HttpHeaders.ACCEPT_LANGUAGE));
        ProblemDetail problem = messages.refusedByServer(status, locale);
        try {
            response.setContentType(Problems.APPLICATION_PROBLEM_JSON.toString());
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.setHeader(HttpHeaders.CONTENT_LANGUAGE, locale.toLanguageTag());
            response.setHeader(HttpHeaders.CONNECTION, "close");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(json.writeValueAsString(Problems.members(problem)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException unwritable) {
            // the connection is gone or the response was committed meanwhile: nothing more to say
        }
    }

    private static String header(Request request, String name) {
        try {
            return request.getHeader(name);
        } catch (RuntimeException unparsed) {
            return null;
        }
    }
}
