package cn.hongqiao.samecity.defaults.problem;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/**
 * Problems in the caller's language: Chinese ({@code zh-CN}) unless {@code Accept-Language} prefers
 * English. Messages live in the bundles {@code platform-problems} (this module: the codes every
 * process shares) and {@code problems} (each process's own); the base file is Chinese, {@code _en}
 * English. Per code: {@code problem.<code>.title}, {@code .detail}, {@code .meaning} and
 * {@code .action} (the last two for the catalogue in {@code docs/problems/}); field messages are
 * {@code rule.<rule>}.
 */
public class ProblemMessages {

    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);

    private final MessageSource messages;

    public ProblemMessages(MessageSource messages) {
        this.messages = messages;
    }

    /** Chinese unless the caller prefers English; any other language gets Chinese. */
    public static Locale localeOf(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return CHINESE;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                String tag = range.getRange().toLowerCase(Locale.ROOT);
                if (range.getWeight() <= 0) {
                    continue;
                }
                if (tag.equals("zh") || tag.startsWith("zh-")) {
                    return CHINESE;
                }
                if (tag.equals("en") || tag.startsWith("en-")) {
                    return ENGLISH;
                }
            }
        } catch (IllegalArgumentException malformed) {
            return CHINESE;
        }
        return CHINESE;
    }

    public static String titleKey(String code) {
        return "problem." + code + ".title";
    }

    public static String detailKey(String code) {
        return "problem." + code + ".detail";
    }

    /** An argument that is itself a message (a resource's name, an enum value's label), translated with the rest. */
    public static MessageSourceResolvable label(String key) {
        return new DefaultMessageSourceResolvable(new String[] { key }, key);
    }

    /** A problem of this code in the given language, detail from {@code problem.<code>.detail} and the arguments. */
    public ProblemDetail problem(HttpStatusCode status, String code, Locale locale, Object... arguments) {
        return problemWithDetail(status, code, detailKey(code), locale, arguments);
    }

    /**
     * A request the web server refused itself, before any application code ran: a 400 there is the
     * request being unreadable ({@code bad-request}), any other status has the code for it.
     */
    public ProblemDetail refusedByServer(int status, Locale locale) {
        return problem(HttpStatusCode.valueOf(status), status == 400 ? "bad-request" : Problems.codeFor(status), locale);
    }

    /** As {@link #problem}, with a detail message of its own ({@code detailMessage}) and the arguments. */
    public ProblemDetail problemWithDetail(HttpStatusCode status, String code, String detailMessage, Locale locale,
            Object... arguments) {
        ProblemDetail problem = Problems.of(status, code);
        problem.setTitle(title(code, status.value(), locale));
        problem.setDetail(messages.getMessage(detailMessage, arguments, null, locale));
        return problem;
    }

    /**
     * Fills an {@link ErrorResponse}'s title and detail in the language (its own message codes:
     * the platform's for a {@link ProblemException}, Spring's {@code problemDetail.*} for Spring's own),
     * then gives it the platform's code for its status where it has none, and that code's title where
     * the error has no title of its own.
     */
    public ProblemDetail localize(ErrorResponse error, Locale locale) {
        ProblemDetail body = error.updateAndGetBody(messages, locale);
        boolean hadCode = body.getProperties() != null && body.getProperties().get(Problems.CODE) instanceof String;
        Problems.ensureCode(body);
        String code = Problems.codeOf(body);
        if (!hadCode || body.getTitle() == null) {
            body.setTitle(title(code, body.getStatus(), locale));
        }
        if (!hadCode && !messageExists(error.getDetailMessageCode(), locale)) {
            // Spring's own English detail has no translation: say it with the code's words instead
            String generic = messages.getMessage(detailKey(code), null, null, locale);
            if (generic != null) {
                body.setDetail(generic);
            }
        }
        return body;
    }

    /** 400 {@code invalid-request} listing each field with its message in the language. */
    public ProblemDetail invalid(List<Violation> violations, Locale locale) {
        return invalidFields(violations.stream().map(v -> fieldError(v, locale)).toList(), locale);
    }

    /** 400 {@code invalid-request} for field errors already worded (Bean Validation's, which speak the request's language). */
    public ProblemDetail invalidFields(List<FieldError> errors, Locale locale) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request");
        problem.setTitle(title("invalid-request", 400, locale));
        problem.setDetail(errors.stream().map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining(CHINESE.getLanguage().equals(locale.getLanguage()) ? "；" : "; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    public FieldError fieldError(Violation violation, Locale locale) {
        return new FieldError(violation.field(), text("rule." + violation.rule(), locale, violation.arguments()));
    }

    /** The status a code answers with, from the catalogue ({@code problem.<code>.status}); null for an unknown code. */
    public Integer statusOf(String code) {
        String status = messages.getMessage("problem." + code + ".status", null, null, CHINESE);
        return status == null ? null : Integer.valueOf(status.trim());
    }

    /** A code's title in the language, or null for an unknown code. */
    public String titleOf(String code, Locale locale) {
        return messages.getMessage(titleKey(code), null, null, locale);
    }

    /** A message in the language, or its key if it is missing (a missing message shows, it never hides the error). */
    public String text(String key, Locale locale, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }

    private String title(String code, int status, Locale locale) {
        String title = messages.getMessage(titleKey(code), null, null, locale);
        if (title != null) {
            return title;
        }
        HttpStatus known = HttpStatus.resolve(status);
        return known == null ? String.valueOf(status) : known.getReasonPhrase();
    }

    private boolean messageExists(String key, Locale locale) {
        return messages.getMessage(key, null, null, locale) != null;
    }
}
