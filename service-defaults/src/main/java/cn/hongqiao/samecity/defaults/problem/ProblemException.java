package cn.hongqiao.samecity.defaults.problem;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponseException;

/**
 * An error answered as a problem with a stable {@code code}. Its title is the message
 * {@code problem.<code>.title}, its detail {@code problem.<code>.detail} (or the given detail
 * message) with the arguments, both in the caller's language; arguments that are themselves
 * messages ({@link ProblemMessages#label(String)}) are translated too.
 */
public class ProblemException extends ErrorResponseException {

    private final String code;

    public ProblemException(HttpStatusCode status, String code, Object... arguments) {
        this(status, code, null, arguments);
    }

    /** With a detail message of its own ({@code detailMessage}) instead of {@code problem.<code>.detail}. */
    public ProblemException(HttpStatusCode status, String code, @Nullable String detailMessage, Object... arguments) {
        super(status, Problems.of(status, code), null,
                detailMessage != null ? detailMessage : ProblemMessages.detailKey(code), arguments);
        this.code = code;
    }

    public String code() {
        return code;
    }

    @Override
    public String getTitleMessageCode() {
        return ProblemMessages.titleKey(code);
    }

    @Override
    public String getTypeMessageCode() {
        return "problem." + code + ".type"; // never defined: the type is the code's
    }

    @Override
    public String getMessage() {
        return code + " " + java.util.Arrays.toString(getDetailMessageArguments());
    }
}
