package cn.hongqiao.samecity.defaults;

import java.util.regex.Pattern;

import cn.hongqiao.samecity.defaults.web.TextMatch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TextMatchTest {

    @Test
    void everyRegexCharacterIsLiteral() {
        for (String input : new String[] { ".*", "(a+)+$", "[西站]", "a|b", "\\d", "^x", "{1,2}", "西站南" }) {
            Pattern compiled = Pattern.compile(TextMatch.escape(input));
            assertThat(compiled.matcher("前缀" + input + "后缀").find()).as(input).isTrue();
            assertThat(compiled.matcher("unrelated").find()).as(input).isFalse();
        }
    }
}
