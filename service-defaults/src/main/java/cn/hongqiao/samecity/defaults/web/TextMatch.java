package cn.hongqiao.samecity.defaults.web;

import java.util.regex.Pattern;

import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Name search without {@code $text} (which the embedded server lacks): a case-insensitive
 * "contains" regex in which every character the user typed is literal, so input such as
 * {@code .*} or {@code (a+)+} cannot change the query or make it slow.
 */
public final class TextMatch {

    private static final Pattern SPECIAL = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}/-]");

    private TextMatch() {
    }

    public static String escape(String text) {
        return SPECIAL.matcher(text).replaceAll("\\\\$0");
    }

    public static Criteria contains(String field, String text) {
        return Criteria.where(field).regex(escape(text.trim()), "i");
    }
}
